// Interruptions under the real engine: Ctrl-C (SIGINT) to `pulumi up` in the middle of a wait, and a provider
// host killed right after it started an export. What the engine records, and what the next `up` does.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { ManualClock, Simulator, startSimulator } from "../../simulator";
import { finishTask, manualClock } from "../support/simulatorClock";
import { E2E_HANG_GUARD_MS, until } from "../support/wait";
import { assertSucceeded, PulumiProject, PulumiWorkspace, simulatorStackConfig, stepOf } from "../../harness/pulumiCli";

const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { ReportExport, TaskWaiter } from "pulumi-alicloud-tasks";

const config = new pulumi.Config();
const pollInterval = { min: "100ms", max: "300ms" };
const taskId = config.get("importTaskId");
if (taskId) new TaskWaiter("image-import", { service: "ecs", taskId, timeout: config.get("timeout") ?? "30m", pollInterval });
const service = config.get("exportService");
if (service === "ecd") new ReportExport("export", { service, create: { taskType: "RESOURCE_REPORT", subType: "DESKTOP" }, pollInterval });
if (service === "sas") new ReportExport("export", { service, create: { exportType: "exportHcWarning" }, pollInterval });
`;

/** The processes whose command line contains `fragment` and whose working directory is `cwd` (Linux /proc). */
function processesIn(cwd: string, fragment: string): number[] {
    return fs
        .readdirSync("/proc")
        .filter((p) => /^\d+$/.test(p))
        .filter((p) => {
            try {
                return fs.readFileSync(`/proc/${p}/cmdline`, "utf8").includes(fragment) && fs.realpathSync(`/proc/${p}/cwd`) === fs.realpathSync(cwd);
            } catch {
                return false; // gone, or not ours to read
            }
        })
        .map(Number);
}

describe("e2e: interruptions under the Pulumi CLI", function () {
    this.timeout(300_000);
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

    /** A TaskWaiter project on a task held in Processing, with `pulumi up` started and its first progress line seen. */
    async function upInTheMiddle(timeout: string) {
        const task = sim.createTask({ service: "ecs", action: "ImportImage", queuedMs: 0, durationMs: 60_000, outcome: "success" });
        const stack = simulatorStackConfig(sim);
        const config = { ...stack.config, importTaskId: task.taskId, timeout };
        const project = await PulumiProject.create(ws, { files: { "index.ts": PROGRAM }, config, secrets: stack.secrets });
        const up = project.start(["up"]);
        await up.waitForOutput(`task ${task.taskId} Processing`, "the waiter's first progress line");
        return { task, project, up };
    }

    it("Ctrl-C once: the engine waits for the create, which ends at its timeout recorded unfinished; the next up resumes it as an update", async () => {
        const { task, project, up } = await upInTheMiddle("5s");
        up.child.kill("SIGINT");
        await up.waitForOutput("received; cancelling");
        const interrupted = await up.done;
        assert.notStrictEqual(interrupted.code, 0);
        // Pulumi's dynamic provider host does nothing on the engine's Cancel: the wait goes on to its own deadline
        assert.match(interrupted.stdout, /timed out after 5s .*run `pulumi up` again to keep waiting/);
        const [recorded] = await project.stateResources("TaskWaiter");
        assert.strictEqual(recorded.outputs?.status, "running");
        assert.ok((recorded.initErrors ?? []).length > 0);

        finishTask(sim, clock, task.taskId);
        const next = assertSucceeded(await project.up());
        assert.strictEqual(stepOf(next.events, "image-import")?.op, "update");
        assert.strictEqual((await project.stateResources("TaskWaiter"))[0].outputs?.status, "succeeded");
    });

    it("Ctrl-C twice: the engine ends at once with an interrupted create; the next up warns and waits on the same task again", async () => {
        const { task, project, up } = await upInTheMiddle("30m");
        up.child.kill("SIGINT");
        await up.waitForOutput("received; cancelling");
        up.child.kill("SIGINT");
        const terminated = await up.done;
        assert.notStrictEqual(terminated.code, 0);
        assert.match(terminated.stdout + terminated.stderr, /received; terminating/);
        const state = JSON.parse(await project.exportState()) as { deployment: { pending_operations?: { type: string; resource: { urn: string } }[] } };
        assert.deepStrictEqual(
            (state.deployment.pending_operations ?? []).map((op) => [op.type, op.resource.urn.split("::").pop()]),
            [["creating", "image-import"]],
            "the engine records the create it abandoned as a pending operation",
        );
        assert.deepStrictEqual(await project.stateResources("TaskWaiter"), []);

        finishTask(sim, clock, task.taskId);
        const next = assertSucceeded(await project.up());
        assert.match(next.stdout, /pending operations from previous deployment/);
        assert.strictEqual(stepOf(next.events, "image-import")?.op, "create");
        const [created] = await project.stateResources("TaskWaiter");
        assert.strictEqual(created.outputs?.taskId, task.taskId);
        assert.strictEqual(created.outputs?.status, "succeeded");
    });

    const journal = () => path.join(ws.dir, "tasks-state", "started-exports.json");
    const cases = [
        // ECD keeps the start key in the report's file name: killed as soon as the server acted, before the answer arrives
        { service: "ecd", action: "CreateEcdReportTask", startedBy: () => (sim.stats().calls.CreateEcdReportTask ?? 0) === 1 },
        // Security Center has no list to search: the provider journals the id the moment the answer arrives
        { service: "sas", action: "ExportRecord", startedBy: () => fs.existsSync(journal()) && fs.readFileSync(journal(), "utf8").includes('"id"') },
    ] as const;
    for (const { service, action, startedBy } of cases) {
        it(`a provider killed right after starting a${service === "ecd" ? "n ECD" : " Security Center"} export: the next up adopts it, no second export`, async () => {
            sim.setTaskTemplate(service, { queuedMs: 0, durationMs: 60_000, outcome: "success" });
            const stack = simulatorStackConfig(sim);
            const project = await PulumiProject.create(ws, {
                files: { "index.ts": PROGRAM },
                config: { ...stack.config, exportService: service },
                secrets: stack.secrets,
            });
            sim.resetStats();
            const up = project.start(["up"]);
            await until(startedBy, `${action} started`, E2E_HANG_GUARD_MS);
            const hosts = processesIn(project.dir, "dynamic-provider");
            assert.ok(hosts.length > 0, "the dynamic provider host is running");
            for (const pid of hosts) process.kill(pid, "SIGKILL");
            const killed = await up.done;
            assert.notStrictEqual(killed.code, 0);
            assert.match(killed.stdout, /error reading from server: EOF/, "the engine reports the provider gone");
            assert.deepStrictEqual(await project.stateResources("ReportExport"), [], "nothing about the export reached the state");

            for (const t of sim.listTasks().filter((x) => x.service === service)) finishTask(sim, clock, t.taskId);
            const next = assertSucceeded(await project.up());
            assert.strictEqual(stepOf(next.events, "export")?.op, "create");
            assert.strictEqual(sim.stats().calls[action], 1, `${action} was called once in both runs`);
            const [created] = await project.stateResources("ReportExport");
            assert.strictEqual(created.outputs?.status, "succeeded");
        });
    }
});
