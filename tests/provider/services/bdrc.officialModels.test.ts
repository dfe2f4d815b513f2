// bdrc's parser on answers built from the official SDK models (tests/support/officialModels.ts).
import * as assert from "assert";
import { bdrcSnapshotOf } from "../../../provider/services/bdrc";
import { BDRC_DESCRIBE_TASK, full, shapeError } from "../../support/officialModels";

describe("services/bdrc: official models, every field, and only the required ones, parse", () => {
    it("bdrc DescribeTask", () => {
        assert.strictEqual(bdrcSnapshotOf(full(BDRC_DESCRIBE_TASK, { TaskStatus: "RUNNING", Progress: 5000 })).progress, 50);
        const minimal = bdrcSnapshotOf({ Data: { TaskStatus: "COMPLETE" } }, "BDRC DescribeTask", "t-9");
        assert.deepStrictEqual([minimal.taskId, minimal.rawStatus, minimal.requestId], ["t-9", "COMPLETE", undefined]);
        shapeError(() => bdrcSnapshotOf({ Data: {} }), "Data.TaskStatus");
    });
});
