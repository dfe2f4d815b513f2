// examples/api-wait under pulumi.runtime.setMocks, its ApiWaiters checked and created in Pulumi's
// provider host against APIs scripted in the simulator (DescribeInstances, DescribeInvocations, and
// Container Service's ROA GET /clusters/{ClusterId}).
import * as assert from "assert";

import { API_WAITER_TYPE, Fixture, startFixture } from "../host/fixture";
import { exampleProgram, runProgram } from "../../harness";

const ECS = "2014-05-26";

describe("example: api-wait", function () {
    this.timeout(60_000);
    let fx: Fixture;
    before(async () => {
        fx = await startFixture();
        // the mocks give other resources the id "<name>-id"
        fx.sim.scriptApi({
            version: ECS,
            action: "DescribeInstances",
            match: { InstanceIds: '["web-id"]' },
            answers: [{ body: { Instances: { Instance: [{ Status: "Running" }] } } }],
        });
        fx.sim.scriptApi({
            version: "2015-12-15",
            method: "GET",
            path: "/clusters/{ClusterId}",
            answers: [{ body: { name: "prod", state: "running", current_version: "1.31.1" } }],
        });
    });
    after(async () => fx?.close());

    const config = () => ({ ...fx.config, vswitchId: "vsw-1", securityGroupId: "sg-1", clusterId: "c-prod" });
    const invocation = (status: string) =>
        fx.sim.scriptApi({
            version: ECS,
            action: "DescribeInvocations",
            match: { InvokeId: "install-on-web-id" },
            answers: [{ body: { Invocations: { Invocation: [{ InvocationStatus: status }] } } }],
        });

    it("waits for the instance, the command and the cluster", async () => {
        invocation("Finished");
        const run = await runProgram(exampleProgram("api-wait"), { host: fx.host, config: config() });
        assert.ok(run.ok, run.errors.map((e) => e.message).join("\n"));
        assert.strictEqual(
            run.resource("web-running", API_WAITER_TYPE).type,
            "pulumi-nodejs:dynamic/alicloud-tasks:ApiWaiter",
            "a readable type token in pulumi preview",
        );
        assert.deepStrictEqual(run.outputs, {
            instanceStatus: "Running",
            installStatus: "Finished",
            clusterState: { name: "prod", state: "running", version: "1.31.1" },
        });
    });

    it("fails the deployment when the command ends PartialFailed, naming the status", async () => {
        invocation("PartialFailed");
        const run = await runProgram(exampleProgram("api-wait"), { host: fx.host, config: config() });
        assert.ok(!run.ok);
        const waiter = run.resource("install-finished", API_WAITER_TYPE);
        assert.match(
            String(waiter.error?.message),
            /Ecs DescribeInvocations: acceptor 1 \(failure\) matched: Invocations\.Invocation\[0\]\.InvocationStatus is "PartialFailed"/,
        );
    });
});
