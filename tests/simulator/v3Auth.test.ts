/** V3 (ACS3-HMAC-SHA256) authentication, RPC and ROA, with the tests' own signer: every check and its error. */
import { strict as assert } from "node:assert";
import { ManualClock, SIMULATOR_ACCESS_KEY, SIMULATOR_STS, startSimulator, type Simulator } from "../../simulator";
import { ECS_API_VERSION, rawRequest, signedQuery, SAS_API_VERSION, BDRC_API_VERSION } from "./helpers";
import { sendV3, sha256Of, v3Timestamp, type V3Request } from "./v3Signer";

const ECS_LIST: V3Request = { method: "GET", path: "/", action: "DescribeTasks", version: ECS_API_VERSION, query: { RegionId: "cn-hangzhou" } };

describe("simulator: V3 signatures (ACS3-HMAC-SHA256)", () => {
    let sim: Simulator;
    let bdrcTaskId: string;

    before(async () => {
        // The task clock is years away from the real one: x-acs-date must still be checked on real time.
        sim = await startSimulator({ clock: new ManualClock(Date.UTC(2019, 5, 1)) });
        sim.addCredentials({ accessKeyId: "STS.SECONDKEY0002", accessKeySecret: "second-sts-secret", securityToken: "second-security-token" });
        bdrcTaskId = sim.createTask({ service: "bdrc", durationMs: 1_000, outcome: "success" }).taskId;
    });
    after(() => sim.close());

    const send = (req: Partial<V3Request>, keys: { accessKeyId: string; accessKeySecret: string; securityToken?: string } = SIMULATOR_ACCESS_KEY) =>
        sendV3(sim.url, { ...ECS_LIST, ...req }, keys);
    const expectError = async (res: Awaited<ReturnType<typeof send>>, status: number, code: string) => {
        assert.deepEqual([res.status, res.json().Code], [status, code], res.text);
        return res.json() as { Code: string; Message: string };
    };

    describe("accepts", () => {
        it("an RPC GET with the parameters in the query and the action in x-acs-action, long-term key and STS", async () => {
            for (const keys of [SIMULATOR_ACCESS_KEY, SIMULATOR_STS]) {
                const res = await send({}, keys);
                assert.equal(res.status, 200, res.text);
                assert.equal(res.json().RegionId, "cn-hangzhou");
            }
            assert.equal(sim.stats().calls.DescribeTasks >= 2, true);
        });

        it("values that need percent-encoding, in the query and a form body", async () => {
            const query = { RegionId: "cn-hangzhou", TaskAction: "a+b c!*'()~ü/=&?", "ResourceIds.1": "m-1 2" };
            assert.equal((await send({ query })).status, 200);
            const form = "RegionId=cn-hangzhou&TaskAction=a%2Bb%20c%21%2A&ResourceIds.1=m-1%202";
            const res = await send({ method: "POST", query: {}, body: form, contentType: "application/x-www-form-urlencoded" });
            assert.deepEqual([res.status, res.json().RegionId], [200, "cn-hangzhou"], res.text);
        });

        it("an RPC POST with a JSON body, flattened as the SDKs flatten parameters", async () => {
            const created = await sendV3(
                sim.url,
                {
                    method: "POST",
                    path: "/",
                    action: "ExportRecord",
                    version: SAS_API_VERSION,
                    body: JSON.stringify({ ExportType: "virusScanExport", ExportFileType: "virusScanExport", Lang: "en" }),
                    contentType: "application/json; charset=utf-8",
                },
                SIMULATOR_ACCESS_KEY,
            );
            assert.equal(created.status, 200, created.text);
            assert.equal(sim.getTask(String(created.json().Id))?.details.lang, "en");
            const list = await send({
                method: "POST",
                query: {},
                body: JSON.stringify({ RegionId: "cn-hangzhou", ResourceIds: ["m-1"] }),
                contentType: "application/json",
            });
            assert.equal(list.status, 200, list.text);
        });

        it("a ROA GET, with x-acs-action naming the routed action", async () => {
            const res = await send({ path: `/api/v1/tasks/${bdrcTaskId}`, action: "DescribeTask", version: BDRC_API_VERSION, query: {} }, SIMULATOR_STS);
            assert.deepEqual([res.status, res.json().Data.TaskId], [200, bdrcTaskId], res.text);
            const list = await send({ path: "/api/v1/tasks", action: "DescribeTasks", version: BDRC_API_VERSION, query: { MaxResults: "10" } });
            assert.equal(list.json().Data.Content[0].TaskId, bdrcTaskId);
            const wrong = await send({ path: `/api/v1/tasks/${bdrcTaskId}`, action: "DescribeTasks", version: BDRC_API_VERSION, query: {} });
            await expectError(wrong, 404, "InvalidAction.NotFound");
        });
    });

    describe("refuses", () => {
        it("a wrong secret with 400 SignatureDoesNotMatch, quoting the server's string to sign in brackets", async () => {
            const res = await send({}, { ...SIMULATOR_ACCESS_KEY, accessKeySecret: "wrong" });
            const body = await expectError(res, 400, "SignatureDoesNotMatch");
            // The server's canonical request is the one this test signed: same hash.
            assert.equal(
                body.Message,
                `Specified signature does not match our calculation. server StringToSign is [ACS3-HMAC-SHA256\n${sha256Of(res.canonicalRequest)}]`,
            );
        });

        it("a parameter, a signed header or the body changed after signing", async () => {
            await expectError(await send({ after: { query: { RegionId: "cn-shanghai" } } }), 400, "SignatureDoesNotMatch");
            await expectError(await send({ after: { headers: { "x-acs-version": "2014-05-27" } } }), 404, "InvalidAction.NotFound");
            const form = { method: "POST", query: {}, body: "RegionId=cn-hangzhou", contentType: "application/x-www-form-urlencoded" };
            assert.equal((await send(form)).status, 200);
            await expectError(await send({ ...form, after: { body: "RegionId=cn-beijing" } }), 400, "SignatureDoesNotMatch");
        });

        it("an x-acs-content-sha256 that is not the body's hash, even when signed", async () => {
            const res = await send({
                method: "POST",
                query: {},
                body: "RegionId=cn-hangzhou",
                contentType: "application/x-www-form-urlencoded",
                contentSha256: sha256Of(""),
            });
            await expectError(res, 400, "SignatureDoesNotMatch");
        });

        it("an unknown AccessKeyId with 404 InvalidAccessKeyId.NotFound", async () => {
            const body = await expectError(await send({}, { accessKeyId: "NOSUCHKEY", accessKeySecret: "x" }), 404, "InvalidAccessKeyId.NotFound");
            assert.equal(body.Message, "Specified access key is not found.");
        });

        it("an STS key without its own x-acs-security-token", async () => {
            const { securityToken: _token, ...withoutToken } = SIMULATOR_STS;
            await expectError(await send({}, withoutToken), 400, "InvalidSecurityToken.Malformed");
            await expectError(await send({}, { ...SIMULATOR_STS, securityToken: "second-security-token" }), 400, "InvalidSecurityToken.MismatchWithAccessKey");
            await expectError(await send({ headers: { "x-acs-accesskey-id": "SOMEONEELSE" } }, SIMULATOR_STS), 400, "InvalidParameter");
        });

        it("an x-acs-date more than 15 minutes off the real clock, or not in the ISO format", async () => {
            for (const offsetMin of [-16, 16]) {
                await expectError(await send({ date: v3Timestamp(Date.now() + offsetMin * 60_000) }), 400, "InvalidTimeStamp.Expired");
            }
            assert.equal((await send({ date: v3Timestamp(Date.now() - 14 * 60_000) })).status, 200);
            await expectError(await send({ date: new Date().toUTCString() }), 400, "InvalidTimeStamp.Format");
        });

        it("a reused x-acs-signature-nonce, whichever signature version used it first", async () => {
            assert.equal((await send({ nonce: "v3-replayed-nonce" })).status, 200);
            await expectError(await send({ nonce: "v3-replayed-nonce" }), 400, "SignatureNonceUsed");
            // The same key's V2 nonce is spent for V3 too.
            const v2 = await rawRequest(
                sim.url,
                "/?" + signedQuery("GET", { Action: "DescribeTasks", RegionId: "cn-hangzhou" }, SIMULATOR_ACCESS_KEY, { nonce: "shared-nonce" }),
            );
            assert.equal(v2.status, 200);
            await expectError(await send({ nonce: "shared-nonce" }), 400, "SignatureNonceUsed");
            assert.equal((await send({ nonce: "shared-nonce" }, SIMULATOR_STS)).status, 200, "nonces are per key");
        });

        it("a malformed Authorization, another ACS3 algorithm, a missing signing header, an unsigned x-acs header", async () => {
            const noSignature = await rawRequest(sim.url, "/?RegionId=cn-hangzhou", {
                headers: {
                    authorization: "ACS3-HMAC-SHA256 Credential=SIMULATORKEYID0001,SignedHeaders=host",
                    "x-acs-action": "DescribeTasks",
                    "x-acs-version": ECS_API_VERSION,
                },
            });
            assert.deepEqual([noSignature.status, noSignature.json().Code], [400, "IncompleteSignature"]);
            const sm3 = await expectError(await send({ algorithm: "ACS3-HMAC-SM3" }), 400, "InvalidSignatureMethod");
            assert.match(sm3.Message, /^Specified signature method is not valid\./);
            for (const name of ["x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"]) {
                const body = await expectError(await send({ headers: { [name]: undefined } }), 400, "MissingParameter");
                assert.match(body.Message, new RegExp(`"${name}"`));
            }
            await expectError(await send({ headers: { "x-acs-action": undefined } }), 400, "MissingParameter");
            const unsigned = await expectError(await send({ unsigned: ["x-acs-signature-nonce"] }), 400, "IncompleteSignature");
            assert.match(unsigned.Message, /missing: x-acs-signature-nonce/);
            await expectError(await send({ unsigned: ["host"] }), 400, "IncompleteSignature");
        });
    });
});
