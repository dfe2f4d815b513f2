// A started export that fails while a later `pulumi up` resumes it: recorded as failed, so the
// next diff replaces the resource (a fresh export) instead of resuming the failed one forever.
import * as assert from "assert";
import { HostCallError } from "../../harness";
import { reportExportProvider } from "../../provider/resources/reportExport";
import { finishTask, manualClock } from "../support/simulatorClock";
import { FAST_POLL, Fixture, REPORT_EXPORT_TYPE, serializeProvider, startFixture, urn } from "./fixture";

describe("host: ReportExport, a resumed started export that fails", function () {
    this.timeout(60_000);
    let fx: Fixture;
    let provider: string;
    // the export runs until the test moves the clock: it is still running when create gives up
    const clock = manualClock();
    before(async () => {
        fx = await startFixture({ clock });
        provider = await serializeProvider(reportExportProvider);
    });
    after(async () => fx?.close());

    async function callError(call: Promise<unknown>): Promise<HostCallError> {
        try {
            await call;
        } catch (error) {
            assert.ok(error instanceof HostCallError, String(error));
            return error;
        }
        assert.fail("the call should have failed");
    }

    it("records the failure on update, and the next diff replaces the resource; warn mode keeps it", async () => {
        const name = "flaky-report";
        const u = urn(REPORT_EXPORT_TYPE, name);
        fx.sim.setTaskTemplate("ecd", { queuedMs: 0, durationMs: 2500, outcome: "failed" });
        const base = {
            __provider: provider,
            resourceName: name,
            service: "ecd",
            pollInterval: FAST_POLL,
            create: { taskType: "RESOURCE_REPORT", subType: "DESKTOP" },
        };
        const first = await fx.host.check(u, {}, { ...base, timeout: "1s" });
        const timedOut = await callError(fx.host.create(u, first.inputs));
        assert.ok(timedOut.initFailed, "the timeout recorded the started export");
        const recorded: Record<string, unknown> = { ...timedOut.initFailed.properties, __provider: provider };
        assert.strictEqual(recorded.status, "running");

        const again = await fx.host.check(u, {}, { ...base, timeout: "30s" });
        finishTask(fx.sim, clock, String(recorded.taskId));
        const resumed = await callError(fx.host.update(timedOut.initFailed.id, u, recorded, again.inputs));
        assert.ok(resumed.initFailed, "the failure is recorded, not only reported");
        assert.strictEqual(resumed.initFailed.properties.status, "failed");
        assert.match(resumed.message, new RegExp(`${String(recorded.taskId)}.*FAILED`));
        assert.strictEqual(fx.sim.stats().calls.CreateEcdReportTask, 1, "resuming never starts a second export");

        const diff = await fx.host.diff(timedOut.initFailed.id, u, { ...resumed.initFailed.properties, __provider: provider }, again.inputs);
        assert.deepStrictEqual(diff.replaces, ["status"], "the next pulumi up starts a fresh export");
        const warned = await fx.host.check(u, {}, { ...base, onFailure: "warn" });
        const kept = await fx.host.diff(
            timedOut.initFailed.id,
            u,
            { ...resumed.initFailed.properties, onFailure: "warn", __provider: provider },
            warned.inputs,
        );
        assert.deepStrictEqual(kept.replaces, [], "with onFailure warn a failure is an accepted outcome");
    });
});
