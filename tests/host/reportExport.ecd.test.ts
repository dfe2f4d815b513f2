// ReportExport for Elastic Desktop Service report exports (service "ecd": CreateEcdReportTask,
// DescribeEcdReportTasks) inside Pulumi's dynamic provider host over gRPC, against the simulator:
// adopt and start, statuses in any case, failure, expiry and renewal, and a URL that stays secret.
import * as assert from "assert";
import RPCClient = require("@alicloud/pop-core");
import { HostCallError } from "../../harness";
import { reportExportProvider } from "../../provider/resources/reportExport";
import type { Simulator } from "../../simulator";
import { finishTask, finishedTask, manualClock } from "../support/simulatorClock";
import { sleep } from "../support/wait";
import { checkedInputs, FAST_POLL, Fixture, REPORT_EXPORT_TYPE, serializeProvider, startFixture, urn } from "./fixture";

const ECD = { service: "ecd", pollInterval: FAST_POLL };
const DESKTOP_REPORT = { taskType: "RESOURCE_REPORT", subType: "DESKTOP" };
const REQUEST_ID = /RequestId [0-9A-F-]{36}/;
/** The query of a pre-signed URL: none of it may reach a log line or a message. */
const URL_SECRETS = /Signature=|OSSAccessKeyId=|security-token=/i;

/** The DownloadUrl the simulator's own API reports for an export, asked independently of the provider. */
async function simulatorUrl(sim: Simulator, taskId: string): Promise<string> {
    const client = new RPCClient({ endpoint: sim.url, apiVersion: "2020-09-30", ...sim.credentials.accessKey, opts: { timeout: 30_000 } });
    const body = await client.request<{ ExportTaskList: { TaskId: string; DownloadUrl: string }[] }>("DescribeEcdReportTasks", { TaskId: taskId });
    return body.ExportTaskList.find((t) => t.TaskId === taskId)!.DownloadUrl;
}

/** When the URL stops working, from its Expires (Unix seconds). */
function expiryOf(url: string): string {
    return new Date(Number(new URL(url).searchParams.get("Expires")) * 1000).toISOString();
}

describe("host: ReportExport, service ecd", function () {
    this.timeout(60_000);
    let fx: Fixture;
    let provider: string;
    /** Every error message and non-secret output seen, scanned for URL queries at the end. */
    const seen: string[] = [];
    // an export stays where the test put it until the test moves the clock; the clock runs behind the real one, which
    // the provider checks a link's expiry against (tests/support/clock.ts)
    const clock = manualClock();

    before(async () => {
        fx = await startFixture({ clock });
        provider = await serializeProvider(reportExportProvider);
    });
    after(async () => fx?.close());

    const checked = (name: string, inputs: Record<string, unknown>) => checkedInputs(fx.host, REPORT_EXPORT_TYPE, provider, name, inputs);

    async function create(name: string, inputs: Record<string, unknown>, whileWaiting?: () => Promise<void>) {
        const creating = fx.host.create(urn(REPORT_EXPORT_TYPE, name), await checked(name, inputs));
        let returned = false;
        if (whileWaiting) {
            void creating.finally(() => (returned = true)).catch(() => undefined);
            await whileWaiting();
            assert.strictEqual(returned, false, "create was still waiting");
        }
        const created = await creating;
        const { downloadUrl: _secret, ...rest } = created.properties;
        seen.push(JSON.stringify(rest));
        return created;
    }

    async function createError(name: string, inputs: Record<string, unknown>): Promise<HostCallError> {
        const error = await create(name, inputs).then(
            () => assert.fail("create should have failed"),
            (e: unknown) => e,
        );
        assert.ok(error instanceof HostCallError, String(error));
        seen.push(error.message, JSON.stringify(error.initFailed ?? {}));
        return error;
    }

    it("adopt: waits for an existing export by taskId; FINISHED -> succeeded with the simulator's URL, file name and expiry", async () => {
        const task = fx.sim.createTask({ service: "ecd", queuedMs: 200, durationMs: 1000, outcome: "success", reportFileName: "DesktopInventory" });
        // held in INIT until the provider has seen it there
        const created = await create("adopted", { ...ECD, taskId: task.taskId }, async () => {
            await fx.host.waitForLine(`ReportExport "adopted": task ${task.taskId} INIT`);
            finishTask(fx.sim, clock, task.taskId);
        });
        const out = created.properties;
        assert.strictEqual(created.id, `ecd:cn-hangzhou:${task.taskId}`);
        assert.strictEqual(out.status, "succeeded");
        assert.strictEqual(out.rawStatus, "FINISHED");
        assert.strictEqual(out.progress, 100);
        assert.strictEqual(out.taskId, task.taskId);
        const url = await simulatorUrl(fx.sim, task.taskId);
        assert.match(url, /^https:\/\/.+\.xlsx\?Expires=\d+&OSSAccessKeyId=.+&Signature=.+&security-token=.+$/);
        assert.strictEqual(out.downloadUrl, url);
        assert.strictEqual(out.fileName, "DesktopInventory");
        assert.strictEqual(out.expiresAt, expiryOf(url));
        assert.ok(Date.parse(String(out.expiresAt)) > Date.now() + 30 * 60_000, "the default link works for an hour");
        assert.strictEqual(out.exportId, undefined);
        assert.strictEqual(out.create, undefined);
        assert.match(String(out.requestId), /^[0-9A-F-]{36}$/);
    });

    it("start: calls CreateEcdReportTask exactly once with the request's fields, then waits for that export", async () => {
        fx.sim.setTaskTemplate("ecd", { queuedMs: 200, durationMs: 800, outcome: "success" });
        fx.sim.resetStats();
        const request = {
            ...DESKTOP_REPORT,
            reportFileName: "weekly-desktops",
            langType: "en-GB",
            filters: [{ key: "RegionId", values: ["cn-hangzhou", "cn-shanghai"] }],
        };
        // the export it started is held in INIT until the provider has seen it there
        const created = await create("started", { ...ECD, create: request }, async () => {
            const line = await fx.host.waitForLine(/ReportExport "started": task ret-\w+ INIT/);
            finishTask(fx.sim, clock, /task (ret-\w+)/.exec(line)![1]);
        });
        assert.strictEqual(fx.sim.stats().calls.CreateEcdReportTask, 1);
        const taskId = String(created.properties.taskId);
        assert.match(taskId, /^ret-/);
        assert.strictEqual(created.id, `ecd:cn-hangzhou:${taskId}`);
        assert.deepStrictEqual(created.properties.create, request, "the request is kept as an input");
        const details = fx.sim.getTask(taskId)!.details;
        assert.strictEqual(details.reportFileName, "weekly-desktops");
        assert.strictEqual(details.langType, "en-GB");
        assert.deepStrictEqual(details.filterList, [{ FilterKey: "RegionId", FilterValues: ["cn-hangzhou", "cn-shanghai"] }]);
        assert.strictEqual(created.properties.status, "succeeded");
        assert.strictEqual(created.properties.fileName, "weekly-desktops");
        assert.strictEqual(created.properties.downloadUrl, await simulatorUrl(fx.sim, taskId));
        assert.strictEqual(fx.sim.listTasks().filter((t) => t.service === "ecd" && t.details.reportFileName === "weekly-desktops").length, 1, "one export");
        await fx.host.waitForLine(`ReportExport "started": started ECD report export task ${taskId}`);
    });

    it("reads mixed-case statuses (Init, Running, Finished) case-insensitively", async () => {
        const task = fx.sim.createTask({ service: "ecd", queuedMs: 200, durationMs: 1000, outcome: "success", statusCase: "mixed" });
        // held in Init, then half-way, each until the provider has seen it
        const created = await create("mixed-case", { ...ECD, taskId: task.taskId }, async () => {
            await fx.host.waitForLine(`ReportExport "mixed-case": task ${task.taskId} Init`);
            clock.advance(200 + 500);
            await fx.host.waitForLine(`ReportExport "mixed-case": task ${task.taskId} Running 50% (running)`);
            finishTask(fx.sim, clock, task.taskId);
        });
        assert.strictEqual(created.properties.rawStatus, "Finished");
        assert.strictEqual(created.properties.status, "succeeded");
        assert.ok(created.properties.downloadUrl);
        await fx.host.waitForLine(new RegExp(`ReportExport "mixed-case": task ${task.taskId} Finished 100% \\(succeeded\\)`));
    });

    it("FAILED fails create with the export's ErrorCode, ErrorMsg and the RequestId", async () => {
        const task = finishedTask(fx.sim, clock, {
            service: "ecd",
            durationMs: 400,
            outcome: "failed",
            errorCode: "ReportTask.GenerateFailed",
            errorMsg: "Failed to generate the report file.",
        });
        const error = await createError("failed", { ...ECD, taskId: task.taskId });
        assert.strictEqual(error.initFailed, undefined, "nothing to resume");
        assert.match(
            error.message,
            new RegExp(
                `ReportExport "failed": ECD report export task ${task.taskId} FAILED \\(failed\\), progress 100%: ReportTask\\.GenerateFailed: Failed to generate the report file\\.`,
            ),
        );
        assert.match(error.message, REQUEST_ID);
    });

    it("an export already EXPIRED when first waited on fails, saying it expired and that an adopted one cannot be renewed", async () => {
        const task = finishedTask(fx.sim, clock, { service: "ecd", durationMs: 100, outcome: "success", urlTtlMs: 0, expiresAfterMs: 200 });
        clock.advance(200);
        assert.strictEqual(fx.sim.getTask(task.taskId)!.status, "EXPIRED");
        const error = await createError("too-late", { ...ECD, taskId: task.taskId });
        assert.match(
            error.message,
            new RegExp(`ECD report export task ${task.taskId} expired before it could be downloaded \\(EXPIRED \\(expired\\), progress 100%\\)`),
        );
        assert.match(error.message, /an adopted export cannot be renewed: remove taskId and set create to start a fresh export/);
    });

    it("a FINISHED export whose URL has already expired fails too, saying when it expired (adopt and start)", async () => {
        // finished, with links that stopped working when they appeared (the simulator's clock is behind the real one)
        const task = finishedTask(fx.sim, clock, { service: "ecd", durationMs: 100, outcome: "success", urlTtlMs: 0, expiresAfterMs: 3_600_000 });
        fx.sim.setTaskTemplate("ecd", { queuedMs: 0, durationMs: 0, outcome: "success", urlTtlMs: 0, expiresAfterMs: 3_600_000 });
        const [adopted, started] = await Promise.all([
            createError("stale-adopted", { ...ECD, taskId: task.taskId }),
            createError("stale-started", { ...ECD, create: DESKTOP_REPORT }),
        ]);
        for (const error of [adopted, started]) {
            assert.match(
                error.message,
                /expired before it could be downloaded \(FINISHED \(expired\), progress 100%, its download URL expired at \d{4}-\d\d-\d\dT[\d:.]+Z\)/,
            );
        }
        assert.match(adopted.message, /an adopted export cannot be renewed/);
        assert.match(started.message, /run `pulumi up` again to start a fresh export/);
    });

    it("a started export that timed out and whose URL expired before the next run is recorded expired, and then renewed", async () => {
        // held running until create gave up, then finished, with a link that is already past its Expires when it appears
        fx.sim.setTaskTemplate("ecd", { queuedMs: 0, durationMs: 1500, outcome: "success", urlTtlMs: 0, expiresAfterMs: 3_600_000 });
        const name = "late";
        const inputs = { ...ECD, create: DESKTOP_REPORT, timeout: "1s" };
        const first = await createError(name, inputs);
        assert.ok(first.initFailed && first.initFailed.properties.status === "running", "recorded unfinished");
        const taskId = first.initFailed.properties.taskId as string;
        finishTask(fx.sim, clock, taskId);
        assert.strictEqual(fx.sim.getTask(taskId)!.status, "FINISHED");

        // the next `pulumi up`: update resumes on the export, finds its URL expired, and records that
        const news = await checked(name, { ...inputs, timeout: "30s" });
        const resumed = await fx.host.update(first.initFailed.id, urn(REPORT_EXPORT_TYPE, name), first.initFailed.properties, news).then(
            () => assert.fail("update should have failed"),
            (e: unknown) => e as HostCallError,
        );
        seen.push(resumed.message);
        assert.match(resumed.message, new RegExp(`ECD report export task ${taskId} expired before it could be downloaded \\(FINISHED \\(expired\\)`));
        assert.ok(resumed.initFailed, "recorded, so that the next run can renew it instead of resuming the expired export again");
        assert.strictEqual(resumed.initFailed.properties.status, "expired");
        assert.strictEqual(resumed.initFailed.properties.taskId, taskId);
        assert.strictEqual(resumed.initFailed.properties.downloadUrl, undefined, "an expired URL is not kept");
        assert.match(String(resumed.initFailed.properties.expiresAt), /^\d{4}-/);

        // the run after: renewOnExpiry replaces the resource, whose create starts a fresh export
        const diff = await fx.host.diff(first.initFailed.id, urn(REPORT_EXPORT_TYPE, name), resumed.initFailed.properties, news);
        assert.deepStrictEqual(diff.replaces, ["expiresAt"]);
        fx.sim.setTaskTemplate("ecd", { queuedMs: 0, durationMs: 0, outcome: "success" });
        const renewed = await create(name, { ...inputs, timeout: "30s" });
        assert.notStrictEqual(renewed.properties.taskId, taskId);
        assert.strictEqual(renewed.properties.status, "succeeded");
    });

    describe("expiry after a successful create: refresh and renewal", () => {
        /**
         * The provider checks a link's expiry against the REAL clock, so here real time must pass: from setting the
         * exports up to their links' expiry. The tests before it (three creates of exports that are finished at once,
         * three diffs: well under a second on an idle machine) must fit in it on a loaded one.
         */
        const LINK_LIFETIME_MS = 8_000;
        const states: Record<string, { id: string; properties: Record<string, unknown> }> = {};
        const inputs: Record<string, Record<string, unknown>> = {
            renewing: { ...ECD, create: DESKTOP_REPORT },
            keeping: { ...ECD, create: DESKTOP_REPORT, renewOnExpiry: false },
        };
        const diff = async (name: string) => {
            const news = await checked(name, inputs[name]);
            return fx.host.diff(states[name].id, urn(REPORT_EXPORT_TYPE, name), states[name].properties, news);
        };

        before(async () => {
            // the simulator's clock stands still: a lifetime of (real - simulated) + LINK_LIFETIME_MS ends that long from now in real time
            const urlTtlMs = Date.now() - clock.now() + LINK_LIFETIME_MS;
            // started exports, finished at once: the link stops working then, the API keeps listing the export as FINISHED
            fx.sim.setTaskTemplate("ecd", { queuedMs: 0, durationMs: 0, outcome: "success", urlTtlMs, expiresAfterMs: 3_600_000 });
            // the adopted export: the API itself turns it EXPIRED a second (simulated) after it finished, when the test moves the clock
            const task = fx.sim.createTask({ service: "ecd", durationMs: 0, outcome: "success", urlTtlMs, expiresAfterMs: 1_000 });
            inputs.adopted = { ...ECD, taskId: task.taskId };
            await Promise.all(Object.keys(inputs).map(async (name) => (states[name] = await create(name, inputs[name]))));
        });

        it("before the URL expires, diff reports nothing to do", async () => {
            for (const name of Object.keys(inputs)) {
                assert.strictEqual(states[name].properties.status, "succeeded");
                assert.ok(Date.parse(String(states[name].properties.expiresAt)) > Date.now(), `${name} not expired yet`);
                assert.strictEqual((await diff(name)).changes, "none", name);
            }
        });

        it("read (refresh) records status expired once the URL expired", async () => {
            const last = Math.max(...Object.values(states).map((s) => Date.parse(String(s.properties.expiresAt))));
            await sleep(Math.max(0, last - Date.now()) + 100);
            clock.advance(1_000);
            const read = async (name: string) => {
                const { properties } = await fx.host.read(states[name].id, urn(REPORT_EXPORT_TYPE, name), states[name].properties);
                const { downloadUrl: _secret, ...rest } = properties;
                seen.push(JSON.stringify(rest));
                return properties;
            };
            const renewing = await read("renewing");
            assert.strictEqual(renewing.status, "expired");
            assert.strictEqual(renewing.rawStatus, "FINISHED", "the API still lists it: only the URL says it expired");
            assert.strictEqual(renewing.downloadUrl, states.renewing.properties.downloadUrl);
            const adopted = await read("adopted");
            assert.strictEqual(adopted.status, "expired");
            assert.strictEqual(adopted.rawStatus, "EXPIRED");
            assert.strictEqual(adopted.downloadUrl, undefined, "the API withdrew the link");
            await fx.host.waitForLine(
                new RegExp(
                    `ReportExport "renewing": ECD report export task ${states.renewing.properties.taskId}: its download URL expired at .*replacing the resource starts a fresh export`,
                ),
            );
            await fx.host.waitForLine(/warning: ReportExport "adopted": .*An adopted export cannot be renewed/);
        });

        it("diff replaces (on expiresAt) in start mode with renewOnExpiry, not with renewOnExpiry false nor in adopt mode", async () => {
            const renewing = await diff("renewing");
            assert.strictEqual(renewing.changes, "some");
            assert.deepStrictEqual(renewing.replaces, ["expiresAt"]);
            for (const name of ["keeping", "adopted"]) {
                const kept = await diff(name);
                assert.deepStrictEqual(kept.replaces, [], name);
                assert.strictEqual(kept.changes, "none", name);
            }
            await fx.host.waitForLine(/warning: ReportExport "keeping": .*renewOnExpiry is false: the expired export is kept/);
        });

        it("the replacement's create starts a fresh export with a URL that works", async () => {
            fx.sim.setTaskTemplate("ecd", { queuedMs: 0, durationMs: 0, outcome: "success" });
            fx.sim.resetStats();
            const renewed = await create("renewing", inputs.renewing);
            assert.strictEqual(fx.sim.stats().calls.CreateEcdReportTask, 1);
            assert.notStrictEqual(renewed.properties.taskId, states.renewing.properties.taskId);
            assert.strictEqual(renewed.properties.status, "succeeded");
            assert.ok(Date.parse(String(renewed.properties.expiresAt)) > Date.now() + 30 * 60_000);
        });
    });

    // child suites run after the tests above: this one runs last
    describe("after everything above", () => {
        it("the download URL never shows its query: not in host output, error messages or other outputs", async () => {
            await fx.host.waitForLine(
                /ReportExport "adopted": ECD report export task .* ready: https:\/\/[^?\s]+\.xlsx \(full URL in the secret output downloadUrl\)/,
            );
            await sleep(200); // output travels on a pipe: let the last lines arrive
            const texts = [...fx.host.stdout, ...fx.host.stderr, ...seen];
            assert.ok(texts.length > 20, `scanned ${texts.length} texts`);
            assert.deepStrictEqual(
                texts.filter((t) => URL_SECRETS.test(t)),
                [],
            );
        });
    });
});
