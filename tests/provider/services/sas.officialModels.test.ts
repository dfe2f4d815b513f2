// Security Center's parsers on answers built from the official SDK models (tests/support/officialModels.ts).
import * as assert from "assert";
import { sasSnapshotOf, startedExportOf } from "../../../provider/services/sas";
import { SAS_DESCRIBE_EXPORT_INFO, SAS_EXPORT_RECORD, full, shapeError } from "../../support/officialModels";

describe("services/sas: official models, every field, and only the required ones, parse", () => {
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
});
