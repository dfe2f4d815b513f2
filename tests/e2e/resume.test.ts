// A wait that times out, under the real engine: `up` fails as a partial failure that keeps the resource in the
// state; the next `up` shows an update (not a replace), resumes on the recorded task or export, and never
// starts a second export.
import * as assert from "assert";
import { ManualClock, Simulator, startSimulator } from "../../simulator";
import { finishTask, manualClock } from "../support/simulatorClock";
import { assertSucceeded, PulumiProject, PulumiWorkspace, simulatorStackConfig, stepOf } from "../../harness/pulumiCli";

const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { ReportExport, TaskWaiter } from "pulumi-alicloud-tasks";

const config = new pulumi.Config();
const timeout = config.get("timeout") ?? "2s";
const pollInterval = { min: "100ms", max: "300ms" };
const imported = new TaskWaiter("image-import", { service: "ecs", taskId: config.require("importTaskId"), timeout, pollInterval });
const report = new ReportExport("desktops", {
    service: "ecd",
    create: { taskType: "RESOURCE_REPORT", subType: "DESKTOP" },
    timeout,
    pollInterval,
});
export const importStatus = imported.status;
export const reportStatus = report.status;
export const reportTaskId = report.taskId;
export const reportUrl = report.downloadUrl;
`;

describe("e2e: a wait that times out resumes on the next pulumi up", function () {
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

    it("records the unfinished waits, then updates them in place without a second export", async () => {
        // both tasks are held where they are (the manual clock does not move) until the test finishes them
        const task = sim.createTask({ service: "ecs", action: "ImportImage", queuedMs: 0, durationMs: 60_000, outcome: "success" });
        sim.setTaskTemplate("ecd", { queuedMs: 0, durationMs: 60_000, outcome: "success" });
        const stack = simulatorStackConfig(sim);
        const project = await PulumiProject.create(ws, {
            files: { "index.ts": PROGRAM },
            config: { ...stack.config, importTaskId: task.taskId },
            secrets: stack.secrets,
        });
        sim.resetStats();

        const first = await project.up();
        assert.notStrictEqual(first.code, 0, "the first up fails");
        const text = first.stdout + first.stderr;
        assert.match(text, /TaskWaiter "image-import": .*run `pulumi up` again to keep waiting/s);
        assert.match(text, /ReportExport "desktops": .*run `pulumi up` again to keep waiting on this export/s);
        const recorded = await project.stateResources();
        for (const type of ["TaskWaiter", "ReportExport"]) {
            const r = recorded.find((x) => x.type.endsWith(`:${type}`));
            assert.ok(r, `${type} is in the state after the timeout (a partial failure keeps it)`);
            assert.strictEqual(r!.outputs?.status, "running");
            assert.ok((r!.initErrors ?? []).length > 0, `${type} is recorded with its init error`);
        }
        const reportTaskId = recorded.find((x) => x.type.endsWith(":ReportExport"))!.outputs!.taskId as string;
        assert.strictEqual(sim.stats().calls.CreateEcdReportTask, 1);

        // the preview of the next run: an update of each, not a replace
        const preview = assertSucceeded(await project.preview());
        for (const name of ["image-import", "desktops"]) assert.strictEqual(stepOf(preview.events, name)?.op, "update", `${name} is previewed as an update`);

        finishTask(sim, clock, task.taskId);
        finishTask(sim, clock, reportTaskId);
        const second = assertSucceeded(await project.up());
        for (const name of ["image-import", "desktops"]) assert.strictEqual(stepOf(second.events, name)?.op, "update", `${name} is updated in place`);
        assert.strictEqual(sim.stats().calls.CreateEcdReportTask, 1, "the export was not started again");
        const outputs = await project.outputs(true);
        assert.strictEqual(outputs.importStatus, "succeeded");
        assert.strictEqual(outputs.reportStatus, "succeeded");
        assert.strictEqual(outputs.reportTaskId, reportTaskId, "the recorded export is the one waited on");
        assert.match(String(outputs.reportUrl), /^https?:\/\//);
        const after = await project.stateResources();
        assert.ok(
            after.every((r) => (r.initErrors ?? []).length === 0),
            "no init error is left in the state",
        );
    });
});
