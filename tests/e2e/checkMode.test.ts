// ApiWaiter in check mode under the real engine: what preview shows, that up and refresh evaluate the condition
// again, what preview --refresh does, and that a wait-mode ApiWaiter that succeeded is not evaluated again.
import * as assert from "assert";
import { ManualClock, Simulator, startSimulator } from "../../simulator";
import { manualClock } from "../support/simulatorClock";
import { assertSucceeded, diagnostics, PulumiProject, PulumiWorkspace, simulatorStackConfig, stepOf } from "../../harness/pulumiCli";

const PROGRAM = `import { ApiWaiter } from "pulumi-alicloud-tasks";

const request = { product: "Ecs", version: "2014-05-26", action: "DescribeInstances" };
const until = { expr: "Instances.Instance[0].Status", to: "Running" };
// a wait: evaluated until it holds, then never again
const started = new ApiWaiter("web-started", { ...request, params: { InstanceIds: '["i-started"]' }, until });
// a check: evaluated on every up and refresh, a warning when it does not hold
const stillRunning = new ApiWaiter("web-still-running", { ...request, params: { InstanceIds: '["i-checked"]' }, until, mode: "check", onFailure: "warn" });
export const startedStatus = started.status;
export const checkStatus = stillRunning.status;
export const checkReason = stillRunning.reason;
`;

const STOPPED_AT_MS = 60_000;

describe("e2e: ApiWaiter check mode under the Pulumi CLI", function () {
    this.timeout(300_000);
    let ws: PulumiWorkspace;
    let sim: Simulator;
    let clock: ManualClock;
    let project: PulumiProject;
    const calls = () => sim.stats().calls.DescribeInstances ?? 0;
    before(async () => {
        ws = await PulumiWorkspace.create();
        clock = manualClock();
        sim = await startSimulator({ clock });
        const instance = (id: string, stopsAtMs?: number) =>
            sim.scriptApi({
                version: "2014-05-26",
                action: "DescribeInstances",
                match: { InstanceIds: `["${id}"]` },
                answers: [
                    { body: { Instances: { Instance: [{ InstanceId: id, Status: "Running" }] } } },
                    ...(stopsAtMs ? [{ atMs: stopsAtMs, body: { Instances: { Instance: [{ InstanceId: id, Status: "Stopped" }] } } }] : []),
                ],
            });
        instance("i-started");
        instance("i-checked", STOPPED_AT_MS);
        project = await PulumiProject.create(ws, { files: { "index.ts": PROGRAM }, ...simulatorStackConfig(sim) });
        assertSucceeded(await project.up());
    });
    after(async () => {
        await sim?.close();
        ws?.close();
    });

    it("previews a check as an update with no property change, calling no API", async () => {
        sim.resetStats();
        const preview = assertSucceeded(await project.preview());
        const step = stepOf(preview.events, "web-still-running");
        assert.strictEqual(step?.op, "update");
        assert.deepStrictEqual(step?.diffs ?? [], [], "no property changes: the pending evaluation");
        assert.strictEqual(stepOf(preview.events, "web-started")?.op, "same", "a wait that succeeded is left alone");
        assert.match(preview.stdout, /~ {2}pulumi-nodejs:dynamic\/alicloud-tasks:ApiWaiter +web-still-running +update/);
        assert.strictEqual(sim.stats().total, 0, "pulumi preview calls no API");
    });

    it("evaluates the check again on every up; a check that no longer holds is a warning", async () => {
        sim.resetStats();
        const holds = assertSucceeded(await project.up());
        assert.strictEqual(stepOf(holds.events, "web-still-running")?.op, "update");
        assert.strictEqual(calls(), 1, "one evaluation of the check, none of the finished wait");
        assert.strictEqual((await project.outputs()).checkStatus, "succeeded");

        clock.advance(STOPPED_AT_MS);
        const broken = assertSucceeded(await project.up());
        assert.strictEqual(calls(), 2);
        const warnings = diagnostics(broken.events, "warning").join("\n") + diagnostics(broken.events, "info").join("");
        assert.match(warnings, /ApiWaiter "web-still-running".*Stopped/s, "the warning names the check and what it saw");
        const outputs = await project.outputs();
        assert.strictEqual(outputs.checkStatus, "failed");
        assert.match(String(outputs.checkReason), /Stopped/);
        assert.strictEqual(outputs.startedStatus, "succeeded");
    });

    it("evaluates the check on refresh (in its preview too), and on preview --refresh; the finished wait is not asked again", async () => {
        const byInstance = () => Object.fromEntries(sim.scriptedApis().map((s) => [s.match!.InstanceIds, s.calls]));
        const before = byInstance();
        sim.resetStats();
        assertSucceeded(await project.refresh());
        assert.strictEqual(calls(), 2, "refresh runs read in its preview and again in the refresh: two evaluations");
        sim.resetStats();
        assertSucceeded(await project.refresh("--skip-preview"));
        assert.strictEqual(calls(), 1, "refresh --skip-preview evaluates once");
        sim.resetStats();
        const preview = assertSucceeded(await project.preview("--refresh"));
        assert.strictEqual(calls(), 1, "preview --refresh runs read, which evaluates the check");
        assert.strictEqual(stepOf(preview.events, "web-still-running")?.op, "update");
        assert.strictEqual(byInstance()['["i-started"]'], before['["i-started"]'], "the wait that succeeded was never asked again");
    });
});
