import * as assert from "assert";
import type { TaskSnapshot } from "../../../provider/services/snapshot";
import { effectiveStatus } from "../../../provider/wait/status";
import { ResponseShapeError, toApiError } from "../../../provider/client/errors";
import { SAS_STATUS_TABLE, describeExportInfo, exportRecord, sasExportSource, sasSnapshotOf, startedExportOf } from "../../../provider/services/sas";
import { SERVICES, regionProblem } from "../../../provider/services/registry";
import { apiError, StubClient } from "../../support/clientStub";
import { SAS_SAMPLE } from "../../support/samples";

/** How a wait reads the snapshot's status (wait/status.ts). */
const statusOf = (s: TaskSnapshot) => effectiveStatus(s, { table: SAS_STATUS_TABLE });

const client = new StubClient();
const ctx = {
    client,
    region: "cn-hangzhou",
    credentials: { provider: { getCredentials: async () => ({ accessKeyId: "AK", accessKeySecret: "SK" }) }, source: "test", account: "AK" },
};

describe("services/sas: DescribeExportInfo mapping", () => {
    it("maps the documented sample", () => {
        const s = sasSnapshotOf(SAS_SAMPLE, "131231")!;
        assert.strictEqual(s.taskId, "131231");
        assert.strictEqual(statusOf(s), "succeeded");
        assert.strictEqual(s.rawStatus, "success");
        assert.strictEqual(s.progress, 16);
        assert.strictEqual(s.requestId, "CE500770-42D3-442E-9DDD-156E0F9F3B45");
        assert.deepStrictEqual(s.details, {
            downloadUrl: "http://www.aliyun.com",
            fileName: "health_check_export_20171123",
            currentCount: 20,
            totalCount: 100,
            message: "success",
        });
    });

    it("maps init, exporting and success in any case; an undocumented status keeps waiting", () => {
        assert.strictEqual(statusOf(sasSnapshotOf({ ...SAS_SAMPLE, ExportStatus: "INIT" }, "1")!), "pending");
        assert.strictEqual(statusOf(sasSnapshotOf({ ...SAS_SAMPLE, ExportStatus: "Exporting" }, "1")!), "running");
        assert.strictEqual(statusOf(sasSnapshotOf({ ...SAS_SAMPLE, ExportStatus: "SUCCESS" }, "1")!), "succeeded");
        assert.strictEqual(statusOf(sasSnapshotOf({ ...SAS_SAMPLE, ExportStatus: "failed" }, "1")!), "running", "no failure status is documented");
    });

    it("reads numbers sent as text, and a body that names no export as not visible", () => {
        const s = sasSnapshotOf({ ...SAS_SAMPLE, Progress: "42", Id: "131231", TotalCount: "7" }, "131231")!;
        assert.strictEqual(s.progress, 42);
        assert.strictEqual(s.details.totalCount, 7);
        assert.strictEqual(sasSnapshotOf({ RequestId: "R" }, "9"), undefined);
    });

    it("names the API and the field when the response shape changed", () => {
        assert.throws(
            () => sasSnapshotOf({ ...SAS_SAMPLE, ExportStatus: undefined }, "131231"),
            (e: unknown) => e instanceof ResponseShapeError && e.field === "ExportStatus" && /Security Center DescribeExportInfo/.test(e.message),
        );
        assert.throws(
            () => sasSnapshotOf({ ...SAS_SAMPLE, Progress: "most" }, "1"),
            (e: unknown) => e instanceof ResponseShapeError && e.field === "Progress",
        );
        assert.throws(
            () => startedExportOf({ RequestId: "R", FileName: "x" }),
            (e: unknown) => e instanceof ResponseShapeError && e.field === "Id" && /ExportRecord/.test(e.message),
        );
    });
});

describe("services/sas: calls and errors", () => {
    it("sends ExportId as an integer, version 2018-12-03, on the mainland endpoint for cn-hangzhou", async () => {
        const stub = client.answer(() => SAS_SAMPLE);
        try {
            const found = await sasExportSource(ctx).fetch(["131231"]);
            assert.ok(found.has("131231"));
            assert.deepStrictEqual(stub.calls[0].params, { ExportId: 131231 });
            assert.deepStrictEqual(
                [stub.calls[0].action, stub.calls[0].apiVersion, stub.calls[0].endpoint],
                ["DescribeExportInfo", "2018-12-03", "https://tds.cn-shanghai.aliyuncs.com"],
            );
        } finally {
            stub.restore();
        }
    });

    it("starts an export with ExportType, Lang and Params as JSON text", async () => {
        const stub = client.answer(() => ({ Id: 777, FileName: "vul_export", RequestId: "REQ-E" }));
        try {
            const started = await exportRecord(ctx, { exportType: "exportVul", lang: "en", params: '{"riskLevel":"high"}' });
            assert.deepStrictEqual(started, { exportId: "777", fileName: "vul_export", requestId: "REQ-E" });
            assert.deepStrictEqual(stub.calls[0].params, { ExportType: "exportVul", Lang: "en", Params: '{"riskLevel":"high"}' });
        } finally {
            stub.restore();
        }
    });

    it("classifies the documented errors: ServerError and RdCheckInnerError transient, NoPermission and RdCheckNoPermission permanent", async () => {
        /** The kind toApiError gives an error body with this code, answered with this HTTP status. */
        const classifyCode = (code: string, statusCode: number) => toApiError("ExportRecord", { data: { Code: code, Message: "m" }, statusCode }).kind;
        assert.strictEqual(classifyCode("ServerError", 500), "transient");
        assert.strictEqual(classifyCode("RdCheckInnerError", 500), "transient");
        assert.strictEqual(classifyCode("NoPermission", 403), "permanent");
        assert.strictEqual(classifyCode("RdCheckNoPermission", 400), "permanent");
        const stub = client.answer(() => {
            throw apiError("NoPermission", 403);
        });
        try {
            await assert.rejects(describeExportInfo(ctx, "1"), /NoPermission/);
        } finally {
            stub.restore();
        }
    });
});

describe("services/sas: endpoint rule", () => {
    it("uses the mainland endpoint for mainland China and Hong Kong (Alibaba's endpoint map), the international one otherwise", () => {
        for (const region of ["cn-hangzhou", "cn-beijing", "cn-shanghai-finance-1", "cn-hongkong"])
            assert.deepStrictEqual(SERVICES.sas.endpoint(region), { url: "https://tds.cn-shanghai.aliyuncs.com" }, region);
        for (const region of ["ap-southeast-1", "eu-central-1", "us-west-1"])
            assert.deepStrictEqual(SERVICES.sas.endpoint(region), { url: "https://tds.ap-southeast-1.aliyuncs.com" }, region);
        assert.strictEqual(regionProblem("sas", "us-west-1"), undefined);
    });
});
