/**
 * Where each product's API answers, as Alibaba Cloud's own SDKs say: every generated client (the
 * TypeScript `@alicloud/<product><version>` clients, their Go and Python twins) carries an endpoint
 * rule and a map of region exceptions, and resolves an endpoint as "the map's entry for the region,
 * else the rule". The entries below are those maps' public regions (internal and test regions left
 * out), read from: ECS ecs20140526 7.11, Container Service cs20151215 7.2, Certificate Management
 * cas20200407 3.0, Security Center sas-20181203 (2026), ECD ecd-20200930 (2026: no map), BDRC
 * bdrc-20230808 (no map and no rule: its clients are given an endpoint; the regions are those its
 * API reference lists). README "Endpoints" shows this table; `npm test` checks the exceptions.
 */

/** How a client builds the endpoint of a region the map does not list. */
type EndpointRule = "regional" | "central";

export interface ProductEndpoints {
    /** The product code as the SDKs and the aliyun CLI spell it ("ecs", "sas"); matched case-insensitively. */
    readonly code: string;
    /** How messages name the product. */
    readonly name: string;
    /** The first label of its hosts: "ecs" for ecs.cn-beijing.aliyuncs.com, "tds" for Security Center. */
    readonly host: string;
    /** regional: <host>.<region>.aliyuncs.com; central: <host>.aliyuncs.com. */
    readonly rule: EndpointRule;
    /** Regions whose endpoint is not the rule's: region -> host name. */
    readonly exceptions: Readonly<Record<string, string>>;
    /** A rule for regions the map does not list, where the SDKs' default would name a host that does not exist. */
    readonly otherRegions?: (region: string) => string;
    /** Where the product is offered, when it is offered in a few regions only. */
    readonly offeredIn?: readonly string[];
}

const SAS_MAINLAND = "tds.cn-shanghai.aliyuncs.com";
const SAS_INTERNATIONAL = "tds.ap-southeast-1.aliyuncs.com";

/** Security Center's map: mainland China, Hong Kong and the finance and government clouds on one endpoint, the rest of the world on another. */
const SAS_EXCEPTIONS: Record<string, string> = {
    ...Object.fromEntries(
        [
            "cn-qingdao",
            "cn-beijing",
            "cn-zhangjiakou",
            "cn-huhehaote",
            "cn-wulanchabu",
            "cn-hangzhou",
            "cn-shanghai",
            "cn-nanjing",
            "cn-fuzhou",
            "cn-shenzhen",
            "cn-heyuan",
            "cn-guangzhou",
            "cn-chengdu",
            "cn-hongkong",
            "cn-wuhan-lr",
            "cn-beijing-finance-1",
            "cn-hangzhou-finance",
            "cn-shanghai-finance-1",
            "cn-shenzhen-finance-1",
            "cn-north-2-gov-1",
        ].map((region) => [region, SAS_MAINLAND]),
    ),
    ...Object.fromEntries(
        [
            "ap-southeast-1",
            "ap-southeast-2",
            "ap-southeast-3",
            "ap-southeast-5",
            "ap-southeast-6",
            "ap-southeast-7",
            "ap-northeast-1",
            "ap-northeast-2",
            "ap-south-1",
            "eu-central-1",
            "eu-west-1",
            "us-east-1",
            "us-west-1",
            "me-east-1",
            "me-central-1",
        ].map((region) => [region, SAS_INTERNATIONAL]),
    ),
};

/** Certificate Management answers on its central endpoint for these regions (its map); elsewhere regionally. */
const CAS_CENTRAL_REGIONS = [
    "cn-hangzhou",
    "cn-beijing",
    "cn-chengdu",
    "cn-hongkong",
    "cn-huhehaote",
    "cn-qingdao",
    "cn-shanghai",
    "cn-shenzhen",
    "cn-wulanchabu",
    "cn-zhangjiakou",
    "cn-beijing-finance-1",
    "cn-hangzhou-finance",
    "cn-shanghai-finance-1",
    "cn-shenzhen-finance-1",
    "cn-north-2-gov-1",
    "ap-southeast-3",
    "ap-southeast-5",
    "eu-west-1",
    "us-east-1",
    "us-west-1",
];

export const PRODUCT_ENDPOINTS: readonly ProductEndpoints[] = [
    {
        code: "ecs",
        name: "ECS",
        host: "ecs",
        rule: "regional",
        exceptions: {
            "cn-hangzhou": "ecs-cn-hangzhou.aliyuncs.com",
            "cn-shanghai-finance-1": "ecs-cn-hangzhou.aliyuncs.com",
            "cn-shenzhen-finance-1": "ecs-cn-hangzhou.aliyuncs.com",
            "cn-hangzhou-finance": "ecs.aliyuncs.com",
            "cn-north-2-gov-1": "ecs.aliyuncs.com",
        },
    },
    {
        code: "bdrc",
        name: "Backup and Disaster Recovery Center (bdrc)",
        host: "bdrc",
        rule: "regional",
        exceptions: {},
        offeredIn: ["cn-shanghai", "ap-southeast-1", "cn-shanghai-finance-1"],
    },
    { code: "ecd", name: "Elastic Desktop Service (ecd)", host: "ecd", rule: "regional", exceptions: {} },
    {
        code: "sas",
        name: "Security Center (sas)",
        host: "tds",
        rule: "regional",
        exceptions: SAS_EXCEPTIONS,
        // the SDKs would fall back to sas.<region>.aliyuncs.com, which does not exist: the split is what the map says
        otherRegions: (region) => (region.startsWith("cn-") ? SAS_MAINLAND : SAS_INTERNATIONAL),
    },
    { code: "cs", name: "Container Service for Kubernetes (cs)", host: "cs", rule: "regional", exceptions: {} },
    {
        code: "cas",
        name: "Certificate Management Service (cas)",
        host: "cas",
        rule: "regional",
        exceptions: Object.fromEntries(CAS_CENTRAL_REGIONS.map((region) => [region, "cas.aliyuncs.com"])),
    },
];

/** Public regions that none of the maps above lists (they are newer than those SDK releases). */
const OTHER_PUBLIC_REGIONS = ["na-south-1"];

/** Every region the endpoint data names: what `check` holds a region against (wait/names.ts). */
export const KNOWN_REGIONS: readonly string[] = [
    ...new Set([...PRODUCT_ENDPOINTS.flatMap((p) => [...Object.keys(p.exceptions), ...(p.offeredIn ?? [])]), ...CAS_CENTRAL_REGIONS, ...OTHER_PUBLIC_REGIONS]),
].sort();
