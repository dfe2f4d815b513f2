// ApiWaiter's check, as `pulumi preview` runs it (the lifecycle's check on a configured runtime): what it
// may call (reads, unless opted in; never a non-read in a check), where (trusted endpoints), with which
// names (none the signer sets), along which paths, how deep; regions and products against Alibaba's data.
import * as assert from "assert";
import { apiWaiterLifecycle } from "../../../provider/lifecycle/apiWaiter";
import { createRuntime } from "../../../provider/wait/runtime";
import { readSettings } from "../../../provider/wait/settings";
import { captureStdout } from "../../support/clientStub";

const runtime = createRuntime({ settings: readSettings({ get: (key) => ({ "alicloud:region": "cn-hangzhou" })[key] }, {}) });
const lifecycle = apiWaiterLifecycle(runtime);
const ECS = { product: "Ecs", version: "2014-05-26" };
const UNTIL = { until: { expr: "Instances.Instance[0].Status", to: "Running" } };

/** check's failures by property, and the lines it printed (warnings). */
async function check(inputs: Record<string, unknown>): Promise<{ failures: Record<string, string>; lines: string[] }> {
    const run = await captureStdout(() => lifecycle.check({}, { resourceName: "w", ...inputs }));
    assert.ifError(run.error);
    return { failures: Object.fromEntries((run.value!.failures ?? []).map((f) => [f.property, f.reason])), lines: run.lines };
}

describe("inputs: ApiWaiter's check", () => {
    it("refuses an action or method that is not a read, saying why and naming the opt-in", async () => {
        for (const action of ["DeleteInstance", "StopInstance", "RunCommand", "CreateAccessKey"]) {
            const { failures } = await check({ ...ECS, action, ...UNTIL });
            assert.match(failures.action, new RegExp(`"${action}" is not a read: ApiWaiter repeats its call on every poll`), action);
            assert.match(failures.action, /set allowNonReadAction: true/);
        }
        for (const method of ["DELETE", "POST"]) {
            const { failures } = await check({ product: "CS", version: "2015-12-15", path: "/clusters/c-1", method, ...UNTIL });
            assert.match(failures.method, new RegExp(`"${method}" is not a read: .*allowNonReadAction: true`), method);
        }
        assert.deepStrictEqual((await check({ ...ECS, action: "DescribeInstances", ...UNTIL })).failures, {});
        assert.deepStrictEqual((await check({ product: "CS", version: "2015-12-15", path: "/clusters/c-1", method: "HEAD", ...UNTIL })).failures, {});
    });

    it("accepts a non-read with allowNonReadAction in mode wait, never in mode check", async () => {
        assert.deepStrictEqual((await check({ ...ECS, action: "StopInstance", allowNonReadAction: true, ...UNTIL })).failures, {});
        const { failures } = await check({ ...ECS, action: "StopInstance", allowNonReadAction: true, mode: "check", ...UNTIL });
        assert.match(failures.mode, /"StopInstance" is not a read, and mode "check" calls only reads/);
    });

    it("refuses parameter, query and body names that the signer sets, on their property", async () => {
        const signer = [
            "Action",
            "Version",
            "Format",
            "Timestamp",
            "SignatureMethod",
            "SignatureVersion",
            "SignatureNonce",
            "Signature",
            "AccessKeyId",
            "SecurityToken",
        ];
        for (const name of signer) {
            const { failures } = await check({ ...ECS, action: "DescribeInstances", params: { [name]: "DeleteInstance" }, ...UNTIL });
            assert.match(failures[`params.${name}`] ?? "", /may not be a request parameter: the signer sets it/, name);
        }
        const roa = { product: "CS", version: "2015-12-15", path: "/clusters/c-1", ...UNTIL };
        assert.match((await check({ ...roa, query: { "x-acs-action": "DeleteCluster" } })).failures["query.x-acs-action"], /may not be a query parameter/);
        assert.match((await check({ ...roa, body: { "x-acs-security-token": "t" } })).failures["body.x-acs-security-token"], /may not be a body field/);
    });

    it("takes an endpoint only over https under Alibaba Cloud's domain, and says exactly that", async () => {
        const rule = /use an https URL or a host name \(https is implied\) under aliyuncs\.com, Alibaba Cloud's API domain in its endpoint data/;
        const plain = (await check({ ...ECS, action: "DescribeInstances", endpoint: "http://ecs.cn-hangzhou.aliyuncs.com", ...UNTIL })).failures.endpoint;
        assert.match(plain, /is plain http: the signature, the AccessKeyId and the STS token would travel in clear/);
        assert.match(plain, rule);
        for (const endpoint of ["https://collector.example.com", "ecs.aliyuncs.com.example.com", "https://127.0.0.1:8443"]) {
            const { failures } = await check({ ...ECS, action: "DescribeInstances", endpoint, ...UNTIL });
            assert.match(failures.endpoint, /is not under aliyuncs\.com: the request's credentials would go to/, endpoint);
            assert.match(failures.endpoint, rule);
        }
        for (const endpoint of ["ecs.cn-hangzhou.aliyuncs.com", "https://ecs-vpc.cn-hangzhou.aliyuncs.com/"])
            assert.deepStrictEqual((await check({ ...ECS, action: "DescribeInstances", endpoint, ...UNTIL })).failures, {}, endpoint);
    });

    it('refuses a ROA path with "." or ".." segments, plain or percent-encoded', async () => {
        for (const path of ["/clusters/../users", "/clusters/%2e%2e/users", "/clusters/%2E%2e", "/a/%252e%252e/b", "/a/./b"]) {
            const { failures } = await check({ product: "CS", version: "2015-12-15", path, ...UNTIL });
            assert.match(failures.path ?? "", /has a "\." or "\.\." segment/, path);
        }
        assert.deepStrictEqual((await check({ product: "CS", version: "2015-12-15", path: "/clusters/c-1..2/nodes", ...UNTIL })).failures, {});
    });

    it("refuses params nested 20,000 deep with a property error, not a RangeError", async () => {
        let deep: unknown = "leaf";
        for (let i = 0; i < 20_000; i++) deep = { Sub: deep };
        const { failures } = await check({ ...ECS, action: "DescribeInstances", params: { Deep: deep }, ...UNTIL });
        assert.match(failures.params, /nested deeper than 8 levels/);
        assert.match((await check({ product: "CS", version: "2015-12-15", path: "/c", body: { Deep: deep }, ...UNTIL })).failures.body, /nested deeper/);
    });

    it("fails a region that is a typo of a known one, with a did-you-mean; warns about a region or product it does not know", async () => {
        const typo = await check({ ...ECS, action: "DescribeInstances", region: "cn-hangzou", ...UNTIL });
        assert.match(typo.failures.region, /"cn-hangzou" is not a region: did you mean "cn-hangzhou"\?/);
        const newer = await check({ ...ECS, action: "DescribeInstances", region: "ap-southeast-8", ...UNTIL });
        assert.deepStrictEqual(newer.failures, {}, "a region newer than the data is not refused");
        assert.ok(
            newer.lines.some((l) => /^warning: ApiWaiter "w": region "ap-southeast-8" is not in Alibaba's endpoint data/.test(l)),
            newer.lines.join("\n"),
        );
        const product = await check({ ...ECS, product: "Ecz", action: "DescribeInstances", ...UNTIL });
        assert.deepStrictEqual(product.failures, {});
        assert.ok(
            product.lines.some((l) => /product "Ecz" is not in Alibaba's product list .*did you mean .*"ecs"/.test(l)),
            product.lines.join("\n"),
        );
    });

    it("takes a timeout up to the documented 24h, and refuses more", async () => {
        assert.deepStrictEqual((await check({ ...ECS, action: "DescribeInstances", timeout: "24h", ...UNTIL })).failures, {});
        assert.match((await check({ ...ECS, action: "DescribeInstances", timeout: "24h1s", ...UNTIL })).failures.timeout, /must be at most 24h/);
    });
});
