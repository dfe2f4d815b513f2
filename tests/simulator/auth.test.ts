/** Authentication: keys, signatures, timestamps, nonces and STS tokens. */
import { strict as assert } from "node:assert";
import RPCClient = require("@alicloud/pop-core");
import { ManualClock, SIMULATOR_ACCESS_KEY, SIMULATOR_STS, startSimulator, type Simulator } from "../../simulator";
import { ECS_API_VERSION, ecsClient, expectApiError, rawRequest, signedQuery, signingTimestamp } from "./helpers";

describe("simulator: RPC authentication", () => {
    let sim: Simulator;

    before(async () => {
        // The task clock is years away from the real one: signatures must still be checked on real time.
        sim = await startSimulator({ clock: new ManualClock(Date.UTC(2019, 5, 1)) });
        sim.addCredentials({ accessKeyId: "STS.SECONDKEY0002", accessKeySecret: "second-sts-secret", securityToken: "second-security-token" });
    });
    after(() => sim.close());

    const client = (keys: { accessKeyId: string; accessKeySecret: string; securityToken?: string }) =>
        new RPCClient({ endpoint: sim.url, apiVersion: ECS_API_VERSION, ...keys, opts: { timeout: 30_000 } });
    const describeTasks = (c: RPCClient, opts?: object) => c.request("DescribeTasks", { RegionId: "cn-hangzhou" }, opts);

    it("accepts the long-term key over GET and POST", async () => {
        const c = ecsClient(sim);
        assert.equal(((await describeTasks(c)) as { TotalCount: number }).TotalCount, 0);
        assert.equal(((await describeTasks(c, { method: "POST" })) as { TotalCount: number }).TotalCount, 0);
    });

    it("signs values with characters that need percent-encoding", async () => {
        const res = await ecsClient(sim).request<{ TotalCount: number }>("DescribeTasks", {
            RegionId: "cn-hangzhou",
            TaskAction: "a+b c!*'()~ü/=&?",
            ResourceIds: ["m-1 2", "m-3+4"],
        });
        assert.equal(res.TotalCount, 0);
    });

    it("accepts the STS key with its token", async () => {
        await describeTasks(ecsClient(sim, sim.credentials.sts));
        await describeTasks(ecsClient(sim, sim.credentials.sts), { method: "POST" });
    });

    it("refuses an unknown AccessKeyId with InvalidAccessKeyId.NotFound (404)", async () => {
        const err = await expectApiError(describeTasks(client({ accessKeyId: "NOSUCHKEY", accessKeySecret: "x" })));
        assert.equal(err.code, "InvalidAccessKeyId.NotFound");
        const raw = await rawRequest(
            sim.url,
            "/?" + signedQuery("GET", { Action: "DescribeTasks", RegionId: "cn-hangzhou" }, { accessKeyId: "NOSUCHKEY", accessKeySecret: "x" }),
        );
        assert.equal(raw.status, 404);
        assert.equal(raw.json().Code, "InvalidAccessKeyId.NotFound");
    });

    it("refuses a wrong secret with SignatureDoesNotMatch (400)", async () => {
        const err = await expectApiError(describeTasks(client({ ...SIMULATOR_ACCESS_KEY, accessKeySecret: "wrong-secret" })));
        assert.equal(err.code, "SignatureDoesNotMatch");
        assert.match(String(err.data.Message), /server string to sign is:GET&%2F&AccessKeyId%3DSIMULATORKEYID0001/);
        const postErr = await expectApiError(describeTasks(client({ ...SIMULATOR_ACCESS_KEY, accessKeySecret: "wrong-secret" }), { method: "POST" }));
        assert.equal(postErr.code, "SignatureDoesNotMatch");
        const raw = await rawRequest(
            sim.url,
            "/?" + signedQuery("GET", { Action: "DescribeTasks", RegionId: "cn-hangzhou" }, { ...SIMULATOR_ACCESS_KEY, accessKeySecret: "wrong" }),
        );
        assert.equal(raw.status, 400);
    });

    it("refuses a tampered parameter", async () => {
        const query = signedQuery("GET", { Action: "DescribeTasks", RegionId: "cn-hangzhou" }, SIMULATOR_ACCESS_KEY);
        const raw = await rawRequest(sim.url, "/?" + query.replace("cn-hangzhou", "cn-beijing"));
        assert.equal(raw.json().Code, "SignatureDoesNotMatch");
        // Signed as GET, sent as POST: the method is part of what is signed.
        const post = await rawRequest(sim.url, "/", { method: "POST", body: query, headers: { "content-type": "application/x-www-form-urlencoded" } });
        assert.equal(post.json().Code, "SignatureDoesNotMatch");
    });

    it("accepts a hand-signed form POST", async () => {
        const body = signedQuery("POST", { Action: "DescribeTasks", RegionId: "cn-hangzhou" }, SIMULATOR_ACCESS_KEY);
        const raw = await rawRequest(sim.url, "/", { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" } });
        assert.equal(raw.status, 200);
        assert.equal(raw.json().TotalCount, 0);
    });

    it("refuses a Timestamp more than 15 minutes off the real clock with InvalidTimeStamp.Expired", async () => {
        for (const offsetMin of [-16, 16]) {
            const query = signedQuery("GET", { Action: "DescribeTasks", RegionId: "cn-hangzhou" }, SIMULATOR_ACCESS_KEY, {
                timestamp: signingTimestamp(Date.now() + offsetMin * 60_000),
            });
            const raw = await rawRequest(sim.url, "/?" + query);
            assert.equal(raw.status, 400);
            assert.equal(raw.json().Code, "InvalidTimeStamp.Expired", `offset ${offsetMin} min`);
        }
        const recent = signedQuery("GET", { Action: "DescribeTasks", RegionId: "cn-hangzhou" }, SIMULATOR_ACCESS_KEY, {
            timestamp: signingTimestamp(Date.now() - 14 * 60_000),
        });
        assert.equal((await rawRequest(sim.url, "/?" + recent)).status, 200);
        const garbled = signedQuery("GET", { Action: "DescribeTasks", RegionId: "cn-hangzhou" }, SIMULATOR_ACCESS_KEY, { timestamp: "last tuesday" });
        assert.equal((await rawRequest(sim.url, "/?" + garbled)).json().Code, "InvalidTimeStamp.Format");
    });

    it("refuses a reused SignatureNonce with SignatureNonceUsed", async () => {
        const query = signedQuery("GET", { Action: "DescribeTasks", RegionId: "cn-hangzhou" }, SIMULATOR_ACCESS_KEY, { nonce: "replayed-nonce-1" });
        assert.equal((await rawRequest(sim.url, "/?" + query)).status, 200);
        const replay = await rawRequest(sim.url, "/?" + query);
        assert.equal(replay.status, 400);
        assert.equal(replay.json().Code, "SignatureNonceUsed");
        // Same nonce, different key: nonces are per key.
        const otherKey = signedQuery("GET", { Action: "DescribeTasks", RegionId: "cn-hangzhou" }, SIMULATOR_STS, { nonce: "replayed-nonce-1" });
        assert.equal((await rawRequest(sim.url, "/?" + otherKey)).status, 200);
    });

    it("refuses an STS key without its own token", async () => {
        const { securityToken: _token, ...stsWithoutToken } = SIMULATOR_STS;
        let err = await expectApiError(describeTasks(client(stsWithoutToken)));
        assert.equal(err.code, "InvalidSecurityToken.Malformed");
        err = await expectApiError(describeTasks(client({ ...SIMULATOR_STS, securityToken: "made-up-token" })));
        assert.equal(err.code, "InvalidSecurityToken.Malformed");
        err = await expectApiError(describeTasks(client({ ...SIMULATOR_STS, securityToken: "second-security-token" })));
        assert.equal(err.code, "InvalidSecurityToken.MismatchWithAccessKey");
        err = await expectApiError(describeTasks(client({ ...SIMULATOR_ACCESS_KEY, securityToken: SIMULATOR_STS.securityToken })));
        assert.equal(err.code, "InvalidSecurityToken.MismatchWithAccessKey");
        const raw = await rawRequest(sim.url, "/?" + signedQuery("GET", { Action: "DescribeTasks", RegionId: "cn-hangzhou" }, stsWithoutToken));
        assert.equal(raw.status, 400);
        await describeTasks(client({ accessKeyId: "STS.SECONDKEY0002", accessKeySecret: "second-sts-secret", securityToken: "second-security-token" }));
    });

    it("refuses a request without its signing parameters", async () => {
        const raw = await rawRequest(sim.url, "/?Action=DescribeTasks&Version=2014-05-26&RegionId=cn-hangzhou");
        assert.equal(raw.status, 400);
        assert.equal(raw.json().Code, "MissingParameter");
        assert.match(raw.json().Message, /"AccessKeyId"/);
    });

    it("takes only SignatureMethod HMAC-SHA1 and SignatureVersion 1.0: a SHA-1 signature labelled otherwise fails", async () => {
        const raw = (params: Record<string, string>) =>
            rawRequest(sim.url, "/?" + signedQuery("GET", { Action: "DescribeTasks", RegionId: "cn-hangzhou", ...params }, SIMULATOR_ACCESS_KEY));
        const sha256 = await raw({ SignatureMethod: "HMAC-SHA256" });
        assert.deepEqual(
            [sha256.status, sha256.json().Code, sha256.json().Message],
            [400, "InvalidSignatureMethod", "Specified signature method is not valid."],
        );
        const version = await raw({ SignatureVersion: "2.0" });
        assert.deepEqual([version.status, version.json().Code], [400, "IncompleteSignature"]);
        for (const name of ["SignatureMethod", "SignatureVersion"]) {
            const missing = await raw({ [name]: "" });
            assert.deepEqual([missing.status, missing.json().Code], [400, "MissingParameter"], name);
        }
        assert.equal((await raw({})).status, 200);
    });

    it("answers an unknown action with InvalidAction.NotFound (404)", async () => {
        const err = await expectApiError(ecsClient(sim).request("DescribeNothing", {}));
        assert.equal(err.code, "InvalidAction.NotFound");
        const raw = await rawRequest(sim.url, "/?" + signedQuery("GET", { Action: "DescribeNothing" }, SIMULATOR_ACCESS_KEY));
        assert.equal(raw.status, 404);
        const wrongVersion = await rawRequest(sim.url, "/?" + signedQuery("GET", { Action: "DescribeTasks", Version: "2099-01-01" }, SIMULATOR_ACCESS_KEY));
        assert.equal(wrongVersion.json().Code, "InvalidAction.NotFound");
    });

    it("counts every call by action, refused ones included; an action it does not serve under (unknown)", async () => {
        sim.resetStats();
        const c = ecsClient(sim);
        await describeTasks(c);
        await expectApiError(describeTasks(client({ ...SIMULATOR_ACCESS_KEY, accessKeySecret: "wrong" })));
        await expectApiError(c.request("DescribeTaskAttribute", { RegionId: "cn-hangzhou", TaskId: "t-none" }));
        await expectApiError(c.request("DescribeNothing", {}));
        const stats = sim.stats();
        assert.deepEqual(stats.calls, { DescribeTasks: 2, DescribeTaskAttribute: 1, "(unknown)": 1 });
        assert.equal(stats.total, 4);
        assert.deepEqual(stats.errors, { SignatureDoesNotMatch: 1, "InvalidTaskId.NotFound": 1, "InvalidAction.NotFound": 1 });
    });
});
