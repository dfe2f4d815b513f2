// The README's Quickstart, taken from the README, under the real Pulumi CLI against the simulator.
import * as assert from "assert";
import { ManualClock, Simulator, startSimulator } from "../../simulator";
import { finishedTask, manualClock } from "../support/simulatorClock";
import { E2E_HANG_GUARD_MS, until } from "../support/wait";
import { codeBlocks, section } from "./support/readme";
import { assertNoPlainSecrets } from "./support/state";
import { assertSucceeded, diagnostics, PulumiProject, PulumiWorkspace, simulatorStackConfig, stepsByName } from "../../harness/pulumiCli";

describe("e2e: the README's Quickstart under the Pulumi CLI", function () {
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

    const [imageGate, reports] = codeBlocks(section("Quickstart"), "ts");

    it("previews the waiter and the instance without calling an API, then up waits for the import", async () => {
        const task = finishedTask(sim, clock, { service: "ecs", action: "ImportImage", durationMs: 500, outcome: "success" });
        const stack = simulatorStackConfig(sim);
        const project = await PulumiProject.create(ws, {
            files: { "index.ts": imageGate },
            config: { ...stack.config, importTaskId: task.taskId },
            secrets: stack.secrets,
        });

        sim.resetStats();
        const preview = assertSucceeded(await project.preview());
        assert.deepStrictEqual(stepsByName(preview.events), { "image-import": "create", web: "create" });
        assert.match(preview.stdout, /\+ {2}pulumi-nodejs:dynamic\/alicloud-tasks:TaskWaiter +image-import +create/);
        assert.strictEqual(sim.stats().total, 0, "pulumi preview calls no API");

        const up = assertSucceeded(await project.up());
        assert.deepStrictEqual(stepsByName(up.events), { "image-import": "create", web: "create" });
        const lines = diagnostics(up.events, "info").join("");
        assert.match(lines, new RegExp(`\\[alicloud-tasks\\] TaskWaiter "image-import": task ${task.taskId} Finished( \\d+%)? \\(succeeded\\)`));
        assert.deepStrictEqual(await project.outputs(), { importStatus: "succeeded", region: "cn-hangzhou" });
        const [web] = await project.stateResources("ecs/instance:Instance");
        assert.strictEqual(web.inputs?.imageId, task.resourceId, "the instance got the imported image's id");
        assertNoPlainSecrets(await project.exportState(), sim);
    });

    it("records the report URLs as secret outputs, shown with --show-secrets, kept encrypted in the state", async () => {
        const stack = simulatorStackConfig(sim);
        const project = await PulumiProject.create(ws, { files: { "index.ts": reports }, ...stack });
        sim.resetStats();
        const up = project.up();
        // both exports are started and held (manual clock) until the test moves the clock past their end
        await until(
            () => (sim.stats().calls.CreateEcdReportTask ?? 0) === 1 && (sim.stats().calls.ExportRecord ?? 0) === 1,
            "both exports started",
            E2E_HANG_GUARD_MS,
        );
        await until(() => sim.listTasks().filter((t) => t.service !== "ecs").length >= 2, "the simulator has both export tasks", E2E_HANG_GUARD_MS);
        for (const t of sim.listTasks()) if (t.endsAt && Date.parse(t.endsAt) > clock.now()) clock.advance(Date.parse(t.endsAt) - clock.now());
        assertSucceeded(await up);

        const shown = await project.outputs();
        assert.deepStrictEqual(shown, { desktopReportUrl: "[secret]", warningsUrl: "[secret]" });
        const revealed = await project.outputs(true);
        for (const key of ["desktopReportUrl", "warningsUrl"]) assert.match(String(revealed[key]), /^https?:\/\/.+\?.+/, `${key} is the whole URL`);
        const state = await project.exportState();
        assertNoPlainSecrets(state, sim);
        for (const key of ["desktopReportUrl", "warningsUrl"]) assert.ok(!state.includes(String(revealed[key])), `${key} is not in the state in plain text`);
    });
});
