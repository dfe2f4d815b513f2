/** ECD report exports: CreateEcdReportTask and DescribeEcdReportTasks through the real RPC client. */
import { strict as assert } from "node:assert";
import type RPCClient = require("@alicloud/pop-core");
import { ManualClock, startSimulator, type Simulator } from "../../simulator";
import { ECD_API_VERSION, expectApiError, plain, postJson, rawRequest, rpcClient } from "./helpers";

interface ExportTask {
    TaskId: string;
    TaskType: string;
    SubType: string;
    ReportFileName: string;
    Status: string;
    Progress: number;
    GmtCreate: string;
    GmtModified: string;
    DownloadUrl: string;
    ErrorCode: string;
    ErrorMsg: string;
}
interface ReportTasks {
    RequestId: string;
    TotalCount: number;
    ExportTaskList: ExportTask[];
}

const START = Date.UTC(2025, 6, 14, 7, 46, 49);
const HOUR = 3600_000;

describe("simulator: ECD report exports", () => {
    let sim: Simulator;
    let clock: ManualClock;
    let client: RPCClient;

    const list = (params: Record<string, unknown> = {}) => client.request<ReportTasks>("DescribeEcdReportTasks", params).then(plain);
    const one = async (taskId: string) => {
        const res = await list({ TaskId: taskId });
        assert.equal(res.TotalCount, 1);
        return res.ExportTaskList[0];
    };

    before(async () => {
        clock = new ManualClock(START);
        sim = await startSimulator({ clock });
        client = rpcClient(sim, ECD_API_VERSION);
    });
    after(() => sim.close());

    it("creates an export from CreateEcdReportTask that runs INIT -> RUNNING -> FINISHED with a pre-signed link", async () => {
        const created = plain(
            await client.request<Record<string, unknown>>("CreateEcdReportTask", {
                TaskType: "RESOURCE_REPORT",
                SubType: "DESKTOP",
                ReportFileName: "Desktops July",
                LangType: "en-GB",
                FilterList: [
                    { FilterKey: "RegionId", FilterValues: ["cn-shanghai", "cn-hangzhou"] },
                    { FilterKey: "Status", FilterValues: ["Running"] },
                ],
            }),
        );
        assert.deepEqual(Object.keys(created), ["RequestId", "Code", "Success", "TaskId"]);
        assert.deepEqual([created.Code, created.Success], ["success", true]);
        const taskId = String(created.TaskId);
        assert.match(taskId, /^ret-[a-z0-9]{14}$/);
        const view = sim.getTask(taskId);
        assert.deepEqual(view?.details.filterList, [
            { FilterKey: "RegionId", FilterValues: ["cn-shanghai", "cn-hangzhou"] },
            { FilterKey: "Status", FilterValues: ["Running"] },
        ]);
        assert.deepEqual([view?.details.langType, view?.queuedMs, view?.durationMs, view?.outcome], ["en-GB", 2_000, 30_000, "success"]);

        let t = await one(taskId);
        assert.deepEqual(Object.keys(t), [
            "TaskId",
            "TaskType",
            "SubType",
            "ReportFileName",
            "Status",
            "Progress",
            "GmtCreate",
            "GmtModified",
            "DownloadUrl",
            "ErrorCode",
            "ErrorMsg",
        ]);
        assert.deepEqual(
            [t.TaskType, t.SubType, t.ReportFileName, t.Status, t.Progress, t.DownloadUrl, t.ErrorCode],
            ["RESOURCE_REPORT", "DESKTOP", "Desktops July", "INIT", 0, "", ""],
        );
        assert.equal(t.GmtCreate, "2025-07-14T07:46:49.000+00:00");
        assert.equal(t.GmtModified, t.GmtCreate);

        clock.advance(2_000 + 10_000);
        t = await one(taskId);
        assert.deepEqual([t.Status, t.Progress, t.GmtModified], ["RUNNING", 33.3, "2025-07-14T07:46:51.000+00:00"]);

        clock.advance(20_000);
        t = await one(taskId);
        assert.deepEqual([t.Status, t.Progress, t.ErrorCode, t.ErrorMsg], ["FINISHED", 100, "Success", ""]);
        const url = new URL(t.DownloadUrl);
        assert.equal(url.host, "cn-shanghai-ecd-report-files.oss-cn-shanghai.aliyuncs.com");
        assert.match(url.pathname, /^\/ecd_report\/resource\/desktop\/1007214300000001\/DESKTOP_20250714074721_[a-z0-9]{14}\.xlsx$/);
        assert.equal(url.searchParams.get("Expires"), String((START + 32_000 + HOUR) / 1000));
        assert.match(url.searchParams.get("OSSAccessKeyId") ?? "", /^STS\./);
        assert.match(t.DownloadUrl, /&Signature=[^&]+%3D&security-token=/);
        assert.equal((await one(taskId)).DownloadUrl, t.DownloadUrl, "the same export keeps the same link");
    });

    it("turns EXPIRED when the link's hour is up, or at expiresAfterMs", async () => {
        const task = sim.createTask({ service: "ecd", durationMs: 1_000, outcome: "success", urlTtlMs: 10 * 60_000 });
        const later = sim.createTask({ service: "ecd", durationMs: 1_000, outcome: "success", urlTtlMs: 10 * 60_000, expiresAfterMs: HOUR });
        clock.advance(1_000);
        const finished = await one(task.taskId);
        assert.equal(new URL(finished.DownloadUrl).searchParams.get("Expires"), String(Math.floor((clock.now() + 10 * 60_000) / 1000)));
        clock.advance(10 * 60_000 - 1);
        assert.equal((await one(task.taskId)).Status, "FINISHED");
        clock.advance(1);
        const expired = await one(task.taskId);
        assert.deepEqual([expired.Status, expired.DownloadUrl, expired.ErrorCode], ["EXPIRED", "", ""]);
        assert.equal(Date.parse(expired.GmtModified), clock.now());
        // A task that outlives its link: still FINISHED, with an Expires in the past.
        const stale = await one(later.taskId);
        assert.equal(stale.Status, "FINISHED");
        assert.ok(Number(new URL(stale.DownloadUrl).searchParams.get("Expires")) * 1000 <= clock.now());
    });

    it("ends FAILED with the error, and spells statuses in mixed case when asked", async () => {
        const failed = sim.createTask({ service: "ecd", durationMs: 1_000, outcome: "failed", statusCase: "mixed" });
        const mixed = sim.createTask({ service: "ecd", queuedMs: 1_000, durationMs: 1_000, outcome: "success", statusCase: "mixed", expiresAfterMs: 5_000 });
        assert.equal((await one(failed.taskId)).Status, "Running");
        assert.equal((await one(mixed.taskId)).Status, "Init");
        clock.advance(1_000);
        const f = await one(failed.taskId);
        assert.deepEqual(
            [f.Status, f.ErrorCode, f.ErrorMsg, f.DownloadUrl],
            ["Failed", "ReportTask.GenerateFailed", "Failed to generate the report file.", ""],
        );
        assert.equal((await one(mixed.taskId)).Status, "Running");
        clock.advance(1_000);
        assert.equal((await one(mixed.taskId)).Status, "Finished");
        clock.advance(5_000);
        assert.equal((await one(mixed.taskId)).Status, "Expired");
        assert.equal(sim.getTask(mixed.taskId)?.status, "Expired");
        // The Status filter does not care about case either way.
        const filtered = await list({ Status: ["expired", "FAILED"] });
        assert.ok(filtered.ExportTaskList.some((t) => t.TaskId === mixed.taskId));
        assert.ok(filtered.ExportTaskList.some((t) => t.TaskId === failed.taskId));
        assert.ok(filtered.ExportTaskList.every((t) => ["EXPIRED", "FAILED"].includes(t.Status.toUpperCase())));
    });

    it("filters by TaskType and SubType, lists newest first, and pages with PageNum / PageSize", async () => {
        const fresh = await startSimulator({ clock: new ManualClock(START) });
        try {
            const c = rpcClient(fresh, ECD_API_VERSION);
            const ids = Array.from({ length: 25 }, () => fresh.createTask({ service: "ecd", durationMs: 1, outcome: "success" }).taskId).reverse();
            const all = await c.request<ReportTasks>("DescribeEcdReportTasks", {});
            assert.equal(all.TotalCount, 25);
            assert.deepEqual(
                all.ExportTaskList.map((t) => t.TaskId),
                ids.slice(0, 20),
            );
            const page2 = await c.request<ReportTasks>("DescribeEcdReportTasks", { PageNum: 2, PageSize: 10, TaskType: "RESOURCE_REPORT", SubType: "DESKTOP" });
            assert.deepEqual(
                page2.ExportTaskList.map((t) => t.TaskId),
                ids.slice(10, 20),
            );
            assert.equal((await c.request<ReportTasks>("DescribeEcdReportTasks", { SubType: "OFFICE_SITE" })).TotalCount, 0);
            assert.equal((await c.request<ReportTasks>("DescribeEcdReportTasks", { PageSize: 200 })).ExportTaskList.length, 25);
            const err = await expectApiError(c.request("DescribeEcdReportTasks", { PageSize: 201 }));
            assert.equal(err.code, "InvalidParameter");
        } finally {
            await fresh.close();
        }
    });

    it("validates CreateEcdReportTask's parameters", async () => {
        const cases: Array<[Record<string, unknown>, string]> = [
            [{ SubType: "DESKTOP" }, "MissingParameter"],
            [{ TaskType: "RESOURCE_REPORT" }, "MissingParameter"],
            [{ TaskType: "USAGE_REPORT", SubType: "DESKTOP" }, "InvalidParameter"],
            // LangType and SubType are enumerations the API gateway checks: Invalid{Name}, as the gateway names it.
            [{ TaskType: "RESOURCE_REPORT", SubType: "DESKTOP", LangType: "fr-FR" }, "InvalidLangType"],
            [{ TaskType: "RESOURCE_REPORT", SubType: "DESKTOP", LangType: "en-US" }, "InvalidLangType"],
            [{ TaskType: "RESOURCE_REPORT", SubType: "APP" }, "InvalidSubType"],
            [{ TaskType: "RESOURCE_REPORT", SubType: "DESKTOP", FilterList: [{ FilterValues: ["x"] }] }, "MissingParameter"],
        ];
        for (const [params, code] of cases) {
            assert.equal((await expectApiError(client.request("CreateEcdReportTask", params))).code, code, JSON.stringify(params));
        }
        const err = await expectApiError(client.request("CreateEcdReportTask", { TaskType: "RESOURCE_REPORT", SubType: "DESKTOP", LangType: "en-US" }));
        assert.equal(err.data.Message, "Specified parameter LangType is not valid.");
        for (const LangType of ["zh-CN", "en-GB"]) {
            const { TaskId } = await client.request<{ TaskId: string }>("CreateEcdReportTask", { TaskType: "RESOURCE_REPORT", SubType: "DESKTOP", LangType });
            assert.equal(sim.getTask(TaskId)?.details.langType, LangType);
        }
    });

    it("gives API-created exports the template's timeline and outcome", async () => {
        const res = await rawRequest(sim.url, "/__sim/task-templates/ecd", {
            method: "PUT",
            body: JSON.stringify({ queuedMs: 0, durationMs: 500, outcome: "failed", errorCode: "NoData", errorMsg: "No Data." }),
            headers: { "content-type": "application/json" },
        });
        assert.equal(res.status, 200);
        assert.deepEqual(res.json(), { queuedMs: 0, durationMs: 500, outcome: "failed", errorCode: "NoData", errorMsg: "No Data." });
        const { TaskId } = await client.request<{ TaskId: string }>("CreateEcdReportTask", { TaskType: "RESOURCE_REPORT", SubType: "DESKTOP" });
        clock.advance(500);
        const t = await one(TaskId);
        assert.deepEqual([t.Status, t.ErrorCode, t.ErrorMsg, t.ReportFileName], ["FAILED", "NoData", "No Data.", "DesktopReport"]);
        sim.setTaskTemplate("ecd", {});
        assert.equal((await postJson(sim.url, "/__sim/tasks", { service: "ecd", durationMs: 1, outcome: "stuck" })).status, 400);
    });
});
