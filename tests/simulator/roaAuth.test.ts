/** ROA authentication: the acs signature, STS, Date, nonces and content-md5, with the real ROAClient and by hand. */
import { strict as assert } from "node:assert";
import { ManualClock, SIMULATOR_ACCESS_KEY, SIMULATOR_STS, startSimulator, type Simulator } from "../../simulator";
import { bdrcClient, describeBdrcTask, expectRoaError, rawRequest, signedRoaHeaders } from "./helpers";

describe("simulator: ROA authentication (bdrc)", () => {
    let sim: Simulator;
    let taskId: string;

    before(async () => {
        // The task clock is years away from the real one: the Date header must still be checked on real time.
        sim = await startSimulator({ clock: new ManualClock(Date.UTC(2019, 5, 1)) });
        sim.addCredentials({ accessKeyId: "STS.SECONDKEY0002", accessKeySecret: "second-sts-secret", securityToken: "second-security-token" });
        taskId = sim.createTask({ service: "bdrc", durationMs: 1_000, outcome: "success" }).taskId;
    });
    after(() => sim.close());

    const path = () => `/api/v1/tasks/${taskId}`;
    const raw = (headers: Record<string, string>, method = "GET", body?: string) => rawRequest(sim.url, path(), { method, headers, body });

    it("accepts the long-term key and the STS key with its token", async () => {
        for (const keys of [SIMULATOR_ACCESS_KEY, SIMULATOR_STS]) {
            const res = await describeBdrcTask<{ Data: { TaskId: string } }>(bdrcClient(sim, keys), taskId);
            assert.equal(res.Data.TaskId, taskId);
        }
    });

    it("refuses a wrong secret with 400 SignatureDoesNotMatch, echoing the string to sign", async () => {
        const err = await expectRoaError(describeBdrcTask(bdrcClient(sim, { ...SIMULATOR_ACCESS_KEY, accessKeySecret: "wrong" }), taskId));
        assert.deepEqual([err.code, err.statusCode], ["SignatureDoesNotMatch", 400]);
        assert.match(String(err.result.Message), new RegExp(`server string to sign is:GET\\napplication/json\\n.*\\n${path()}$`, "s"));
    });

    it("refuses an unknown AccessKeyId with 404 InvalidAccessKeyId.NotFound", async () => {
        const err = await expectRoaError(describeBdrcTask(bdrcClient(sim, { accessKeyId: "NOSUCHKEY", accessKeySecret: "x" }), taskId));
        assert.deepEqual([err.code, err.statusCode], ["InvalidAccessKeyId.NotFound", 404]);
    });

    it("refuses an STS key without its own x-acs-security-token", async () => {
        const { securityToken: _token, ...withoutToken } = SIMULATOR_STS;
        let err = await expectRoaError(describeBdrcTask(bdrcClient(sim, withoutToken), taskId));
        assert.equal(err.code, "InvalidSecurityToken.Malformed");
        err = await expectRoaError(describeBdrcTask(bdrcClient(sim, { ...SIMULATOR_STS, securityToken: "second-security-token" }), taskId));
        assert.equal(err.code, "InvalidSecurityToken.MismatchWithAccessKey");
    });

    it("accepts a hand-signed request, and refuses it once its nonce was used", async () => {
        const headers = signedRoaHeaders("GET", path(), SIMULATOR_STS, { nonce: "roa-replayed-nonce" });
        assert.equal((await raw(headers)).status, 200);
        const replay = await raw(headers);
        assert.deepEqual([replay.status, replay.json().Code], [400, "SignatureNonceUsed"]);
    });

    it("refuses a Date more than 15 minutes off the real clock, or not a date", async () => {
        for (const offsetMin of [-16, 16]) {
            const res = await raw(signedRoaHeaders("GET", path(), SIMULATOR_ACCESS_KEY, { date: new Date(Date.now() + offsetMin * 60_000).toUTCString() }));
            assert.deepEqual([res.status, res.json().Code], [400, "InvalidTimeStamp.Expired"], `offset ${offsetMin} min`);
        }
        const recent = await raw(signedRoaHeaders("GET", path(), SIMULATOR_ACCESS_KEY, { date: new Date(Date.now() - 14 * 60_000).toUTCString() }));
        assert.equal(recent.status, 200);
        const garbled = await raw(signedRoaHeaders("GET", path(), SIMULATOR_ACCESS_KEY, { date: "last tuesday" }));
        assert.equal(garbled.json().Code, "InvalidTimeStamp.Format");
    });

    it("checks content-md5 against the body", async () => {
        const headers = signedRoaHeaders("GET", path(), SIMULATOR_ACCESS_KEY, { body: "{}" });
        const res = await raw({ ...headers, "content-length": "7" }, "GET", '{"x":1}');
        assert.deepEqual([res.status, res.json().Code], [400, "ContentMD5NotMatched"]);
    });

    it("refuses a missing or malformed Authorization, and missing signing headers", async () => {
        const { authorization: _auth, ...unsigned } = signedRoaHeaders("GET", path(), SIMULATOR_ACCESS_KEY);
        assert.equal((await raw(unsigned)).json().Code, "IncompleteSignature");
        assert.equal((await raw({ ...unsigned, authorization: "Bearer abc" })).json().Code, "IncompleteSignature");
        const { "x-acs-signature-nonce": _nonce, ...noNonce } = signedRoaHeaders("GET", path(), SIMULATOR_ACCESS_KEY);
        const res = await raw(noNonce);
        assert.deepEqual([res.status, res.json().Code], [400, "MissingParameter"]);
    });

    it("takes only x-acs-signature-method HMAC-SHA1 and x-acs-signature-version 1.0", async () => {
        const sha256 = await raw(signedRoaHeaders("GET", path(), SIMULATOR_ACCESS_KEY, { signatureMethod: "HMAC-SHA256" }));
        assert.deepEqual([sha256.status, sha256.json().Code], [400, "InvalidSignatureMethod"]);
        const version = await raw(signedRoaHeaders("GET", path(), SIMULATOR_ACCESS_KEY, { signatureVersion: "2.0" }));
        assert.deepEqual([version.status, version.json().Code], [400, "IncompleteSignature"]);
    });

    it("routes by x-acs-version, method and path: anything else is 404 InvalidAction.NotFound", async () => {
        const wrongVersion = await raw(signedRoaHeaders("GET", path(), SIMULATOR_ACCESS_KEY, { version: "2099-01-01" }));
        assert.deepEqual([wrongVersion.status, wrongVersion.json().Code], [404, "InvalidAction.NotFound"]);
        const wrongMethod = await raw(signedRoaHeaders("DELETE", path(), SIMULATOR_ACCESS_KEY), "DELETE");
        assert.equal(wrongMethod.status, 404);
        const client = bdrcClient(sim);
        const err = await expectRoaError(client.request("GET", "/api/v1/jobs", {}, "", {}, {}));
        assert.deepEqual([err.code, err.statusCode], ["InvalidAction.NotFound", 404]);
        assert.deepEqual(sim.stats().calls["DescribeTask"] > 0, true);
    });
});
