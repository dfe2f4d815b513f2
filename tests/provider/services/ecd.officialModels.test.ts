// ECD's parsers on answers built from the official SDK models (tests/support/officialModels.ts).
import * as assert from "assert";
import { createdTaskOf, ecdSnapshotsOf } from "../../../provider/services/ecd";
import { ECD_CREATE_REPORT_TASK, ECD_DESCRIBE_REPORT_TASKS, full, shapeError } from "../../support/officialModels";

describe("services/ecd: official models, every field, and only the required ones, parse", () => {
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
});
