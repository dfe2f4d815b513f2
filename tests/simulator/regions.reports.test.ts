/**
 * The region of report exports and of their download links: the link's OSS host follows the task's
 * region (<region>-ecd-report-files.oss-<region>.aliyuncs.com, as real ECD links are), and an export
 * an API call starts is in the region its endpoint names, as ECD and Security Center have no RegionId.
 */
import { strict as assert } from "node:assert";
import { ManualClock, startSimulator, type Simulator } from "../../simulator";
import { ECD_API_VERSION, rawRequest, SAS_API_VERSION, signedQuery } from "./helpers";

/** A signed RPC call sent with the Host a client of a regional endpoint sends (V2 does not sign the Host). */
async function callAs(sim: Simulator, host: string, version: string, action: string, params: Record<string, string>) {
    const query = signedQuery("GET", { Action: action, Version: version, ...params }, sim.credentials.accessKey);
    const res = await rawRequest(sim.url, `/?${query}`, { headers: { host } });
    assert.equal(res.status, 200, res.text);
    return res.json();
}

function startEcdExport(sim: Simulator, host: string): Promise<{ TaskId: string }> {
    return callAs(sim, host, ECD_API_VERSION, "CreateEcdReportTask", { TaskType: "RESOURCE_REPORT", SubType: "DESKTOP" });
}

describe("simulator: report exports live in their endpoint's region, and so do their links", () => {
    let sim: Simulator;
    let clock: ManualClock;
    const local = () => new URL(sim.url).host;

    before(async () => {
        clock = new ManualClock(Date.UTC(2025, 6, 9, 14, 9, 0));
        sim = await startSimulator({ clock });
    });
    afterEach(() => sim.setTaskTemplate("ecd", {}));
    after(() => sim.close());

    async function ecdLink(taskId: string): Promise<URL> {
        clock.advance(60_000);
        const list = await callAs(sim, local(), ECD_API_VERSION, "DescribeEcdReportTasks", { TaskId: taskId });
        return new URL(list.ExportTaskList[0].DownloadUrl);
    }

    it("a task made in cn-hangzhou over the control API links to cn-hangzhou's OSS", async () => {
        const task = sim.createTask({ service: "ecd", region: "cn-hangzhou", durationMs: 1_000, outcome: "success" });
        assert.equal((await ecdLink(task.taskId)).host, "cn-hangzhou-ecd-report-files.oss-cn-hangzhou.aliyuncs.com");
    });

    it("CreateEcdReportTask at ecd.cn-hangzhou.aliyuncs.com starts a cn-hangzhou export with a cn-hangzhou link", async () => {
        sim.setTaskTemplate("ecd", { queuedMs: 0, durationMs: 1_000 });
        for (const [host, region] of [
            ["ecd.cn-hangzhou.aliyuncs.com", "cn-hangzhou"],
            ["ecd.ap-southeast-1.aliyuncs.com:443", "ap-southeast-1"],
            ["ECD-VPC.EU-CENTRAL-1.ALIYUNCS.COM", "eu-central-1"],
        ]) {
            const { TaskId } = await startEcdExport(sim, host);
            assert.equal(sim.getTask(TaskId)?.region, region, host);
            const link = await ecdLink(TaskId);
            assert.equal(link.host, `${region}-ecd-report-files.oss-${region}.aliyuncs.com`, host);
            assert.match(link.pathname, /^\/ecd_report\/resource\/desktop\/\d+\/DESKTOP_\d{14}_\w+\.xlsx$/);
        }
    });

    it("the endpoint's region wins over the template's; a Host that names none leaves the template's, else cn-shanghai", async () => {
        sim.setTaskTemplate("ecd", { queuedMs: 0, durationMs: 1_000, region: "cn-beijing" });
        assert.equal(sim.getTask((await startEcdExport(sim, "ecd.cn-hangzhou.aliyuncs.com")).TaskId)?.region, "cn-hangzhou");
        assert.equal(sim.getTask((await startEcdExport(sim, local())).TaskId)?.region, "cn-beijing");
        sim.setTaskTemplate("ecd", {});
        assert.equal(sim.getTask((await startEcdExport(sim, local())).TaskId)?.region, "cn-shanghai");
        assert.equal(sim.getTask((await startEcdExport(sim, "ecd.example.com")).TaskId)?.region, "cn-shanghai");
    });

    it("Security Center's ExportRecord at tds.ap-southeast-1 starts an ap-southeast-1 export; a region it lacks is ignored", async () => {
        const params = { ExportType: "exportHcWarning" };
        const international = await callAs(sim, "tds.ap-southeast-1.aliyuncs.com", SAS_API_VERSION, "ExportRecord", params);
        assert.equal(sim.getTask(String(international.Id))?.region, "ap-southeast-1");
        const elsewhere = await callAs(sim, "tds.cn-hangzhou.aliyuncs.com", SAS_API_VERSION, "ExportRecord", params);
        assert.equal(sim.getTask(String(elsewhere.Id))?.region, "cn-shanghai", "Security Center has no cn-hangzhou endpoint: the default stays");
    });
});
