// What the CLI shows of a waiter, under the real engine: the customTimeouts warning, every bad input on its
// property at preview, and progress lines as info messages (a dynamic provider's output reaches the engine
// without a resource, and the CLI lists it under the stack, which is why each line names its resource).
import * as assert from "assert";
import { ManualClock, Simulator, startSimulator } from "../../simulator";
import { finishedTask, manualClock } from "../support/simulatorClock";
import { assertSucceeded, diagnostics, PulumiProject, PulumiWorkspace, simulatorStackConfig } from "../../harness/pulumiCli";

describe("e2e: warnings, input errors and progress lines in the Pulumi CLI", function () {
    this.timeout(240_000);
    let ws: PulumiWorkspace;
    let sim: Simulator;
    let clock: ManualClock;
    before(async () => {
        ws = await PulumiWorkspace.create();
        clock = manualClock();
        sim = await startSimulator({ clock });
    });
    after(async () => {
        await sim?.close();
        ws?.close();
    });

    it("warns that customTimeouts has no effect, and shows progress lines as info messages of the stack", async () => {
        const task = finishedTask(sim, clock, { service: "ecs", action: "ImportImage", durationMs: 500, outcome: "success" });
        const program = `import { TaskWaiter } from "pulumi-alicloud-tasks";
new TaskWaiter("image-import", { service: "ecs", taskId: "${task.taskId}" }, { customTimeouts: { create: "2h" } });
`;
        const project = await PulumiProject.create(ws, { files: { "index.ts": program }, ...simulatorStackConfig(sim) });
        const up = assertSucceeded(await project.up());
        const warnings = diagnostics(up.events, "warning");
        assert.ok(
            warnings.some((w) => /^TaskWaiter "image-import": customTimeouts \(create: "2h"\) has no effect.*Set the `timeout` input instead/s.test(w)),
            warnings.join("\n"),
        );
        assert.match(up.stdout, /warning: TaskWaiter "image-import": customTimeouts \(create: "2h"\) has no effect/);
        const progress = up.events.map((e) => e.diagnosticEvent).filter((d) => d?.message.includes("[alicloud-tasks]"));
        assert.ok(progress.length > 0, "progress lines reach the engine");
        for (const d of progress) {
            assert.strictEqual(d!.severity, "info");
            // no resource is named: the CLI lists them under the stack, which is why each line names its waiter
            assert.ok(!String(d!.urn ?? "").includes("TaskWaiter"), "not attached to the waiter");
        }
        assert.match(up.stdout, /\[alicloud-tasks\] TaskWaiter "image-import": task t-\w+ Finished 100% \(succeeded\)/);
    });

    it("shows every bad input on its property at preview, calling no API", async () => {
        const program = `import { TaskWaiter } from "pulumi-alicloud-tasks";
new TaskWaiter("bad", { service: "ecs", taskId: "not-a-task", timeout: "5 minutes" });
`;
        const project = await PulumiProject.create(ws, { files: { "index.ts": program }, ...simulatorStackConfig(sim) });
        sim.resetStats();
        const preview = await project.preview();
        assert.notStrictEqual(preview.code, 0);
        const text = preview.stdout + preview.stderr;
        assert.match(text, /taskId/);
        assert.match(text, /timeout/);
        assert.match(text, /5 minutes/);
        assert.strictEqual(sim.stats().total, 0);
    });
});
