/**
 * Region ids the simulator recognises: real Alibaba Cloud public, finance and government
 * regions. Anything else is answered with InvalidRegionId.NotFound, as the real API does.
 */
export const ALIBABA_REGION_IDS: readonly string[] = Object.freeze([
    // Mainland China
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
    "cn-wuhan-lr",
    // Hong Kong and the rest of the world
    "cn-hongkong",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-southeast-1",
    "ap-southeast-3",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "us-east-1",
    "us-west-1",
    "na-south-1",
    "eu-west-1",
    "eu-central-1",
    "me-east-1",
    "me-central-1",
    // Finance and government clouds
    "cn-shanghai-finance-1",
    "cn-shenzhen-finance-1",
    "cn-beijing-finance-1",
    "cn-north-2-gov-1",
]);

export function isKnownRegion(regionId: string): boolean {
    return ALIBABA_REGION_IDS.includes(regionId);
}

/**
 * The region a request's Host names, as Alibaba's regional endpoints do: ecd.cn-hangzhou.aliyuncs.com,
 * tds.ap-southeast-1.aliyuncs.com, ecs-cn-hangzhou.aliyuncs.com. APIs without a RegionId parameter
 * (ECD's, Security Center's) learn their region this way only. Undefined for any other Host, such
 * as the simulator's own 127.0.0.1:PORT.
 */
export function regionOfHost(host: string): string | undefined {
    const name = host.toLowerCase().replace(/:\d+$/, "").replace(/\.$/, "");
    if (!name.endsWith(".aliyuncs.com")) return undefined;
    const labels = name.slice(0, -".aliyuncs.com".length);
    return ALIBABA_REGION_IDS.find((region) => labels.endsWith(`.${region}`) || labels.endsWith(`-${region}`));
}
