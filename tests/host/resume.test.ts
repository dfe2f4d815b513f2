// Resumable waits through Pulumi's provider host, as two `pulumi up` runs would drive it: create
// times out and is recorded as a partial failure (id, properties, reasons); the next run's diff
// reports a change for the unfinished wait, and update resumes on what was recorded, starting
// nothing new: no second CreateEcdReportTask / ExportRecord, no new lookup of an ECS resource's task.
import * as assert from "assert";
import { HostCallError, InitFailure } from "../../harness";
import { reportExportProvider } from "../../provider/resources/reportExport";
import { taskWaiterProvider } from "../../provider/resources/taskWaiter";
import type { RpcCall } from "../../simulator";
import { finishTask, manualClock } from "../support/simulatorClock";
import { FAST_POLL, Fixture, REPORT_EXPORT_TYPE, TASK_WAITER_TYPE, serializeProvider, startFixture, urn } from "./fixture";

describe("host: a wait that timed out resumes on the next update", function () {
    this.timeout(60_000);
    let fx: Fixture;
    let providers: Record<string, string>;
    let calls: Pick<RpcCall, "action" | "params">[];
    // every task is held unfinished until create has timed out; the test then finishes it for the update
    const clock = manualClock();

    before(async () => {
        fx = await startFixture({ clock });
        providers = { [TASK_WAITER_TYPE]: await serializeProvider(taskWaiterProvider), [REPORT_EXPORT_TYPE]: await serializeProvider(reportExportProvider) };
        fx.sim.addLayer(async (call, next) => {
            calls.push({ action: call.action, params: call.params });
            return next();
        });
    });
    after(async () => fx?.close());
    beforeEach(() => (calls = []));

    const actions = () => calls.map((c) => c.action);

    async function checked(type: string, name: string, inputs: Record<string, unknown>) {
        const result = await fx.host.check(urn(type, name), {}, { __provider: providers[type], resourceName: name, ...inputs });
        assert.deepStrictEqual(result.failures, [], JSON.stringify(result.failures));
        return result.inputs;
    }

    /** The first run: create, which must end as a partial failure that the engine records. */
    async function createTimesOut(type: string, name: string, inputs: Record<string, unknown>): Promise<InitFailure> {
        const error = await fx.host.create(urn(type, name), await checked(type, name, inputs)).then(
            () => assert.fail("create should have timed out"),
            (e: unknown) => e,
        );
        assert.ok(error instanceof HostCallError && error.initFailed, `a partial failure, got ${error}`);
        assert.match(error.message, /timed out after 1s/);
        assert.match(error.initFailed.reasons.join("\n"), /run `pulumi up` again to keep waiting/);
        assert.ok(["pending", "running"].includes(String(error.initFailed.properties.status)), `recorded as unfinished: ${error.initFailed.properties.status}`);
        return error.initFailed;
    }

    /** The next run: diff sees an unfinished wait (an update, not a replace), then update resumes it. */
    async function resume(type: string, name: string, recorded: InitFailure, inputs: Record<string, unknown>) {
        const news = await checked(type, name, { ...inputs, timeout: "30s" });
        const diff = await fx.host.diff(recorded.id, urn(type, name), recorded.properties, news);
        assert.strictEqual(diff.changes, "some");
        assert.deepStrictEqual(diff.replaces, []);
        calls = [];
        return fx.host.update(recorded.id, urn(type, name), recorded.properties, news);
    }

    it("TaskWaiter (ECS, by resource): update waits on the task recorded at create instead of looking it up again", async () => {
        const task = fx.sim.createTask({ service: "ecs", action: "ImportImage", durationMs: 3_000, outcome: "success" });
        const name = "resumed-waiter";
        const inputs = { service: "ecs", resourceIds: [task.resourceId], taskAction: "ImportImage", timeout: "1s", pollInterval: FAST_POLL };
        const recorded = await createTimesOut(TASK_WAITER_TYPE, name, inputs);
        assert.match(recorded.id, /^ecs:cn-hangzhou:/);
        assert.deepStrictEqual(
            (recorded.properties.tasks as { taskId: string }[]).map((t) => t.taskId),
            [task.taskId],
        );

        finishTask(fx.sim, clock, task.taskId);
        const updated = await resume(TASK_WAITER_TYPE, name, recorded, inputs);
        assert.strictEqual(updated.properties.status, "succeeded");
        assert.strictEqual(updated.properties.resourceId, task.resourceId);
        assert.strictEqual(updated.properties.failureReason, undefined);
        assert.ok(
            actions().every((a) => a === "DescribeTasks" || a === "DescribeTaskAttribute"),
            actions().join(", "),
        );
        // every poll names the recorded task; none looks the resource up again
        assert.ok(
            calls.length > 0 &&
                calls.every((c) => (c.params.TaskIds ?? c.params.TaskId) === task.taskId && !Object.keys(c.params).some((k) => k.startsWith("ResourceIds"))),
            JSON.stringify(calls.map((c) => c.params)),
        );
        // progress lines of the resumed wait name the resource and the task, and time it
        await fx.host.waitForLine(new RegExp(`TaskWaiter "${name}": task ${task.taskId} Finished( \\d+%)? \\(succeeded\\) after \\d`));
    });

    it("ReportExport (ECD, start mode): CreateEcdReportTask once at create, never again on update", async () => {
        fx.sim.setTaskTemplate("ecd", { queuedMs: 200, durationMs: 3_000, outcome: "success" });
        const name = "resumed-ecd-report";
        const inputs = { service: "ecd", create: { taskType: "RESOURCE_REPORT", subType: "DESKTOP" }, timeout: "1s", pollInterval: FAST_POLL };
        const recorded = await createTimesOut(REPORT_EXPORT_TYPE, name, inputs);
        assert.strictEqual(count(actions(), "CreateEcdReportTask"), 1);
        const taskId = String(recorded.properties.taskId);
        assert.match(taskId, /^ret-/);
        assert.strictEqual(recorded.id, `ecd:cn-hangzhou:${taskId}`);
        const statsBefore = fx.sim.stats().calls.CreateEcdReportTask;

        finishTask(fx.sim, clock, taskId);
        const updated = await resume(REPORT_EXPORT_TYPE, name, recorded, inputs);
        assert.strictEqual(updated.properties.status, "succeeded");
        assert.strictEqual(updated.properties.taskId, taskId, "the same export");
        assert.match(String(updated.properties.downloadUrl), /^https:\/\//);
        assert.strictEqual(count(actions(), "CreateEcdReportTask"), 0, actions().join(", "));
        assert.ok(calls.every((c) => c.action !== "DescribeEcdReportTasks" || c.params.TaskId === taskId));
        assert.strictEqual(fx.sim.stats().calls.CreateEcdReportTask, statsBefore, "simulator stats agree");
        assert.strictEqual(fx.sim.listTasks().filter((t) => t.service === "ecd").length, 1, "one export in the service");
        await fx.host.waitForLine(new RegExp(`ReportExport "${name}": task ${taskId} FINISHED 100% \\(succeeded\\)`));
    });

    it("ReportExport (Security Center, start mode): ExportRecord once at create, never again on update", async () => {
        fx.sim.setTaskTemplate("sas", { queuedMs: 200, durationMs: 3_000, outcome: "success" });
        const name = "resumed-sas-report";
        const inputs = { service: "sas", region: "cn-shanghai", create: { exportType: "exportHcWarning" }, timeout: "1s", pollInterval: FAST_POLL };
        const recorded = await createTimesOut(REPORT_EXPORT_TYPE, name, inputs);
        assert.strictEqual(count(actions(), "ExportRecord"), 1);
        const exportId = recorded.properties.exportId;
        assert.strictEqual(typeof exportId, "number");

        finishTask(fx.sim, clock, String(exportId));
        const updated = await resume(REPORT_EXPORT_TYPE, name, recorded, inputs);
        assert.strictEqual(updated.properties.status, "succeeded");
        assert.strictEqual(updated.properties.exportId, exportId, "the same export");
        assert.strictEqual(count(actions(), "ExportRecord"), 0, actions().join(", "));
        assert.ok(actions().length > 0 && actions().every((a) => a === "DescribeExportInfo"), actions().join(", "));
    });
});

function count(list: readonly string[], item: string): number {
    return list.filter((x) => x === item).length;
}
