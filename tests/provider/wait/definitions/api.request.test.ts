// ApiWaiter's request on the wire, in this process against the stub client: the parameters as Alibaba's
// SDKs flatten them, a call that is not a read never sent again after an ambiguous failure, waits sharing
// a call only within one account, failure acceptors and onFailure "warn" as the README says.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ApiError, toApiError } from "../../../../provider/client/errors";
import { ECS_REQUEST, useApiWaits } from "../../../support/apiWaits";
import { apiError } from "../../../support/clientStub";

const RUNNING = { RequestId: "R", Instances: { Instance: [{ Status: "Running" }] } };
const UNTIL_RUNNING = { until: { expr: "Instances.Instance[0].Status", to: "Running" } };

describe("wait/definitions/api: the request the user meant", () => {
    const waits = useApiWaits();

    it("sends object and array params flattened as OpenApiUtil does (Tag.1.Key, Filter.Name), nulls dropped, never [object Object]", async () => {
        const stub = waits.client.answer(() => RUNNING);
        try {
            const params = { Tag: [{ Key: "env", Value: "prod" }, null, { Key: "team" }], Filter: { Name: "x", Skip: null }, Dry: false, Gone: null };
            const { outcome } = await waits.run({ ...ECS_REQUEST, params, ...UNTIL_RUNNING });
            assert.strictEqual(outcome.state, "success");
            assert.deepStrictEqual(stub.calls[0].params, {
                RegionId: "cn-shanghai",
                "Tag.1.Key": "env",
                "Tag.1.Value": "prod",
                "Tag.3.Key": "team",
                "Filter.Name": "x",
                Dry: "false",
            });
        } finally {
            stub.restore();
        }
    });

    it("sends an action that is not a read (with allowNonReadAction) once after a 500, a timeout or a network error; retries a read", async () => {
        const failures: [string, ApiError][] = [
            ["a 500", apiError("InternalError", 500, "transient")],
            ["a timeout", toApiError("Ecs StopInstance", { name: "RequestTimeoutError" })],
            ["a reset connection", toApiError("Ecs StopInstance", { code: "ECONNRESET" })],
        ];
        for (const [what, failure] of failures) {
            const stub = waits.client.answer(() => {
                throw failure;
            });
            try {
                const stop = { ...ECS_REQUEST, action: "StopInstance", allowNonReadAction: true, params: { InstanceId: "i-1" }, timeout: "1m" };
                const { outcome } = await waits.run({ ...stop, ...UNTIL_RUNNING });
                assert.strictEqual(stub.calls.length, 1, `${what}: StopInstance sent ${stub.calls.length} times`);
                assert.deepStrictEqual([outcome.state, outcome.cause], ["failure", "error"], what);
                assert.match(outcome.message!, /not sent again: Ecs StopInstance is not a read, and this failure leaves open whether the server acted/);
            } finally {
                stub.restore();
            }
        }
        let calls = 0;
        const stub = waits.client.answer(() => {
            if (++calls < 3) throw apiError("InternalError", 500, "transient");
            return RUNNING;
        });
        try {
            const { outcome } = await waits.run({ ...ECS_REQUEST, ...UNTIL_RUNNING });
            assert.deepStrictEqual([outcome.state, stub.calls.length], ["success", 3], "a read is retried after a 500");
        } finally {
            stub.restore();
        }
    });

    it("retries a non-read after throttling with a throttling code, which proves nothing was done", async () => {
        let calls = 0;
        const stub = waits.client.answer(() => {
            if (++calls === 1) throw apiError("Throttling.User", 400, "throttling");
            return RUNNING;
        });
        try {
            const { outcome } = await waits.run({ ...ECS_REQUEST, action: "StartInstance", allowNonReadAction: true, ...UNTIL_RUNNING });
            assert.deepStrictEqual([outcome.state, stub.calls.length], ["success", 2]);
        } finally {
            stub.restore();
        }
    });

    it("shares one call between identical waits of one account only: two access keys, two calls", async () => {
        const stub = waits.client.answer(() => RUNNING);
        try {
            const other = waits.configured({ "alicloud:accessKey": "AKID-OTHER-ACCOUNT", "alicloud:secretKey": "SECRET-OTHER-VALUE" });
            const inputs = { ...ECS_REQUEST, params: { InstanceIds: '["i-1"]' }, ...UNTIL_RUNNING };
            const ends = [waits.start(inputs).outcome, waits.start(inputs).outcome, waits.start(inputs, other).outcome];
            await waits.clock().advance(0);
            const outcomes = await Promise.all(ends);
            assert.deepStrictEqual(
                outcomes.map((o) => o.state),
                ["success", "success", "success"],
            );
            assert.strictEqual(stub.calls.length, 2, "one call for the two waits of the first account, one for the other account");
            assert.deepStrictEqual(stub.calls.map((c) => c.accessKeyId).sort(), ["AKID-OTHER-ACCOUNT", "AKID-TEST"]);
        } finally {
            stub.restore();
        }
    });

    it("does not share a call between two configurations whose credentials come from the chain (two profiles, two accounts)", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "api-accounts-"));
        const profile = (name: string, id: string) => {
            const file = path.join(dir, `${name}.json`);
            const body = { current: name, profiles: [{ name, mode: "AK", access_key_id: id, access_key_secret: `secret-of-${id}`, region_id: "cn-hangzhou" }] };
            fs.writeFileSync(file, JSON.stringify(body));
            return { "alicloud:accessKey": "", "alicloud:secretKey": "", "alicloud:sharedCredentialsFile": file };
        };
        const stub = waits.client.answer(() => RUNNING);
        try {
            const [first, second] = [waits.configured(profile("first", "AKID-CHAIN-ONE")), waits.configured(profile("second", "AKID-CHAIN-TWO"))];
            const inputs = { ...ECS_REQUEST, params: { InstanceIds: '["i-1"]' }, ...UNTIL_RUNNING };
            const ends = [waits.start(inputs, first).outcome, waits.start(inputs, second).outcome];
            await waits.clock().advance(0);
            assert.deepStrictEqual(
                (await Promise.all(ends)).map((o) => o.state),
                ["success", "success"],
            );
            assert.deepStrictEqual(stub.calls.map((c) => c.accessKeyId).sort(), ["AKID-CHAIN-ONE", "AKID-CHAIN-TWO"], "each account asked with its own key");
        } finally {
            stub.restore();
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("ends at once when a failure acceptor matches: the outcome names the acceptor and the value, after one call", async () => {
        const stub = waits.client.answer(() => ({ Instances: { Instance: [{ Status: "Stopped" }] } }));
        try {
            const expr = "Instances.Instance[0].Status";
            const acceptors = [
                { state: "success", expr, equals: "Running" },
                { state: "failure", expr, equals: ["Stopped", "Deleted"] },
            ];
            const { outcome } = await waits.run({ ...ECS_REQUEST, acceptors, timeout: "24h" });
            assert.deepStrictEqual([outcome.state, outcome.cause, outcome.outputs.status, outcome.outputs.matchedAcceptor], ["failure", "status", "failed", 1]);
            assert.strictEqual(stub.calls.length, 1, "no second call: the failure acceptor ended the wait");
            assert.match(outcome.message!, /acceptor 1 \(failure\) matched: Instances\.Instance\[0\]\.Status is "Stopped"/);
        } finally {
            stub.restore();
        }
    });

    it('onFailure "warn": an error no acceptor expects is recorded as failed with a warning, in mode wait as in mode check', async () => {
        const stub = waits.client.answer(() => {
            throw apiError("Forbidden.RAM", 403);
        });
        try {
            for (const mode of ["wait", "check"]) {
                const { outcome } = await waits.run({ ...ECS_REQUEST, ...UNTIL_RUNNING, mode, onFailure: "warn" });
                assert.deepStrictEqual([outcome.state, outcome.outputs.status, outcome.asWarning], ["failure", "failed", true], `mode ${mode}`);
                assert.strictEqual(outcome.outputs.errorCode, "Forbidden.RAM");
            }
        } finally {
            stub.restore();
        }
    });
});
