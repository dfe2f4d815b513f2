// examples/report-urls under pulumi.runtime.setMocks, its two ReportExports checked and created in
// Pulumi's provider host against the simulator: both download URLs become secret stack outputs.
import * as assert from "assert";
import RPCClient = require("@alicloud/pop-core");

import { Fixture, REPORT_EXPORT_TYPE, startFixture } from "../host/fixture";
import { exampleProgram, runProgram } from "../../harness";
import type { Simulator } from "../../simulator";

/** The URLs the simulator's own APIs report, asked independently of the provider. */
async function ecdUrl(sim: Simulator, taskId: string): Promise<string> {
    const client = new RPCClient({ endpoint: sim.url, apiVersion: "2020-09-30", ...sim.credentials.accessKey, opts: { timeout: 30_000 } });
    const body = await client.request<{ ExportTaskList: { TaskId: string; DownloadUrl: string }[] }>("DescribeEcdReportTasks", { TaskId: taskId });
    return body.ExportTaskList.find((t) => t.TaskId === taskId)!.DownloadUrl;
}

async function sasLink(sim: Simulator, exportId: number): Promise<string> {
    const client = new RPCClient({ endpoint: sim.url, apiVersion: "2018-12-03", ...sim.credentials.accessKey, opts: { timeout: 30_000 } });
    return (await client.request<{ Link: string }>("DescribeExportInfo", { ExportId: exportId })).Link;
}

describe("example: report-urls", function () {
    this.timeout(60_000);
    let fx: Fixture;
    before(async () => (fx = await startFixture()));
    after(async () => fx?.close());
    beforeEach(() => {
        fx.sim.setTaskTemplate("ecd", { queuedMs: 200, durationMs: 1500, outcome: "success" });
        fx.sim.setTaskTemplate("sas", { queuedMs: 200, durationMs: 1500, outcome: "success" });
        fx.sim.resetStats();
    });

    it("starts both exports once each and exports both URLs as secret stack outputs", async () => {
        const config = { ...fx.config, desktopReportName: "q3-desktops", securityExportType: "exportVul" };
        const run = await runProgram(exampleProgram("report-urls"), { host: fx.host, config });
        assert.ok(run.ok, run.errors.map((e) => e.message).join("\n"));
        assert.strictEqual(fx.sim.stats().calls.CreateEcdReportTask, 1);
        assert.strictEqual(fx.sim.stats().calls.ExportRecord, 1);

        const ecd = run.resource("desktop-inventory", REPORT_EXPORT_TYPE);
        const sas = run.resource("security-export", REPORT_EXPORT_TYPE);
        assert.strictEqual(ecd.type, "pulumi-nodejs:dynamic/alicloud-tasks:ReportExport", "a readable type token in pulumi preview");
        const taskId = String(ecd.outputs.taskId);
        const exportId = sas.outputs.exportId as number;
        // the configured name, with the start key that lets a later run find this export (README: start once)
        assert.match(String(fx.sim.getTask(taskId)?.details.reportFileName), /^q3-desktops-pulumi-[0-9a-f]{12}$/, "config desktopReportName");
        assert.strictEqual(fx.sim.getTask(String(exportId))?.details.exportType, "exportVul", "config securityExportType");
        for (const record of [ecd, sas]) {
            assert.strictEqual(record.outputs.status, "succeeded");
            assert.deepStrictEqual(record.options?.additionalSecretOutputs, ["downloadUrl"]);
            assert.ok(record.secretOutputs.includes("downloadUrl"), `${record.name}: ${record.secretOutputs}`);
        }

        const outputs = run.outputs as Record<string, unknown>;
        const expectedEcd = await ecdUrl(fx.sim, taskId);
        const expectedSas = await sasLink(fx.sim, exportId);
        assert.match(expectedEcd, /^https:\/\/.+\?Expires=\d+&OSSAccessKeyId=.+&Signature=.+/);
        assert.match(expectedSas, /^https:\/\/.+\?Expires=\d+&OSSAccessKeyId=.+&Signature=.+/);
        assert.strictEqual(outputs.ecdReportUrl, expectedEcd);
        assert.strictEqual(outputs.securityExportUrl, expectedSas);
        assert.deepStrictEqual([...run.secretOutputs].sort(), ["ecdReportUrl", "securityExportUrl"], "the URLs, and only they, are secret");
        assert.strictEqual(outputs.ecdReportExpiresAt, new Date(Number(new URL(expectedEcd).searchParams.get("Expires")) * 1000).toISOString());
        assert.strictEqual(outputs.securityExportExpiresAt, new Date(Number(new URL(expectedSas).searchParams.get("Expires")) * 1000).toISOString());
        // the provider's own lines name each resource and show the URLs without their queries
        assert.deepStrictEqual(
            fx.host.stdout.filter((l) => /Signature=|OSSAccessKeyId=|security-token=/.test(l)),
            [],
        );
    });

    it("a failed report fails the run, naming the resource, and exports no URL", async () => {
        fx.sim.setTaskTemplate("ecd", {
            queuedMs: 0,
            durationMs: 500,
            outcome: "failed",
            errorCode: "ReportTask.GenerateFailed",
            errorMsg: "Failed to generate the report file.",
        });
        const run = await runProgram(exampleProgram("report-urls"), { host: fx.host, config: fx.config });
        assert.ok(!run.ok);
        const ecd = run.resource("desktop-inventory", REPORT_EXPORT_TYPE);
        assert.match(
            String(ecd.error?.message),
            /ReportExport "desktop-inventory": ECD report export task ret-\w+ FAILED \(failed\), progress 100%: ReportTask\.GenerateFailed/,
        );
        assert.strictEqual(run.outputs, undefined, "no stack outputs from a failed run");
        assert.strictEqual(run.resource("security-export", REPORT_EXPORT_TYPE).outputs.status, "succeeded", "the other export is unaffected");
    });
});
