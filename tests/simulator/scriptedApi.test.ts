/** Scripted APIs: answers for APIs the simulator does not model, on the simulator clock, behind the same signature checks. */
import { strict as assert } from "node:assert";
import { ManualClock, startSimulator, type Simulator } from "../../simulator";
import { expectApiError, expectRoaError, plain, postJson, rawRequest, rpcClient, type RoaClient } from "./helpers";

const ECS = "2014-05-26";
const CS = "2015-12-15";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ROAClient } = require("@alicloud/pop-core") as { ROAClient: new (config: object) => RoaClient };

describe("simulator: scripted APIs", () => {
    let sim: Simulator;
    let clock: ManualClock;

    before(async () => {
        clock = new ManualClock(Date.UTC(2025, 0, 1));
        sim = await startSimulator({ clock });
    });
    after(() => sim.close());

    it("an RPC action answers from its timeline as the simulator clock moves, per matching parameters", async () => {
        sim.scriptApi({
            product: "Ecs",
            version: ECS,
            action: "DescribeInstances",
            match: { InstanceIds: '["i-script1"]' },
            answers: [
                { error: { code: "InvalidInstanceId.NotFound", status: 404, message: "The instance does not exist." } },
                { atMs: 1000, body: { Instances: { Instance: [{ InstanceId: "i-script1", Status: "Starting" }] } } },
                { atMs: 5000, body: { Instances: { Instance: [{ InstanceId: "i-script1", Status: "Running" }] } } },
            ],
        });
        sim.scriptApi({
            version: ECS,
            action: "DescribeInstances",
            match: { InstanceIds: '["i-other"]' },
            answers: [{ body: { Instances: { Instance: [] } } }],
        });
        const client = rpcClient(sim, ECS);
        const ask = (ids: string) => client.request<Record<string, unknown>>("DescribeInstances", { RegionId: "cn-hangzhou", InstanceIds: ids });

        const missing = await expectApiError(ask('["i-script1"]'));
        assert.equal(missing.code, "InvalidInstanceId.NotFound");
        clock.advance(1000);
        assert.deepEqual(plain(await ask('["i-script1"]')).Instances, { Instance: [{ InstanceId: "i-script1", Status: "Starting" }] });
        clock.advance(4000);
        const running = plain(await ask('["i-script1"]'));
        assert.equal((running.Instances as { Instance: { Status: string }[] }).Instance[0].Status, "Running");
        assert.match(String(running.RequestId), /^[0-9A-F-]{36}$/, "a RequestId is added");
        assert.deepEqual(plain(await ask('["i-other"]')).Instances, { Instance: [] });
        assert.equal((await expectApiError(ask('["i-none"]'))).code, "InvalidAction.NotFound", "no script matches");
        assert.equal(sim.scriptedApis().find((s) => s.match?.InstanceIds === '["i-script1"]')?.calls, 3);
    });

    it("verifies signatures as for the built-in APIs", async () => {
        const wrong = rpcClient(sim, ECS, { accessKeyId: sim.credentials.accessKey.accessKeyId, accessKeySecret: "not-the-secret" });
        const refused = await expectApiError(wrong.request("DescribeInstances", { RegionId: "cn-hangzhou", InstanceIds: '["i-other"]' }));
        assert.equal(refused.code, "SignatureDoesNotMatch");
    });

    it("a ROA route with a path parameter, scripted over the control endpoint", async () => {
        const res = await postJson(sim.url, "/__sim/apis", {
            product: "CS",
            version: CS,
            method: "GET",
            path: "/clusters/{ClusterId}",
            match: { ClusterId: "c-script" },
            answers: [{ body: { cluster_id: "c-script", state: "initial" } }, { atMs: 2000, error: { code: "ErrorClusterNotFound", status: 404 } }],
        });
        assert.equal(res.status, 201, res.text);
        const client = new ROAClient({ endpoint: sim.url, apiVersion: CS, ...sim.credentials.accessKey });
        assert.equal(plain(await client.request<{ state: string }>("GET", "/clusters/c-script")).state, "initial");
        clock.advance(2000);
        const gone = await expectRoaError(client.request("GET", "/clusters/c-script"));
        assert.deepEqual([gone.statusCode, gone.code], [404, "ErrorClusterNotFound"]);
        const listed = await rawRequest(sim.url, "/__sim/apis");
        assert.ok(listed.json().some((s: { path?: string }) => s.path === "/clusters/{ClusterId}"));
    });

    it("refuses scripts it cannot use, and built-in actions, with 400 and the field", async () => {
        for (const [body, message] of [
            [{ version: ECS, answers: [{ body: {} }] }, /set action .* or path/],
            [{ version: "v1", action: "X", answers: [{ body: {} }] }, /version must be/],
            [{ version: ECS, action: "X", answers: [{ body: {} }, { atMs: 0, body: {} }] }, /answers\[1\]\.atMs must be later/],
            [{ version: ECS, action: "X", answers: [{ error: {} }] }, /answers\[0\]\.error needs a code/],
            [{ version: ECS, action: "DescribeTasks", answers: [{ body: {} }] }, /simulated already/],
        ] as const) {
            const res = await postJson(sim.url, "/__sim/apis", body);
            assert.equal(res.status, 400, JSON.stringify(body));
            assert.match(res.json().message, message);
        }
    });
});
