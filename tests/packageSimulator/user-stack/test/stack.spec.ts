// The README's example of a user's mocha test of their own stack against the simulator, with
// `pulumi up` run by the Automation API (it needs the Pulumi CLI, so this repository only
// type-checks it; tests/packageSimulator/publicApi.test.ts runs the same program in Pulumi's
// provider host).
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import { startSimulator, type Simulator } from "pulumi-alicloud-tasks/simulator";

describe("image-gate stack", function () {
    this.timeout(5 * 60_000);
    let sim: Simulator;
    let stack: Stack;

    before(async () => {
        sim = await startSimulator({ speed: 30 }); // tasks run 30 times faster than the real clock
        stack = await LocalWorkspace.createOrSelectStack(
            { stackName: "simulator", workDir: path.join(__dirname, "..") },
            {
                envVars: {
                    PULUMI_BACKEND_URL: `file://${fs.mkdtempSync(path.join(os.tmpdir(), "state-"))}`,
                    PULUMI_CONFIG_PASSPHRASE: "simulator",
                    // what the provider reads: the endpoint override and the simulator's fake key pair
                    ALICLOUD_TASKS_ENDPOINT: sim.url,
                    ALIBABA_CLOUD_ACCESS_KEY_ID: sim.credentials.accessKey.accessKeyId,
                    ALIBABA_CLOUD_ACCESS_KEY_SECRET: sim.credentials.accessKey.accessKeySecret,
                    ALIBABA_CLOUD_REGION_ID: "cn-hangzhou",
                },
            },
        );
    });
    afterEach(async () => {
        await stack.destroy();
        sim.faults.clear();
    });
    after(async () => {
        await stack.workspace.removeStack("simulator");
        await sim.close();
    });

    it("reports the imported image once the import finished", async () => {
        const task = sim.createTask({ service: "ecs", action: "ImportImage", region: "cn-hangzhou", durationMs: 60_000, outcome: "success" });
        // the first two polls are throttled: the waiter slows down and carries on
        sim.faults.add({ action: "DescribeTasks", first: 2, fault: { kind: "throttle", retryAfterMs: 500 } });
        await stack.setConfig("importTaskId", { value: task.taskId });

        const up = await stack.up();

        assert.equal(up.outputs.importStatus.value, "succeeded");
        assert.equal(up.outputs.imageId.value, task.resourceId);
        assert.equal(sim.stats().faults.throttle, 2);
        assert.ok(sim.stats().calls.DescribeTasks >= 3);
    });

    it("fails the deployment when the import fails", async () => {
        const task = sim.createTask({
            service: "ecs",
            action: "ImportImage",
            region: "cn-hangzhou",
            durationMs: 5_000,
            outcome: "failed",
            errorCode: "ImportImage.InvalidFormat",
            errorMsg: "The image format is not supported.",
        });
        await stack.setConfig("importTaskId", { value: task.taskId });

        await assert.rejects(stack.up(), /ImportImage\.InvalidFormat/);
    });
});
