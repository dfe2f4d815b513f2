// The reverse of the simulator's official-client tests: answers built from Alibaba's official SDK
// models, with every field the model has, and with every optional field left out (every field is
// optional in the models), go through this project's parsers without a false failure; only what a
// wait cannot do without is required, and its absence is a clear error naming the API and field.
import * as assert from "assert";
import { DescribeTaskAttributeResponseBody, DescribeTasksResponseBody } from "@alicloud/ecs20140526";
import { ResponseShapeError } from "../../../provider/client/errors";
import { bdrcSnapshotOf } from "../../../provider/services/bdrc";
import { createdTaskOf, ecdSnapshotsOf } from "../../../provider/services/ecd";
import { sasSnapshotOf, startedExportOf } from "../../../provider/services/sas";
import {
    BDRC_DESCRIBE_TASK,
    ECD_CREATE_REPORT_TASK,
    ECD_DESCRIBE_REPORT_TASKS,
    FieldSpec,
    ModelSpec,
    SAS_DESCRIBE_EXPORT_INFO,
    SAS_EXPORT_RECORD,
    modelSpecOf,
} from "../../simulator/officialModels";
import { apiError, StubClient } from "../../support/clientStub";
import { describeTaskAttribute, describeTasks } from "../../../provider/services/ecs";

/** A value of the field's JSON type for every field of the model (a list of one), with some fields given. */
function full(spec: ModelSpec, given: Record<string, unknown> = {}): Record<string, unknown> {
    const value = (type: FieldSpec, name: string): unknown => {
        if (name in given) return given[name];
        if (type === "string") return `${name}-value`;
        if (type === "number") return 1;
        if (type === "boolean") return true;
        if (Array.isArray(type)) return [value(type[0], name)];
        return full(type as ModelSpec, given);
    };
    return Object.fromEntries(Object.entries(spec).map(([name, type]) => [name, value(type, name)]));
}

const client = new StubClient();
const ctx = {
    client,
    region: "cn-hangzhou",
    credentials: { provider: { getCredentials: async () => ({ accessKeyId: "AK", accessKeySecret: "SK" }) }, source: "test", account: "AK" },
};

function shapeError(run: () => unknown, field: string): void {
    assert.throws(run, (e: unknown) => e instanceof ResponseShapeError && e.field === field && /missing/.test(e.message), `a shape error on ${field}`);
}

describe("official models: every field, and only the required ones, parse", () => {
    it("ECS DescribeTasks and DescribeTaskAttribute", async () => {
        const listFull = full(modelSpecOf(DescribeTasksResponseBody), { TaskId: "t-1", TaskStatus: "Processing", TotalCount: 1, SupportCancel: "maybe" });
        const detailFull = full(modelSpecOf(DescribeTaskAttributeResponseBody), { TaskId: "t-1", TaskStatus: "Finished", TaskProcess: "100%", FailedCount: 0 });
        const answers: unknown[] = [
            listFull,
            { TaskSet: { Task: [{ TaskId: "t-1", TaskStatus: "Processing" }] } },
            {},
            detailFull,
            { TaskStatus: "Finished" },
            {},
        ];
        const stub = client.answer(() => answers.shift());
        try {
            const [fromFull] = await describeTasks(ctx, { taskIds: ["t-1"] });
            assert.strictEqual(fromFull.rawStatus, "Processing");
            assert.strictEqual(fromFull.details.supportCancel, undefined, "SupportCancel is a free string in the model");
            const [fromMinimal] = await describeTasks(ctx, { taskIds: ["t-1"] });
            assert.deepStrictEqual([fromMinimal.taskId, fromMinimal.rawStatus, fromMinimal.requestId], ["t-1", "Processing", undefined]);
            assert.deepStrictEqual(await describeTasks(ctx, { taskIds: ["t-1"] }), [], "no TaskSet: no task listed");
            assert.strictEqual((await describeTaskAttribute(ctx, "t-1"))?.progress, 100);
            const minimal = await describeTaskAttribute(ctx, "t-1");
            assert.deepStrictEqual([minimal?.taskId, minimal?.rawStatus], ["t-1", "Finished"], "TaskId taken from the request when the answer leaves it out");
            await assert.rejects(describeTaskAttribute(ctx, "t-1"), (e: unknown) => e instanceof ResponseShapeError && e.field === "TaskStatus");
        } finally {
            stub.restore();
        }
    });

    it("bdrc DescribeTask", () => {
        assert.strictEqual(bdrcSnapshotOf(full(BDRC_DESCRIBE_TASK, { TaskStatus: "RUNNING", Progress: 5000 })).progress, 50);
        const minimal = bdrcSnapshotOf({ Data: { TaskStatus: "COMPLETE" } }, "BDRC DescribeTask", "t-9");
        assert.deepStrictEqual([minimal.taskId, minimal.rawStatus, minimal.requestId], ["t-9", "COMPLETE", undefined]);
        shapeError(() => bdrcSnapshotOf({ Data: {} }), "Data.TaskStatus");
    });

    it("ECD DescribeEcdReportTasks and CreateEcdReportTask", () => {
        const listed = ecdSnapshotsOf(full(ECD_DESCRIBE_REPORT_TASKS, { Status: "RUNNING", Progress: 40.5, ErrorCode: "success" }));
        assert.strictEqual(listed.snapshots[0].progress, 40.5);
        const minimal = ecdSnapshotsOf({ ExportTaskList: [{ TaskId: "ret-1", Status: "INIT" }] });
        assert.deepStrictEqual([minimal.snapshots[0].taskId, minimal.snapshots[0].requestId], ["ret-1", undefined]);
        assert.deepStrictEqual(ecdSnapshotsOf({}).snapshots, []);
        shapeError(() => ecdSnapshotsOf({ ExportTaskList: [{ TaskId: "ret-1" }] }), "ExportTaskList[0].Status");
        assert.strictEqual(createdTaskOf(full(ECD_CREATE_REPORT_TASK, { Code: "success", Success: true, TaskId: "ret-2" })).taskId, "ret-2");
        assert.strictEqual(createdTaskOf({ TaskId: "ret-3" }).taskId, "ret-3");
    });

    it("Security Center DescribeExportInfo and ExportRecord", () => {
        const full_ = sasSnapshotOf(full(SAS_DESCRIBE_EXPORT_INFO, { ExportStatus: "exporting", Id: 7, Link: "" }), "7");
        assert.strictEqual(full_?.rawStatus, "exporting");
        const minimal = sasSnapshotOf({ ExportStatus: "success", Link: "https://h/r.xlsx?Expires=1700000000" }, "8");
        assert.deepStrictEqual([minimal?.taskId, minimal?.requestId, minimal?.expiresAt], ["8", undefined, "2023-11-14T22:13:20.000Z"]);
        assert.strictEqual(sasSnapshotOf({}, "9"), undefined, "a body that names no export: not known");
        assert.strictEqual(startedExportOf(full(SAS_EXPORT_RECORD, { Id: 131231 })).exportId, "131231");
        assert.strictEqual(startedExportOf({ Id: 5 }).requestId, undefined);
        shapeError(() => startedExportOf({ RequestId: "R" }), "Id");
    });

    it("an error answer is still an error, whatever optional fields it lacks", async () => {
        const stub = client.answer(() => {
            throw apiError("InvalidTaskId.NotFound", 404);
        });
        try {
            assert.strictEqual(await describeTaskAttribute(ctx, "t-1"), undefined);
        } finally {
            stub.restore();
        }
    });
});
