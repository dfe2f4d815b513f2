// The rest of a stack's life under the real engine, for finished waits of every kind: a second up with nothing
// changed, refresh, destroy, and a package removed before its resources (README: Upgrading, and removing).
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { ManualClock, Simulator, startSimulator } from "../../simulator";
import { finishedTask, manualClock } from "../support/simulatorClock";
import { assertSucceeded, PulumiProject, PulumiWorkspace, simulatorStackConfig, stepsByName } from "../../harness/pulumiCli";

const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { ApiWaiter, ReportExport, TaskWaiter } from "pulumi-alicloud-tasks";

const config = new pulumi.Config();
const imported = new TaskWaiter("image-import", { service: "ecs", taskId: config.require("ecsTaskId") });
const backup = new TaskWaiter("backup-task", { service: "bdrc", taskId: config.require("bdrcTaskId"), region: "cn-shanghai" });
const desktops = new ReportExport("desktops", { service: "ecd", create: { taskType: "RESOURCE_REPORT", subType: "DESKTOP" } });
const warnings = new ReportExport("warnings", { service: "sas", create: { exportType: "exportHcWarning" } });
const running = new ApiWaiter("web-running", {
    product: "Ecs", version: "2014-05-26", action: "DescribeInstances", params: { InstanceIds: '["i-web"]' },
    until: { expr: "Instances.Instance[0].Status", to: "Running" },
});
export const statuses = pulumi.all([imported.status, backup.status, desktops.status, warnings.status, running.status]);
`;

const NAMES = ["image-import", "backup-task", "desktops", "warnings", "web-running"];

describe("e2e: a finished stack under the Pulumi CLI: up again, refresh, destroy", function () {
    this.timeout(300_000);
    let ws: PulumiWorkspace;
    let sim: Simulator;
    let clock: ManualClock;
    before(async () => {
        ws = await PulumiWorkspace.create();
        clock = manualClock();
        sim = await startSimulator({ clock });
        for (const service of ["ecd", "sas"]) sim.setTaskTemplate(service, { queuedMs: 0, durationMs: 0, outcome: "success" });
        sim.scriptApi({
            version: "2014-05-26",
            action: "DescribeInstances",
            match: { InstanceIds: '["i-web"]' },
            answers: [{ body: { Instances: { Instance: [{ Status: "Running" }] } } }],
        });
    });
    after(async () => {
        await sim?.close();
        ws?.close();
    });

    async function finishedStack(nodeModules: "shared" | "own" = "shared"): Promise<PulumiProject> {
        const ecs = finishedTask(sim, clock, { service: "ecs", action: "ImportImage", durationMs: 1000, outcome: "success" });
        const bdrc = finishedTask(sim, clock, { service: "bdrc", region: "cn-shanghai", durationMs: 1000, outcome: "success" });
        const stack = simulatorStackConfig(sim);
        const config = { ...stack.config, ecsTaskId: ecs.taskId, bdrcTaskId: bdrc.taskId };
        const project = await PulumiProject.create(ws, { files: { "index.ts": PROGRAM }, config, secrets: stack.secrets, nodeModules });
        assertSucceeded(await project.up());
        assert.deepStrictEqual((await project.outputs()).statuses, Array(5).fill("succeeded"));
        return project;
    }

    it("a second up with nothing changed makes no API call; refresh re-reads; destroy makes no API call", async () => {
        const project = await finishedStack();

        sim.resetStats();
        const again = assertSucceeded(await project.up());
        assert.deepStrictEqual(stepsByName(again.events), Object.fromEntries(NAMES.map((n) => [n, "same"])));
        assert.strictEqual(sim.stats().total, 0, `a second up called ${JSON.stringify(sim.stats().calls)}`);

        sim.resetStats();
        const refreshed = assertSucceeded(await project.refresh("--skip-preview"));
        const calls = sim.stats().calls;
        // what refresh reads: the tasks and exports again (a wait-mode ApiWaiter that succeeded is history)
        assert.ok((calls.DescribeTasks ?? 0) >= 1, "the ECS task is read again");
        assert.ok((calls.DescribeTask ?? 0) >= 1, "the bdrc task is read again");
        assert.ok((calls.DescribeEcdReportTasks ?? 0) >= 1, "the ECD export is read again");
        assert.ok((calls.DescribeExportInfo ?? 0) >= 1, "the Security Center export is read again");
        assert.strictEqual(calls.DescribeInstances ?? 0, 0, "the ApiWaiter wait is not evaluated again");
        assert.ok(!/\n\s+[~+-] .*(update|replace|create|delete)/.test(refreshed.stdout.split("Resources:")[1] ?? ""), "refresh changed nothing");
        assert.deepStrictEqual((await project.outputs()).statuses, Array(5).fill("succeeded"));

        sim.resetStats();
        const destroyed = assertSucceeded(await project.destroy());
        assert.deepStrictEqual(stepsByName(destroyed.events), Object.fromEntries(NAMES.map((n) => [n, "delete"])));
        assert.strictEqual(sim.stats().total, 0, "destroy calls no API: waiting leaves nothing in the cloud");
    });

    it("with the package removed first, refresh names the missing module; state delete, then destroy, recovers", async () => {
        const project = await finishedStack("own");
        fs.rmSync(path.join(project.dir, "node_modules", "pulumi-alicloud-tasks"));

        const refresh = await project.refresh("--skip-preview");
        assert.notStrictEqual(refresh.code, 0);
        assert.match(refresh.stdout + refresh.stderr, /Cannot find module 'pulumi-alicloud-tasks\/lifecycle\/(taskWaiter|reportExport|apiWaiter)'/);

        // the README's way out: these resources leave nothing in the cloud, so they can leave the state alone
        for (const resource of await project.stateResources()) {
            if (!resource.type.startsWith("pulumi-nodejs:dynamic/")) continue;
            assertSucceeded(await project.run(["state", "delete", resource.urn, "--yes"]));
        }
        assertSucceeded(await project.destroy());
        assert.deepStrictEqual(await project.stateResources(), []);
    });
});
