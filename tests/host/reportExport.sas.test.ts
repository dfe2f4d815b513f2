// ReportExport for Security Center exports (service "sas": ExportRecord, DescribeExportInfo) inside
// Pulumi's dynamic provider host over gRPC, against the simulator: adopt and start, counts, an export
// that never ends (no failure status is documented), and the documented errors.
import * as assert from "assert";
import RPCClient = require("@alicloud/pop-core");
import { HostCallError } from "../../harness";
import { reportExportProvider } from "../../provider/resources/reportExport";
import type { RpcCall, Simulator } from "../../simulator";
import { checkedInputs, FAST_POLL, Fixture, REPORT_EXPORT_TYPE, serializeProvider, startFixture, urn } from "./fixture";

const SAS = { service: "sas", region: "cn-shanghai", pollInterval: FAST_POLL };
const REQUEST_ID = /RequestId [0-9A-F-]{36}/;
const URL_SECRETS = /Signature=|OSSAccessKeyId=|security-token=/i;

/** The Link the simulator's own API reports for an export, asked independently of the provider. */
async function simulatorLink(sim: Simulator, exportId: number): Promise<string> {
    const client = new RPCClient({ endpoint: sim.url, apiVersion: "2018-12-03", ...sim.credentials.accessKey, opts: { timeout: 30_000 } });
    return (await client.request<{ Link: string }>("DescribeExportInfo", { ExportId: exportId })).Link;
}

describe("host: ReportExport, service sas (Security Center)", function () {
    this.timeout(60_000);
    let fx: Fixture;
    let provider: string;
    let calls: Pick<RpcCall, "action" | "params">[] = [];
    const seen: string[] = [];

    before(async () => {
        fx = await startFixture();
        provider = await serializeProvider(reportExportProvider);
        fx.sim.addLayer(async (call, next) => {
            calls.push({ action: call.action, params: call.params });
            return next();
        });
    });
    after(async () => fx?.close());
    beforeEach(() => {
        calls = [];
        fx.sim.faults.clear();
    });

    const count = (action: string) => calls.filter((c) => c.action === action).length;

    const checked = (name: string, inputs: Record<string, unknown>) => checkedInputs(fx.host, REPORT_EXPORT_TYPE, provider, name, inputs);

    async function create(name: string, inputs: Record<string, unknown>) {
        const created = await fx.host.create(urn(REPORT_EXPORT_TYPE, name), await checked(name, inputs));
        const { downloadUrl: _secret, ...rest } = created.properties;
        seen.push(JSON.stringify(rest));
        return created;
    }

    async function failure(call: Promise<unknown>): Promise<HostCallError> {
        const error = await call.then(
            () => assert.fail("the call should have failed"),
            (e: unknown) => e,
        );
        assert.ok(error instanceof HostCallError, String(error));
        seen.push(error.message, JSON.stringify(error.initFailed ?? {}));
        return error;
    }

    it("adopt: waits for an existing export by exportId; success -> the simulator's Link, file name, counts and expiry", async () => {
        const task = fx.sim.createTask({
            service: "sas",
            queuedMs: 200,
            durationMs: 1000,
            outcome: "success",
            exportType: "exportHcWarning",
            fileName: "hc-warnings",
            totalCount: 250,
        });
        const exportId = Number(task.taskId);
        const inputs = await checked("adopted", { ...SAS, exportId: String(exportId) });
        assert.strictEqual(inputs.exportId, exportId, "an id given as text is read as the integer the API takes");
        const created = await create("adopted", { ...SAS, exportId });
        const out = created.properties;
        assert.strictEqual(created.id, `sas:cn-shanghai:${exportId}`);
        assert.strictEqual(out.status, "succeeded");
        assert.strictEqual(out.rawStatus, "success");
        assert.strictEqual(out.progress, 100);
        assert.strictEqual(out.exportId, exportId);
        assert.strictEqual(out.currentCount, 250);
        assert.strictEqual(out.totalCount, 250);
        assert.strictEqual(out.fileName, "hc-warnings");
        const link = await simulatorLink(fx.sim, exportId);
        assert.match(link, /^https:\/\/.+\?Expires=(\d+)&OSSAccessKeyId=.+&Signature=.+$/);
        assert.strictEqual(out.downloadUrl, link);
        assert.strictEqual(out.expiresAt, new Date(Number(new URL(link).searchParams.get("Expires")) * 1000).toISOString());
        assert.strictEqual(out.taskId, undefined);
        assert.ok(calls.every((c) => c.action !== "DescribeExportInfo" || c.params.ExportId === String(exportId)));
        await fx.host.waitForLine(/ReportExport "adopted": Security Center export \d+ ready: https:\/\/[^?\s]+ \(full URL in the secret output downloadUrl\)/);
    });

    it("start: calls ExportRecord exactly once with exportType, params (as JSON text) and lang, then waits", async () => {
        fx.sim.setTaskTemplate("sas", { queuedMs: 200, durationMs: 800, outcome: "success", totalCount: 40 });
        fx.sim.resetStats();
        const created = await create("started", { ...SAS, create: { exportType: "exportHcWarning", params: { riskLevel: "high" }, lang: "en" } });
        assert.strictEqual(fx.sim.stats().calls.ExportRecord, 1);
        assert.strictEqual(count("ExportRecord"), 1);
        const exportId = created.properties.exportId as number;
        assert.ok(Number.isSafeInteger(exportId));
        assert.strictEqual(created.id, `sas:cn-shanghai:${exportId}`);
        const details = fx.sim.getTask(String(exportId))!.details;
        assert.deepStrictEqual([details.exportType, details.params, details.lang], ["exportHcWarning", '{"riskLevel":"high"}', "en"]);
        assert.strictEqual(created.properties.status, "succeeded");
        assert.deepStrictEqual([created.properties.currentCount, created.properties.totalCount], [40, 40]);
        assert.match(String(created.properties.fileName), /^exportHcWarning_\d{8}$/);
        assert.strictEqual(created.properties.downloadUrl, await simulatorLink(fx.sim, exportId));
        await fx.host.waitForLine(`ReportExport "started": started Security Center export ${exportId}`);
    });

    it("a stuck export ends only at the deadline: a partial failure that records the exportId; update resumes on it without ExportRecord", async () => {
        // at 99% from the start (durationMs 0), and never done: what every poll sees, however fast the polls come
        fx.sim.setTaskTemplate("sas", { queuedMs: 0, durationMs: 0, outcome: "stuck", totalCount: 200 });
        const name = "stuck";
        const inputs = { ...SAS, create: { exportType: "exportVul" }, timeout: "1s" };
        const first = await failure(create(name, inputs));
        assert.ok(first.initFailed, "a partial failure");
        const recorded = first.initFailed.properties;
        const exportId = recorded.exportId as number;
        assert.strictEqual(first.initFailed.id, `sas:cn-shanghai:${exportId}`);
        assert.match(
            first.message,
            new RegExp(
                `ReportExport "stuck": timed out after 1s .* for Security Center export ${exportId}: last status exporting \\(running\\), progress 99%, RequestId [0-9A-F-]{36}`,
            ),
        );
        assert.match(first.message, /documents no failure status for exports: one that stays in init or exporting ends only at the deadline/);
        assert.strictEqual(recorded.status, "running");
        assert.deepStrictEqual([recorded.currentCount, recorded.totalCount], [198, 200]);
        assert.strictEqual(recorded.downloadUrl, undefined);
        assert.strictEqual(count("ExportRecord"), 1);

        // the next `pulumi up`: an update (not a replace) that waits on the recorded export
        const news = await checked(name, inputs);
        const diff = await fx.host.diff(first.initFailed.id, urn(REPORT_EXPORT_TYPE, name), recorded, news);
        assert.strictEqual(diff.changes, "some");
        assert.deepStrictEqual(diff.replaces, []);
        calls = [];
        const again = await failure(fx.host.update(first.initFailed.id, urn(REPORT_EXPORT_TYPE, name), recorded, news));
        assert.strictEqual(again.initFailed?.properties.exportId, exportId, "still the same export");
        assert.match(again.message, /last status exporting \(running\), progress 99%/);
        assert.strictEqual(count("ExportRecord"), 0, "no second export");
        assert.ok(calls.length > 0 && calls.every((c) => c.action === "DescribeExportInfo" && c.params.ExportId === String(exportId)), JSON.stringify(calls));
        assert.strictEqual(fx.sim.listTasks().filter((t) => t.service === "sas" && t.details.exportType === "exportVul").length, 1);
    });

    it("NoPermission (403) fails at once, naming the code and the RequestId", async () => {
        const task = fx.sim.createTask({ service: "sas", durationMs: 300, outcome: "success", failWith: "NoPermission" });
        const error = await failure(create("denied", { ...SAS, exportId: Number(task.taskId) }));
        assert.strictEqual(count("DescribeExportInfo"), 1, "not retried");
        assert.strictEqual(error.initFailed, undefined, "adopted: nothing to record");
        assert.match(
            error.message,
            new RegExp(
                `ReportExport "denied": stopped waiting for Security Center export ${task.taskId} \\(status not read yet\\): Security Center DescribeExportInfo failed: NoPermission: caller has no permission \\(RequestId [0-9A-F-]{36}\\)`,
            ),
        );
    });

    it("NoPermission on an export it started: the exportId is recorded, so the next run does not start another", async () => {
        fx.sim.setTaskTemplate("sas", { queuedMs: 0, durationMs: 300, outcome: "success", failWith: "NoPermission" });
        const error = await failure(create("denied-started", { ...SAS, create: { exportType: "exportHcWarning" } }));
        assert.ok(error.initFailed, "a partial failure");
        assert.strictEqual(typeof error.initFailed.properties.exportId, "number");
        assert.match(error.message, /NoPermission: caller has no permission/);
        assert.match(error.message, REQUEST_ID);
        assert.match(error.message, /The exportId \d+ was recorded: run `pulumi up` again to keep waiting on this export/);
        assert.deepStrictEqual([count("ExportRecord"), count("DescribeExportInfo")], [1, 1]);
    });

    it("ServerError (500) is retried, and the wait goes on to success", async () => {
        const task = fx.sim.createTask({ service: "sas", queuedMs: 0, durationMs: 500, outcome: "success" });
        fx.sim.faults.add({
            service: "sas",
            action: "DescribeExportInfo",
            first: 2,
            fault: { kind: "error", status: 500, code: "ServerError", message: "ServerError" },
        });
        fx.sim.resetStats();
        const created = await create("flaky", { ...SAS, exportId: Number(task.taskId) });
        assert.strictEqual(created.properties.status, "succeeded");
        // injected faults answer before the recording layer: the simulator's stats count every call
        assert.strictEqual(fx.sim.stats().errors.ServerError, 2);
        assert.ok(fx.sim.stats().calls.DescribeExportInfo >= 3);
    });

    it("a ServerError that never stops is retried until the deadline, and the timeout says it was the last error", async () => {
        const task = fx.sim.createTask({ service: "sas", durationMs: 300, outcome: "success", failWith: "ServerError" });
        // a retry comes 100 ms after an error (FAST_POLL): a 2 s deadline leaves a loaded machine ample time for one
        const error = await failure(create("broken", { ...SAS, exportId: Number(task.taskId), timeout: "2s" }));
        assert.ok(error.initFailed, "recorded, to resume");
        assert.ok(count("DescribeExportInfo") >= 2, `retried: ${count("DescribeExportInfo")} calls`);
        assert.match(
            error.message,
            new RegExp(
                `timed out after 2s .* for Security Center export ${task.taskId}: status not read yet; last error ServerError: Security Center DescribeExportInfo failed: ServerError: ServerError \\(RequestId [0-9A-F-]{36}\\)`,
            ),
        );
    });

    it("RdCheckNoPermission fails at once, naming the code and the RequestId", async () => {
        const task = fx.sim.createTask({ service: "sas", durationMs: 300, outcome: "success" });
        // the provider sends no ResourceDirectoryAccountId, so the simulator's own check never fires: inject the documented answer
        fx.sim.faults.add({
            service: "sas",
            action: "DescribeExportInfo",
            fault: { kind: "error", status: 400, code: "RdCheckNoPermission", message: "Resource directory account verification has no permission." },
        });
        fx.sim.resetStats();
        const error = await failure(create("rd-denied", { ...SAS, exportId: Number(task.taskId) }));
        assert.strictEqual(fx.sim.stats().calls.DescribeExportInfo, 1, "not retried");
        assert.match(
            error.message,
            /Security Center DescribeExportInfo failed: RdCheckNoPermission: Resource directory account verification has no permission\. \(RequestId [0-9A-F-]{36}\)/,
        );
    });

    describe("after everything above", () => {
        it("the Link never shows its query: not in host output, error messages or other outputs", async () => {
            await new Promise((resolve) => setTimeout(resolve, 200));
            const texts = [...fx.host.stdout, ...fx.host.stderr, ...seen];
            assert.ok(texts.length > 15, `scanned ${texts.length} texts`);
            assert.deepStrictEqual(
                texts.filter((t) => URL_SECRETS.test(t)),
                [],
            );
        });
    });
});
