// onFailure "warn" and extra raw statuses (successStatuses / failureStatuses), for TaskWaiter and
// ReportExport, in Pulumi's dynamic provider host against the simulator; and, under runProgram, a
// dependent resource that reads the status a warned failure recorded.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { HostCallError, runProgram } from "../../harness";
import { ReportExport, TaskWaiter } from "../../provider";
import { reportExportProvider } from "../../provider/resources/reportExport";
import { taskWaiterProvider } from "../../provider/resources/taskWaiter";
import { finishedTask, manualClock } from "../support/simulatorClock";
import { FAST_POLL, Fixture, REPORT_EXPORT_TYPE, TASK_WAITER_TYPE, serializeProvider, startFixture, urn } from "./fixture";

const WARNED = '(onFailure "warn": the deployment goes on; dependents can read status)';
const BDRC = { service: "bdrc", region: "cn-shanghai", pollInterval: FAST_POLL };
const ECD = { service: "ecd", pollInterval: FAST_POLL };
const SAS = { service: "sas", region: "cn-shanghai", pollInterval: FAST_POLL };

/** A plain resource standing in for whatever a user makes depend on the waiter's outcome. */
class Notice extends pulumi.CustomResource {
    constructor(name: string, args: Record<string, pulumi.Input<unknown>>) {
        super("test:index:Notice", name, args);
    }
}

describe("host: onFailure warn, successStatuses and failureStatuses", function () {
    this.timeout(60_000);
    let fx: Fixture;
    const providers: Record<string, string> = {};
    // a task stays in the state the test put it in until the test moves the clock
    const clock = manualClock();

    before(async () => {
        fx = await startFixture({ clock });
        providers[TASK_WAITER_TYPE] = await serializeProvider(taskWaiterProvider);
        providers[REPORT_EXPORT_TYPE] = await serializeProvider(reportExportProvider);
    });
    after(async () => fx?.close());

    async function create(type: string, name: string, inputs: Record<string, unknown>) {
        const check = await fx.host.check(urn(type, name), {}, { __provider: providers[type], resourceName: name, ...inputs });
        assert.deepStrictEqual(check.failures, [], JSON.stringify(check.failures));
        return fx.host.create(urn(type, name), check.inputs);
    }

    describe('onFailure "warn": create succeeds, recording status "failed", failureReason and a warning line', () => {
        it("TaskWaiter (bdrc): a FAILED task", async () => {
            const task = finishedTask(fx.sim, clock, {
                service: "bdrc",
                action: "UpdateResources",
                durationMs: 400,
                outcome: "failed",
                errorMsg: "too many requests.",
            });
            const created = await create(TASK_WAITER_TYPE, "warn-bdrc", { ...BDRC, taskId: task.taskId, onFailure: "warn" });
            const out = created.properties;
            assert.strictEqual(created.id, `bdrc:cn-shanghai:${task.taskId}`);
            assert.strictEqual(out.status, "failed");
            assert.strictEqual(out.rawStatus, "FAILED");
            assert.strictEqual(out.errorMessage, "too many requests.");
            assert.match(
                String(out.failureReason),
                new RegExp(
                    `^TaskWaiter "warn-bdrc": BDRC task ${task.taskId} \\(UPDATE_RESOURCES [^)]*\\) FAILED \\(failed\\), progress 100%: too many requests\\. \\(RequestId [0-9A-F-]{36}\\)$`,
                ),
            );
            const line = await fx.host.waitForLine(`warning: TaskWaiter "warn-bdrc": BDRC task ${task.taskId}`);
            assert.ok(line.endsWith(WARNED), line);
        });

        it("TaskWaiter (bdrc): a CANCELED task is recorded as cancelled", async () => {
            const task = finishedTask(fx.sim, clock, { service: "bdrc", action: "CheckRules", durationMs: 300, outcome: "cancelled" });
            const created = await create(TASK_WAITER_TYPE, "warn-cancelled", { ...BDRC, taskId: task.taskId, onFailure: "warn" });
            assert.strictEqual(created.properties.status, "cancelled");
            assert.match(String(created.properties.failureReason), /CANCELED \(cancelled\)/);
        });

        it("ReportExport (ecd): a FAILED export records no download URL", async () => {
            const task = finishedTask(fx.sim, clock, {
                service: "ecd",
                durationMs: 400,
                outcome: "failed",
                errorCode: "ReportTask.GenerateFailed",
                errorMsg: "Failed to generate the report file.",
            });
            const created = await create(REPORT_EXPORT_TYPE, "warn-ecd", { ...ECD, taskId: task.taskId, onFailure: "warn" });
            const out = created.properties;
            assert.strictEqual(out.status, "failed");
            assert.strictEqual(out.rawStatus, "FAILED");
            assert.strictEqual(out.taskId, task.taskId);
            assert.strictEqual(out.downloadUrl, undefined);
            assert.match(
                String(out.failureReason),
                /^ReportExport "warn-ecd": ECD report export task ret-\w+ FAILED \(failed\), progress 100%: ReportTask\.GenerateFailed: Failed to generate the report file\. \(RequestId [0-9A-F-]{36}\)$/,
            );
            const line = await fx.host.waitForLine(`warning: ReportExport "warn-ecd": ECD report export task ${task.taskId} FAILED`);
            assert.ok(line.endsWith(WARNED), line);
        });

        it('ReportExport (sas): a stuck export whose "exporting" is listed in failureStatuses, in another case', async () => {
            // exporting from the start, and never done: only the listed status can end this wait before the 30m deadline
            const task = fx.sim.createTask({ service: "sas", durationMs: 500, outcome: "stuck" });
            const created = await create(REPORT_EXPORT_TYPE, "warn-sas", {
                ...SAS,
                exportId: Number(task.taskId),
                failureStatuses: ["EXPORTING"],
                onFailure: "warn",
            });
            assert.strictEqual(created.properties.status, "failed");
            assert.strictEqual(created.properties.rawStatus, "exporting");
            assert.match(String(created.properties.failureReason), new RegExp(`Security Center export ${task.taskId} exporting \\(failed\\), progress \\d+%`));
            await fx.host.waitForLine(`warning: ReportExport "warn-sas": Security Center export ${task.taskId} exporting (failed)`);
        });
    });

    describe("extra raw statuses, compared case-insensitively", () => {
        it('successStatuses: a bdrc task counts as done once RUNNING ("running" listed)', async () => {
            // held a quarter of the way: it cannot complete while create waits
            const task = fx.sim.createTask({ service: "bdrc", action: "CheckRules", queuedMs: 300, durationMs: 20_000, outcome: "success" });
            clock.advance(300 + 5_000);
            const created = await create(TASK_WAITER_TYPE, "running-is-enough", { ...BDRC, taskId: task.taskId, successStatuses: ["running"] });
            assert.strictEqual(created.properties.status, "succeeded");
            assert.strictEqual(created.properties.rawStatus, "RUNNING");
            assert.strictEqual(created.properties.progress, 25);
        });

        it('failureStatuses: an ECD export spelled "Running" fails once it runs ("RUNNING" listed), naming the raw status', async () => {
            // held running a quarter of the way
            const task = fx.sim.createTask({ service: "ecd", queuedMs: 300, durationMs: 20_000, outcome: "success", statusCase: "mixed" });
            clock.advance(300 + 5_000);
            const error = await create(REPORT_EXPORT_TYPE, "running-is-bad", { ...ECD, taskId: task.taskId, failureStatuses: ["RUNNING"] }).then(
                () => assert.fail("create should have failed"),
                (e: unknown) => e,
            );
            assert.ok(error instanceof HostCallError);
            assert.match(error.message, new RegExp(`ReportExport "running-is-bad": ECD report export task ${task.taskId} Running \\(failed\\), progress 25%`));
        });

        it("successStatuses win over the service's table: a Security Center export still in init counts as done", async () => {
            // held in init: the clock does not move
            const task = fx.sim.createTask({ service: "sas", queuedMs: 20_000, durationMs: 1000, outcome: "success" });
            const created = await create(REPORT_EXPORT_TYPE, "init-is-enough", { ...SAS, exportId: Number(task.taskId), successStatuses: ["Init"] });
            assert.strictEqual(created.properties.status, "succeeded");
            assert.strictEqual(created.properties.rawStatus, "init");
            assert.strictEqual(created.properties.downloadUrl, undefined, "no link yet");
        });
    });

    it("under runProgram: warned failures let the deployment go on, and a dependent resource reads their status", async () => {
        const task = finishedTask(fx.sim, clock, { service: "bdrc", action: "CheckRules", durationMs: 400, outcome: "failed" });
        // the export this program starts fails at once (the clock does not move by itself)
        fx.sim.setTaskTemplate("ecd", { queuedMs: 0, durationMs: 0, outcome: "failed" });
        const run = await runProgram(
            () => {
                const rules = new TaskWaiter("rules", {
                    service: "bdrc",
                    region: "cn-shanghai",
                    taskId: task.taskId,
                    onFailure: "warn",
                    pollInterval: FAST_POLL,
                });
                const report = new ReportExport("report", {
                    service: "ecd",
                    create: { taskType: "RESOURCE_REPORT", subType: "DESKTOP" },
                    onFailure: "warn",
                    pollInterval: FAST_POLL,
                });
                const notice = new Notice("notice", {
                    rulesStatus: rules.status,
                    reportStatus: report.status,
                    summary: pulumi
                        .all([rules.status, report.status])
                        .apply(([a, b]) => (a === "succeeded" && b === "succeeded" ? "all good" : "needs attention")),
                });
                return { rulesStatus: rules.status, reportStatus: report.status, reportFailure: report.failureReason, noticeId: notice.id };
            },
            { host: fx.host, config: fx.config },
        );
        assert.ok(run.ok, run.errors.map((e) => e.message).join("\n"));
        const notice = run.resource("notice", "test:index:Notice");
        assert.deepStrictEqual(notice.inputs, { rulesStatus: "failed", reportStatus: "failed", summary: "needs attention" });
        const outputs = run.outputs as Record<string, unknown>;
        assert.strictEqual(outputs.rulesStatus, "failed");
        assert.strictEqual(outputs.reportStatus, "failed");
        assert.match(String(outputs.reportFailure), /ReportExport "report": ECD report export task ret-\w+ FAILED \(failed\)/);
        assert.strictEqual(outputs.noticeId, "notice-id");
        await fx.host.waitForLine(`warning: TaskWaiter "rules": BDRC task ${task.taskId}`);
        await fx.host.waitForLine(/warning: ReportExport "report": ECD report export task ret-\w+ FAILED/);
    });
});
