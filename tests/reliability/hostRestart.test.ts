// The provider host killed (SIGKILL) and started again, through Pulumi's own dynamic provider host:
// (a) a create that timed out was recorded by the engine as a partial failure; the host dies; the
//     next `pulumi up` runs diff + update on a new host, which resumes the recorded task and completes;
// (b) the host dies in the middle of a create, so the engine records nothing; the next `pulumi up`
//     creates again on a new host, which finds the same task (further along) and completes, starting
//     nothing new (TaskWaiter, ReportExport adopt mode). ReportExport start mode finds the export the
//     dead host started by its start key and starts none: ECD by the report's file name, on any
//     machine; Security Center through the journal on the machine that started it.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { HostCallError, InitFailure, ProviderHost, startProviderHost } from "../../harness";
import { reportExportProvider } from "../../provider/resources/reportExport";
import { taskWaiterProvider } from "../../provider/resources/taskWaiter";
import { Simulator, startSimulator } from "../../simulator";
import { finishTask, manualClock } from "../support/simulatorClock";
import { FAST_POLL, NO_AMBIENT_CREDENTIALS, REPORT_EXPORT_TYPE, TASK_WAITER_TYPE, serializeProvider, simulatorConfig, urn } from "../host/fixture";
import { table } from "../support/table";

describe("reliability: the provider host killed mid-wait and started again", function () {
    this.timeout(120_000);
    let sim: Simulator;
    let host: ProviderHost;
    let providers: Record<string, string>;
    const rows: string[][] = [];
    // every task is held where the test put it (unfinished while a host dies) until the test moves the clock
    const clock = manualClock();
    /** This machine's state directory (the start journal); another machine has its own. */
    const machine = fs.mkdtempSync(path.join(os.tmpdir(), "restart-machine-"));

    async function newHost(stateDir = machine): Promise<ProviderHost> {
        const started = await startProviderHost({ env: { ...NO_AMBIENT_CREDENTIALS, ALICLOUD_TASKS_STATE_DIR: stateDir } });
        await started.configure(simulatorConfig(sim), ["alicloud:secretKey"]);
        return started;
    }

    /** SIGKILL, as an OOM killer or a closed laptop would; then a new host for the next `pulumi up`. Returns the dead host's output. */
    async function restartHost(): Promise<string[]> {
        const dead = host;
        dead.kill("SIGKILL");
        assert.strictEqual((await dead.exited).signal, "SIGKILL");
        host = await newHost();
        return dead.stdout;
    }

    async function checked(type: string, name: string, inputs: Record<string, unknown>) {
        const result = await host.check(urn(type, name), {}, { __provider: providers[type], resourceName: name, resourceStack: "restart/dev", ...inputs });
        assert.deepStrictEqual(result.failures, [], JSON.stringify(result.failures));
        return result.inputs;
    }

    /** A create that ends as a partial failure (its timeout): what the engine records. */
    async function createTimesOut(type: string, name: string, inputs: Record<string, unknown>): Promise<InitFailure> {
        const error = await host.create(urn(type, name), await checked(type, name, { ...inputs, timeout: "1s" })).then(
            () => assert.fail("create should have timed out"),
            (e: unknown) => e,
        );
        assert.ok(error instanceof HostCallError && error.initFailed, `a partial failure, got ${error}`);
        return error.initFailed;
    }

    /** A create whose host is killed once `line` was printed: the engine gets no answer and records nothing. */
    async function createKilled(type: string, name: string, inputs: Record<string, unknown>, line: RegExp): Promise<string[]> {
        const pending = host.create(urn(type, name), await checked(type, name, inputs)).then(
            () => assert.fail("create should not have finished"),
            (e: unknown) => e,
        );
        await host.waitForLine(line);
        const output = await restartHost();
        const error = await pending;
        assert.ok(error instanceof HostCallError && !error.initFailed, `the engine sees a failed call and nothing to record: ${error}`);
        return output;
    }

    before(async () => {
        sim = await startSimulator({ clock });
        host = await newHost();
        providers = { [TASK_WAITER_TYPE]: await serializeProvider(taskWaiterProvider), [REPORT_EXPORT_TYPE]: await serializeProvider(reportExportProvider) };
    });
    after(async () => {
        await host?.close();
        await sim?.close();
        fs.rmSync(machine, { recursive: true, force: true });
        if (rows.length)
            console.log(
                table("host killed and restarted: what the next `pulumi up` did", ["case", "engine recorded", "next run", "extra exports", "result"], rows),
            );
    });

    it("(a) TaskWaiter bdrc: timed out and recorded, host killed; update on a new host resumes the same task", async () => {
        const task = sim.createTask({ service: "bdrc", durationMs: 3_000, outcome: "success" });
        clock.advance(1_000);
        const name = "restart-bdrc";
        const inputs = { service: "bdrc", region: "cn-shanghai", taskId: task.taskId, pollInterval: FAST_POLL };
        const recorded = await createTimesOut(TASK_WAITER_TYPE, name, inputs);
        assert.strictEqual(recorded.id, `bdrc:cn-shanghai:${task.taskId}`);
        assert.strictEqual(recorded.properties.rawStatus, "RUNNING");
        const seenProgress = Number(recorded.properties.progress);
        assert.strictEqual(seenProgress, 33.3, "a third of the way, where the test holds it");

        await restartHost();
        finishTask(sim, clock, task.taskId);
        const news = await checked(TASK_WAITER_TYPE, name, { ...inputs, timeout: "30s" });
        const diff = await host.diff(recorded.id, urn(TASK_WAITER_TYPE, name), recorded.properties, news);
        assert.strictEqual(diff.changes, "some", "the unfinished wait shows as a change");
        assert.deepStrictEqual(diff.replaces, []);
        const updated = await host.update(recorded.id, urn(TASK_WAITER_TYPE, name), recorded.properties, news);
        assert.strictEqual(updated.properties.status, "succeeded");
        assert.strictEqual(updated.properties.taskId, task.taskId);
        assert.ok(Number(updated.properties.progress) >= seenProgress);
        for (const key of ["service", "region", "taskId", "taskType", "startedAt"]) {
            assert.deepStrictEqual(updated.properties[key], recorded.properties[key], `${key}: nothing known was lost`);
        }
        rows.push(["(a) TaskWaiter bdrc", `partial failure, RUNNING ${seenProgress}%`, "update on new host", "0", String(updated.properties.status)]);
    });

    it("(a) ReportExport ecd start mode: the export recorded at the timeout is resumed, never started twice", async () => {
        sim.setTaskTemplate("ecd", { queuedMs: 200, durationMs: 3_000, outcome: "success" });
        const name = "restart-ecd-start";
        const inputs = { service: "ecd", create: { taskType: "RESOURCE_REPORT", subType: "DESKTOP" }, pollInterval: FAST_POLL };
        sim.resetStats();
        const recorded = await createTimesOut(REPORT_EXPORT_TYPE, name, inputs);
        const taskId = String(recorded.properties.taskId);
        assert.match(taskId, /^ret-/);

        await restartHost();
        finishTask(sim, clock, taskId);
        const news = await checked(REPORT_EXPORT_TYPE, name, { ...inputs, timeout: "30s" });
        const updated = await host.update(recorded.id, urn(REPORT_EXPORT_TYPE, name), recorded.properties, news);
        assert.strictEqual(updated.properties.status, "succeeded");
        assert.strictEqual(updated.properties.taskId, taskId, "the same export");
        assert.match(String(updated.properties.downloadUrl), /^https:\/\//);
        assert.strictEqual(sim.stats().calls.CreateEcdReportTask, 1, "started once, across both hosts");
        sim.setTaskTemplate("ecd", {});
        rows.push(["(a) ReportExport ecd start", `partial failure, ${taskId}`, "update on new host", "0", String(updated.properties.status)]);
    });

    it("(b) TaskWaiter ecs by resource: killed mid-create; a fresh create on a new host finds the same task", async () => {
        const task = sim.createTask({ service: "ecs", action: "ImportImage", durationMs: 3_000, outcome: "success" });
        const name = "killed-ecs";
        const inputs = { service: "ecs", resourceIds: [task.resourceId], taskAction: "ImportImage", timeout: "30s", pollInterval: FAST_POLL };
        const tasksBefore = sim.listTasks().length;
        await createKilled(TASK_WAITER_TYPE, name, inputs, new RegExp(`TaskWaiter "${name}": task ${task.taskId} Processing`));

        finishTask(sim, clock, task.taskId);
        const created = await host.create(urn(TASK_WAITER_TYPE, name), await checked(TASK_WAITER_TYPE, name, inputs));
        assert.deepStrictEqual(
            (created.properties.tasks as { taskId: string }[]).map((t) => t.taskId),
            [task.taskId],
            "the same task",
        );
        assert.strictEqual(created.properties.status, "succeeded");
        assert.strictEqual(sim.listTasks().length, tasksBefore, "a waiter starts nothing");
        rows.push(["(b) TaskWaiter ecs resourceIds", "nothing (create killed)", "create on new host", "0", String(created.properties.status)]);
    });

    it("(b) ReportExport ecd adopt mode: killed mid-create; a fresh create waits on the same export and starts none", async () => {
        const task = sim.createTask({ service: "ecd", durationMs: 3_000, outcome: "success" });
        const name = "killed-ecd-adopt";
        const inputs = { service: "ecd", taskId: task.taskId, timeout: "30s", pollInterval: FAST_POLL };
        sim.resetStats();
        const deadOutput = await createKilled(REPORT_EXPORT_TYPE, name, inputs, new RegExp(`ReportExport "${name}": task ${task.taskId} RUNNING`));

        // the export moves on while no host watches; the new host's first look finds it half-way, then it finishes
        clock.advance(1_500);
        const creating = host.create(urn(REPORT_EXPORT_TYPE, name), await checked(REPORT_EXPORT_TYPE, name, inputs));
        const progressOf = (line: string | undefined) => Number(/ ([\d.]+)% /.exec(line ?? "")?.[1] ?? NaN);
        const firstSeen = progressOf(await host.waitForLine(`task ${task.taskId}`));
        finishTask(sim, clock, task.taskId);
        const created = await creating;
        assert.strictEqual(created.id, `ecd:cn-hangzhou:${task.taskId}`);
        assert.strictEqual(created.properties.status, "succeeded");
        const lastSeen = progressOf(deadOutput.filter((l) => l.includes(`task ${task.taskId}`)).pop());
        assert.deepStrictEqual([lastSeen, firstSeen], [0, 50], "the dead host last saw it at the start, the new one first half-way");
        assert.strictEqual(sim.stats().calls.CreateEcdReportTask, undefined, "adopting never starts an export");
        rows.push(["(b) ReportExport ecd adopt", "nothing (create killed)", "create on new host", "0", String(created.properties.status)]);
    });

    it("(b) ReportExport sas start mode: killed right after ExportRecord answered; a fresh create on this machine finds it and starts none", async () => {
        const name = "killed-sas-start";
        const inputs = { service: "sas", region: "cn-shanghai", create: { exportType: "exportHcWarning" }, timeout: "30s", pollInterval: FAST_POLL };
        sim.resetStats();
        const deadOutput = await createKilled(REPORT_EXPORT_TYPE, name, inputs, new RegExp(`ReportExport "${name}": started Security Center export \\d+`));
        const firstId = /ReportExport "killed-sas-start": started Security Center export (\d+)/.exec(deadOutput.join("\n"))?.[1];
        assert.ok(firstId, deadOutput.join("\n"));

        const creating = host.create(urn(REPORT_EXPORT_TYPE, name), await checked(REPORT_EXPORT_TYPE, name, inputs));
        await host.waitForLine(new RegExp(`found the Security Center export ${firstId} that an earlier run of this resource started`));
        finishTask(sim, clock, firstId);
        const created = await creating;
        assert.strictEqual(created.properties.status, "succeeded");
        assert.strictEqual(String(created.properties.exportId), firstId, "the export the dead host started");
        assert.strictEqual(sim.stats().calls.ExportRecord, 1, "started once, across both hosts");
        rows.push([
            "(b) ReportExport sas start",
            "nothing (killed after the start)",
            "create on new host, same machine",
            "0",
            String(created.properties.status),
        ]);
    });

    it("(b) ReportExport ecd start mode: killed before the start's answer reached it; a create on another machine finds the export by its file name", async () => {
        const name = "killed-ecd-start";
        const create = { taskType: "RESOURCE_REPORT", subType: "DESKTOP", reportFileName: "desktops" };
        const inputs = { service: "ecd", create, timeout: "30s", pollInterval: FAST_POLL };
        sim.resetStats();
        // the moment the service has answered CreateEcdReportTask, and before the host reads the answer, the host dies
        const dying = host;
        const removeLayer = sim.addLayer(async (call, next) => {
            const outcome = await next();
            if (call.action === "CreateEcdReportTask") {
                dying.kill("SIGKILL");
                await dying.exited;
            }
            return outcome;
        });
        const pending = host.create(urn(REPORT_EXPORT_TYPE, name), await checked(REPORT_EXPORT_TYPE, name, inputs)).then(
            () => assert.fail("create should not have finished"),
            (e: unknown) => e,
        );
        assert.ok((await pending) instanceof HostCallError, "the engine sees a failed call and nothing to record");
        removeLayer();
        const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), "restart-elsewhere-"));
        host = await newHost(elsewhere);
        const [first] = sim.listTasks().filter((t) => t.service === "ecd" && String(t.details.reportFileName ?? "").startsWith("desktops-pulumi-"));
        assert.ok(first, "the dead host's export exists, named with its start key");

        const creating = host.create(urn(REPORT_EXPORT_TYPE, name), await checked(REPORT_EXPORT_TYPE, name, inputs));
        await host.waitForLine(new RegExp(`found the ECD report export task ${first.taskId} that an earlier run of this resource started`));
        finishTask(sim, clock, first.taskId);
        const created = await creating;
        assert.strictEqual(created.properties.status, "succeeded");
        assert.strictEqual(created.properties.taskId, first.taskId, "the export the dead host started");
        assert.strictEqual(sim.stats().calls.CreateEcdReportTask, 1, "started once, across both machines");
        fs.rmSync(elsewhere, { recursive: true, force: true });
        rows.push(["(b) ReportExport ecd start", "nothing (killed before the answer)", "create on another machine", "0", String(created.properties.status)]);
    });
});
