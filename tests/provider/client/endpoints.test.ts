// Endpoints as Alibaba Cloud's SDK clients resolve them: the map's exceptions first, then the rule.
import * as assert from "assert";
import { endpointUrl, productEndpoint } from "../../../provider/client/endpoints";
import { apiDefinition } from "../../../provider/services/anyApi";
import { SERVICES } from "../../../provider/services/registry";

const url = (host: string) => ({ url: `https://${host}` });

describe("client/endpoints: Alibaba's endpoint data", () => {
    it("ECS: regional, but cn-hangzhou and the finance regions answer on ecs-cn-hangzhou, cn-hangzhou-finance and the government cloud centrally", () => {
        assert.deepStrictEqual(productEndpoint("ecs", "cn-beijing"), url("ecs.cn-beijing.aliyuncs.com"));
        assert.deepStrictEqual(productEndpoint("ecs", "cn-hongkong"), url("ecs.cn-hongkong.aliyuncs.com"));
        assert.deepStrictEqual(productEndpoint("Ecs", "cn-hangzhou"), url("ecs-cn-hangzhou.aliyuncs.com"), "product codes match case-insensitively");
        assert.deepStrictEqual(productEndpoint("ecs", "cn-shanghai-finance-1"), url("ecs-cn-hangzhou.aliyuncs.com"));
        assert.deepStrictEqual(productEndpoint("ecs", "cn-shenzhen-finance-1"), url("ecs-cn-hangzhou.aliyuncs.com"));
        assert.deepStrictEqual(productEndpoint("ecs", "cn-hangzhou-finance"), url("ecs.aliyuncs.com"));
        assert.deepStrictEqual(productEndpoint("ecs", "cn-north-2-gov-1"), url("ecs.aliyuncs.com"));
        assert.deepStrictEqual(SERVICES.ecs.endpoint("cn-hangzhou"), url("ecs-cn-hangzhou.aliyuncs.com"), "the built-in ECS service uses the data");
    });

    it("Security Center: mainland China, Hong Kong and the finance and government clouds on tds.cn-shanghai, the rest of the world on tds.ap-southeast-1", () => {
        for (const region of ["cn-hangzhou", "cn-hongkong", "cn-wuhan-lr", "cn-north-2-gov-1", "cn-beijing-finance-1"])
            assert.deepStrictEqual(SERVICES.sas.endpoint(region), url("tds.cn-shanghai.aliyuncs.com"), region);
        for (const region of ["ap-southeast-1", "ap-south-1", "me-central-1", "eu-west-1"])
            assert.deepStrictEqual(SERVICES.sas.endpoint(region), url("tds.ap-southeast-1.aliyuncs.com"), region);
        // not in the map: the same split, never the SDKs' sas.<region> fallback, which does not exist
        assert.deepStrictEqual(productEndpoint("sas", "cn-zhongwei"), url("tds.cn-shanghai.aliyuncs.com"));
        assert.deepStrictEqual(productEndpoint("sas", "na-south-1"), url("tds.ap-southeast-1.aliyuncs.com"));
    });

    it("bdrc: offered in three regions only, with the fix named elsewhere", () => {
        assert.deepStrictEqual(SERVICES.bdrc.endpoint("cn-shanghai-finance-1"), url("bdrc.cn-shanghai-finance-1.aliyuncs.com"));
        const refused = SERVICES.bdrc.endpoint("cn-hangzhou");
        assert.ok("unsupported" in refused);
        assert.match(refused.unsupported, /offered only in cn-shanghai, ap-southeast-1, cn-shanghai-finance-1: "cn-hangzhou" has no bdrc endpoint/);
    });

    it("ECD and Container Service are regional; Certificate Management is central where its map says, regional elsewhere", () => {
        assert.deepStrictEqual(SERVICES.ecd.endpoint("cn-hongkong"), url("ecd.cn-hongkong.aliyuncs.com"));
        assert.deepStrictEqual(productEndpoint("CS", "eu-central-1"), url("cs.eu-central-1.aliyuncs.com"));
        assert.deepStrictEqual(productEndpoint("cas", "cn-shanghai"), url("cas.aliyuncs.com"));
        assert.deepStrictEqual(productEndpoint("cas", "ap-southeast-1"), url("cas.ap-southeast-1.aliyuncs.com"));
    });

    it("an ApiWaiter's request: the product's endpoint data, unless an explicit endpoint wins", () => {
        const request = { style: "rpc" as const, product: "Ecs", version: "2014-05-26", reads: true, action: "DescribeInstances", params: {} };
        assert.deepStrictEqual(apiDefinition(request).endpoint("cn-hangzhou"), url("ecs-cn-hangzhou.aliyuncs.com"));
        assert.deepStrictEqual(
            apiDefinition({ ...request, endpoint: "ecs.cn-hangzhou.aliyuncs.com" }).endpoint("cn-hangzhou"),
            url("ecs.cn-hangzhou.aliyuncs.com"),
        );
    });

    it("a product without data follows the regional rule; an explicit endpoint becomes an https URL", () => {
        assert.deepStrictEqual(productEndpoint("Rds", "cn-beijing"), url("rds.cn-beijing.aliyuncs.com"));
        assert.strictEqual(endpointUrl("ecs.cn-hangzhou.aliyuncs.com"), "https://ecs.cn-hangzhou.aliyuncs.com");
        assert.strictEqual(endpointUrl("http://127.0.0.1:8080/"), "http://127.0.0.1:8080");
    });
});
