// examples/ecs-image-gate under pulumi.runtime.setMocks, its TaskWaiter checked and created in
// Pulumi's provider host against the simulator: the instance gets the image id from the waiter.
import * as assert from "assert";

import { Fixture, TASK_WAITER_TYPE, startFixture } from "../host/fixture";
import { exampleProgram, runProgram } from "../../harness";
import { finishTask, finishedTask, manualClock } from "../support/simulatorClock";

const INSTANCE_TYPE = "alicloud:ecs/instance:Instance";

describe("example: ecs-image-gate", function () {
    this.timeout(60_000);
    let fx: Fixture;
    // the import is where the test put it until the test moves the clock
    const clock = manualClock();
    before(async () => (fx = await startFixture({ clock })));
    after(async () => fx?.close());

    const programConfig = (taskId: string) => ({ importTaskId: taskId, vswitchId: "vsw-123", securityGroupId: "sg-123" });

    it("creates the instance from the image id the waiter reports after the import finished", async () => {
        const task = fx.sim.createTask({ service: "ecs", action: "ImportImage", queuedMs: 200, durationMs: 2500, outcome: "success" });
        /** When the program registered the instance, on the simulator's clock. */
        let instanceAt: number | undefined;
        const running = runProgram(exampleProgram("ecs-image-gate"), {
            host: fx.host,
            config: { ...fx.config, ...programConfig(task.taskId) },
            mockResource: (args) => {
                if (args.type === INSTANCE_TYPE) instanceAt = clock.now();
                return undefined;
            },
        });
        // the waiter has seen the import queued: the instance must wait for it
        await fx.host.waitForLine(`TaskWaiter "image-import": task ${task.taskId} Waiting (pending)`);
        assert.strictEqual(instanceAt, undefined, "no instance while the import is queued");
        finishTask(fx.sim, clock, task.taskId);
        const run = await running;
        assert.ok(run.ok, run.errors.map((e) => e.message).join("\n"));
        const waiter = run.resource("image-import", TASK_WAITER_TYPE);
        assert.strictEqual(waiter.type, "pulumi-nodejs:dynamic/alicloud-tasks:TaskWaiter", "a readable type token in pulumi preview");
        assert.strictEqual(waiter.outputs.status, "succeeded");
        const instance = run.resource("web", INSTANCE_TYPE);
        assert.strictEqual(instance.inputs.imageId, task.resourceId);
        assert.ok(instanceAt !== undefined && instanceAt >= Date.parse(task.endsAt!), "the instance was registered only after the import finished");
        const outputs = run.outputs as Record<string, unknown>;
        assert.strictEqual(outputs.imageId, task.resourceId);
        assert.strictEqual(outputs.importStatus, "succeeded");
        await fx.host.waitForLine(new RegExp(`TaskWaiter "image-import": task ${task.taskId} Finished( \\d+%)? \\(succeeded\\)`));
    });

    it("never creates the instance when the import fails", async () => {
        const task = finishedTask(fx.sim, clock, { service: "ecs", action: "ImportImage", durationMs: 500, outcome: "failed" });
        const run = await runProgram(exampleProgram("ecs-image-gate"), { host: fx.host, config: { ...fx.config, ...programConfig(task.taskId) } });
        assert.ok(!run.ok);
        const waiter = run.resource("image-import", TASK_WAITER_TYPE);
        assert.match(String(waiter.error?.message), new RegExp(`ECS task ${task.taskId} .*Failed \\(failed\\)`));
        const instance = run.resources.find((r) => r.name === "web");
        assert.ok(!instance || instance.id === undefined, "the instance was not created");
    });
});
