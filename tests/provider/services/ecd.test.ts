import * as assert from "assert";
import type { TaskSnapshot } from "../../../provider/services/snapshot";
import { effectiveStatus } from "../../../provider/wait/status";
import { ApiError, ResponseShapeError } from "../../../provider/client/errors";
import {
    ECD_SERVICE,
    ECD_STATUS_TABLE,
    createEcdReportTask,
    createdTaskOf,
    ecdReportTaskSource,
    ecdSnapshotsOf,
    listEcdReportTasks,
} from "../../../provider/services/ecd";
import { regionProblem } from "../../../provider/services/registry";
import { StubClient } from "../../support/clientStub";
import { ECD_SAMPLE, ECD_SAMPLE_URL } from "../../support/samples";

/** How a wait reads the snapshot's status (wait/status.ts). */
const statusOf = (s: TaskSnapshot) => effectiveStatus(s, { table: ECD_STATUS_TABLE });

function withTask(task: Record<string, unknown>): unknown {
    return { ...ECD_SAMPLE, ExportTaskList: [{ ...ECD_SAMPLE.ExportTaskList[0], ...task }] };
}

const client = new StubClient();
const ctx = {
    client,
    region: "cn-hangzhou",
    credentials: { provider: { getCredentials: async () => ({ accessKeyId: "AK", accessKeySecret: "SK" }) }, source: "test", account: "AK" },
};

describe("services/ecd: DescribeEcdReportTasks mapping", () => {
    it("maps the documented sample, whose status is spelled Running", () => {
        const { snapshots, totalCount } = ecdSnapshotsOf(ECD_SAMPLE);
        assert.strictEqual(totalCount, 20);
        const s = snapshots[0];
        assert.strictEqual(s.taskId, "ret-asdfkjg*****");
        assert.strictEqual(statusOf(s), "running");
        assert.strictEqual(s.rawStatus, "Running");
        assert.strictEqual(s.progress, 80);
        assert.strictEqual(s.errorCode, undefined, "ErrorCode Success is no error");
        assert.strictEqual(s.errorMessage, undefined, "ErrorMsg of a successful task is a remark");
        assert.strictEqual(s.details.reportFileName, "TestFileName");
        assert.strictEqual(s.details.downloadUrl, ECD_SAMPLE_URL);
        assert.strictEqual(s.details.createdAt, "2025-07-14T07:46:49.000+00:00");
    });

    it("maps every documented status case-insensitively", () => {
        const cases: [string, string][] = [
            ["INIT", "pending"],
            ["Running", "running"],
            ["FINISHED", "succeeded"],
            ["finished", "succeeded"],
            ["Failed", "failed"],
            ["EXPIRED", "expired"],
        ];
        for (const [raw, status] of cases) assert.strictEqual(statusOf(ecdSnapshotsOf(withTask({ Status: raw })).snapshots[0]), status, raw);
    });

    it("reads progress as a float percentage, clamped", () => {
        assert.strictEqual(ecdSnapshotsOf(withTask({ Progress: 33.33 })).snapshots[0].progress, 33.3);
        assert.strictEqual(ecdSnapshotsOf(withTask({ Progress: "12.5" })).snapshots[0].progress, 12.5);
        assert.strictEqual(ecdSnapshotsOf(withTask({ Progress: 130 })).snapshots[0].progress, 100);
        assert.strictEqual(ecdSnapshotsOf(withTask({ Progress: null })).snapshots[0].progress, undefined);
    });

    it("reports the error code and message of a failed task", () => {
        const s = ecdSnapshotsOf(withTask({ Status: "FAILED", ErrorCode: "ReportTooLarge", ErrorMsg: "too many desktops" })).snapshots[0];
        assert.strictEqual(s.errorCode, "ReportTooLarge");
        assert.strictEqual(s.errorMessage, "too many desktops");
    });

    it("accepts the task list wrapped as { ExportTask: [...] } and an absent list", () => {
        const wrapped = { ...ECD_SAMPLE, ExportTaskList: { ExportTask: ECD_SAMPLE.ExportTaskList } };
        assert.strictEqual(ecdSnapshotsOf(wrapped).snapshots[0].taskId, "ret-asdfkjg*****");
        assert.deepStrictEqual(ecdSnapshotsOf({ RequestId: "R", TotalCount: 0 }).snapshots, []);
    });

    it("names the API and the field when the response shape changed", () => {
        assert.throws(
            () => ecdSnapshotsOf(withTask({ Status: undefined })),
            (e: unknown) => e instanceof ResponseShapeError && e.field === "ExportTaskList[0].Status" && /ECD DescribeEcdReportTasks/.test(e.message),
        );
        // RequestId is optional in the official model, like every field: its absence is no shape error
        assert.deepStrictEqual(ecdSnapshotsOf({ ExportTaskList: [] }).snapshots, []);
    });
});

describe("services/ecd: calls", () => {
    it("lists by TaskId with no RegionId: the endpoint is the region", async () => {
        const stub = client.answer(() => ECD_SAMPLE);
        try {
            const found = await ecdReportTaskSource(ctx).fetch(["ret-asdfkjg*****"]);
            assert.ok(found.has("ret-asdfkjg*****"));
            const call = stub.calls[0];
            assert.deepStrictEqual(
                [call.action, call.endpoint, call.apiVersion],
                ["DescribeEcdReportTasks", "https://ecd.cn-hangzhou.aliyuncs.com", "2020-09-30"],
            );
            assert.strictEqual(call.params.TaskId, "ret-asdfkjg*****");
            assert.strictEqual(call.params.RegionId, undefined);
        } finally {
            stub.restore();
        }
    });

    it("a task the list does not contain is not visible", async () => {
        const stub = client.answer(() => ({ RequestId: "R", TotalCount: 0, ExportTaskList: [] }));
        try {
            assert.strictEqual((await ecdReportTaskSource(ctx).fetch(["ret-missing1"])).size, 0);
        } finally {
            stub.restore();
        }
    });

    it("caps the page size at the documented 200", async () => {
        const stub = client.answer(() => ECD_SAMPLE);
        try {
            await listEcdReportTasks(ctx, { pageSize: 500 });
            assert.strictEqual(stub.calls[0].params.PageSize, 200);
        } finally {
            stub.restore();
        }
    });

    it("starts a report with TaskType, SubType, LangType and FilterList as pop-core flattens it", async () => {
        const stub = client.answer(() => ({ Code: "Success", Success: true, TaskId: "ret-new1234", RequestId: "REQ-C" }));
        try {
            const created = await createEcdReportTask(ctx, {
                taskType: "RESOURCE_REPORT",
                subType: "DESKTOP",
                reportFileName: "desktops",
                langType: "en-GB",
                filters: [{ key: "RegionId", values: ["cn-hangzhou", "cn-shanghai"] }],
            });
            assert.deepStrictEqual(created, { taskId: "ret-new1234", requestId: "REQ-C" });
            assert.deepStrictEqual(stub.calls[0].params, {
                TaskType: "RESOURCE_REPORT",
                SubType: "DESKTOP",
                ReportFileName: "desktops",
                LangType: "en-GB",
                FilterList: [{ FilterKey: "RegionId", FilterValues: ["cn-hangzhou", "cn-shanghai"] }],
            });
        } finally {
            stub.restore();
        }
    });

    it("reads Success false as a refusal and a missing TaskId as a shape error", () => {
        assert.throws(
            () => createdTaskOf({ Success: false, Code: "Forbidden.Quota", Message: "too many", RequestId: "R" }),
            (e: unknown) => e instanceof ApiError && e.code === "Forbidden.Quota",
        );
        assert.throws(
            () => createdTaskOf({ Success: true, RequestId: "R" }),
            (e: unknown) => e instanceof ResponseShapeError && e.field === "TaskId" && /CreateEcdReportTask/.test(e.message),
        );
    });
});

describe("services/ecd: endpoint rule", () => {
    it("uses ecd.<region>.aliyuncs.com in every region", () => {
        assert.deepStrictEqual(ECD_SERVICE.endpoint("ap-southeast-1"), { url: "https://ecd.ap-southeast-1.aliyuncs.com" });
        assert.strictEqual(regionProblem("ecd", "eu-central-1"), undefined);
    });
});
