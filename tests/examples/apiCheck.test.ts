// examples/api-check under pulumi.runtime.setMocks, its check-mode ApiWaiters checked and created in Pulumi's
// provider host against APIs scripted in the simulator (DescribeInstances, Container Service's ROA
// GET /clusters/{ClusterId}): a check that holds, and one that does not with onFailure "warn".
import * as assert from "assert";

import { API_WAITER_TYPE, Fixture, startFixture } from "../host/fixture";
import { exampleProgram, runProgram } from "../../harness";

describe("example: api-check", function () {
    this.timeout(60_000);
    let fx: Fixture;
    before(async () => {
        fx = await startFixture();
        fx.sim.scriptApi({
            version: "2015-12-15",
            method: "GET",
            path: "/clusters/{ClusterId}",
            answers: [{ body: { name: "prod", state: "running", current_version: "1.31.1" } }],
        });
    });
    after(async () => fx?.close());

    const instance = (id: string, status: string) =>
        fx.sim.scriptApi({
            version: "2014-05-26",
            action: "DescribeInstances",
            match: { InstanceIds: JSON.stringify([id]) },
            answers: [{ body: { Instances: { Instance: [{ Status: status }] } } }],
        });
    const config = (instanceId: string) => ({ ...fx.config, instanceId, clusterId: "c-prod" });

    it("both checks hold: status succeeded, the matched value and the selected answer recorded", async () => {
        instance("i-running", "Running");
        const run = await runProgram(exampleProgram("api-check"), { host: fx.host, config: config("i-running") });
        assert.ok(run.ok, run.errors.map((e) => e.message).join("\n"));
        assert.deepStrictEqual(run.outputs, {
            instanceCheck: "succeeded",
            instanceStatus: "Running",
            clusterCheck: "succeeded",
            clusterState: { name: "prod", state: "running" },
        });
        for (const name of ["instance-still-running", "cluster-still-running"]) assert.strictEqual(run.resource(name, API_WAITER_TYPE).outputs.mode, "check");
    });

    it("a stopped instance is a warning, recorded as failed with a reason; the run goes on", async () => {
        instance("i-stopped", "Stopped");
        const run = await runProgram(exampleProgram("api-check"), { host: fx.host, config: config("i-stopped") });
        assert.ok(run.ok, run.errors.map((e) => e.message).join("\n"));
        const check = run.resource("instance-still-running", API_WAITER_TYPE).outputs;
        assert.strictEqual(check.status, "failed");
        assert.match(String(check.reason), /Stopped/);
        assert.strictEqual((run.outputs as Record<string, unknown>).clusterCheck, "succeeded");
    });
});
