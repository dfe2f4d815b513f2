/** Security Center exports: ExportRecord and DescribeExportInfo through the real RPC client. */
import { strict as assert } from "node:assert";
import type RPCClient = require("@alicloud/pop-core");
import { ManualClock, SIMULATOR_ACCESS_KEY, startSimulator, type Simulator } from "../../simulator";
import { expectApiError, plain, postJson, rawRequest, rpcClient, SAS_API_VERSION, signedQuery } from "./helpers";

interface ExportInfo {
    Link: string;
    Progress: number;
    RequestId: string;
    CurrentCount: number;
    Message: string;
    FileName: string;
    TotalCount: number;
    ExportStatus: string;
    Id: number;
}

const START = Date.UTC(2017, 10, 23, 9, 0, 0);

describe("simulator: Security Center exports", () => {
    let sim: Simulator;
    let clock: ManualClock;
    let client: RPCClient;

    const info = (exportId: string | number, extra: Record<string, unknown> = {}) =>
        client.request<ExportInfo>("DescribeExportInfo", { ExportId: exportId, ...extra }).then(plain);

    before(async () => {
        clock = new ManualClock(START);
        sim = await startSimulator({ clock });
        client = rpcClient(sim, SAS_API_VERSION);
    });
    after(() => sim.close());

    it("starts an export with ExportRecord and reports it init -> exporting -> success with a link", async () => {
        const created = plain(
            await client.request<{ FileName: string; Id: number; RequestId: string }>("ExportRecord", {
                ExportType: "health_check",
                Lang: "en",
                Params: '{"currentPage":1}',
            }),
        );
        assert.deepEqual(Object.keys(created), ["FileName", "Id", "RequestId"]);
        assert.ok(Number.isSafeInteger(created.Id) && created.Id > 0);
        assert.equal(created.FileName, "health_check_20171123");
        assert.deepEqual(sim.getTask(String(created.Id))?.details.params, '{"currentPage":1}');

        let i = await info(created.Id);
        assert.deepEqual(Object.keys(i), ["Link", "Progress", "RequestId", "CurrentCount", "Message", "FileName", "TotalCount", "ExportStatus", "Id"]);
        assert.deepEqual([i.ExportStatus, i.Progress, i.CurrentCount, i.TotalCount, i.Link, i.Message, i.Id], ["init", 0, 0, 100, "", "success", created.Id]);

        clock.advance(1_000 + 3_200);
        i = await info(String(created.Id));
        assert.deepEqual([i.ExportStatus, i.Progress, i.CurrentCount, i.Link], ["exporting", 16, 16, ""]);

        clock.advance(20_000);
        i = await info(created.Id);
        assert.deepEqual([i.ExportStatus, i.Progress, i.CurrentCount], ["success", 100, 100]);
        const link = new URL(i.Link);
        assert.equal(link.host, "sas-export-cn-shanghai.oss-cn-shanghai.aliyuncs.com");
        assert.match(link.pathname, new RegExp(`^/export/\\d+/health_check_20171123_${created.Id}\\.xlsx$`));
        assert.equal(link.searchParams.get("Expires"), String((START + 21_000 + 3600_000) / 1000));
        assert.ok(link.searchParams.get("OSSAccessKeyId") && link.searchParams.get("Signature"));
        assert.equal(link.searchParams.get("security-token"), null);
    });

    it("keeps a stuck export exporting forever, short of 100%", async () => {
        const task = sim.createTask({ service: "sas", durationMs: 10_000, outcome: "stuck", totalCount: 1000, fileName: "stalled" });
        assert.match(task.taskId, /^\d+$/);
        assert.equal(task.endsAt, null);
        clock.advance(5_000);
        assert.deepEqual([(await info(task.taskId)).Progress, (await info(task.taskId)).CurrentCount], [50, 500]);
        clock.advance(365 * 24 * 3600_000);
        const i = await info(task.taskId);
        assert.deepEqual([i.ExportStatus, i.Progress, i.CurrentCount, i.Link, i.FileName], ["exporting", 99, 990, "", "stalled"]);
    });

    it("validates ExportRecord and DescribeExportInfo parameters", async () => {
        assert.equal((await expectApiError(client.request("ExportRecord", {}))).code, "MissingParameter");
        assert.equal((await expectApiError(client.request("ExportRecord", { ExportType: "user", Params: "{not json" }))).code, "InvalidParameter");
        assert.equal((await expectApiError(client.request("ExportRecord", { ExportType: "user", Lang: "fr" }))).code, "InvalidParameter");
        // ExportFileType is required with a virus scan export, and kept.
        const noFileType = await expectApiError(client.request("ExportRecord", { ExportType: "virusScanExport" }));
        assert.deepEqual(
            [noFileType.code, noFileType.data.Message],
            ["MissingParameter", 'An input parameter "ExportFileType" that is mandatory for processing the request is not supplied.'],
        );
        const { Id } = await client.request<{ Id: number }>("ExportRecord", { ExportType: "virusScanExport", ExportFileType: "virusScanExport" });
        assert.equal(sim.getTask(String(Id))?.details.exportFileType, "virusScanExport");
        const missing = await expectApiError(client.request("DescribeExportInfo", {}));
        assert.equal(missing.code, "MissingParameter");
        assert.match(String(missing.data.Message), /"ExportId"/);
        assert.equal((await expectApiError(info("abc"))).code, "InvalidParameter");
        assert.equal((await expectApiError(info(424242424242))).code, "InvalidExportId.NotFound");
    });

    it("answers the documented errors: NoPermission (403), ServerError (500) and RdCheckNoPermission (400)", async () => {
        const denied = sim.createTask({ service: "sas", durationMs: 1, outcome: "success", failWith: "NoPermission" });
        const broken = sim.createTask({ service: "sas", durationMs: 1, outcome: "success", failWith: "ServerError" });
        const member = sim.createTask({ service: "sas", durationMs: 1, outcome: "success", rdAccountIds: ["1667036095612345"] });
        let err = await expectApiError(info(denied.taskId));
        assert.deepEqual([err.code, err.data.Message], ["NoPermission", "caller has no permission"]);
        err = await expectApiError(info(broken.taskId));
        assert.equal(err.code, "ServerError");
        err = await expectApiError(info(member.taskId, { ResourceDirectoryAccountId: "1667036095699999" }));
        assert.deepEqual([err.code, err.data.Message], ["RdCheckNoPermission", "Resource directory account verification has no permission."]);
        assert.equal((await info(member.taskId, { ResourceDirectoryAccountId: "1667036095612345" })).Id, Number(member.taskId));
        assert.equal((await info(member.taskId)).Id, Number(member.taskId));

        const statuses: Array<[string, number]> = [
            [denied.taskId, 403],
            [broken.taskId, 500],
        ];
        for (const [id, status] of statuses) {
            const query = signedQuery("GET", { Action: "DescribeExportInfo", Version: SAS_API_VERSION, ExportId: id }, SIMULATOR_ACCESS_KEY);
            assert.equal((await rawRequest(sim.url, "/?" + query)).status, status);
        }
    });

    it("can refuse every Sas call with NoPermission through a fault rule", async () => {
        const task = sim.createTask({ service: "sas", durationMs: 1, outcome: "success" });
        const rule = sim.faults.add({ service: "sas", fault: { kind: "error", status: 403, code: "NoPermission", message: "caller has no permission" } });
        assert.equal((await expectApiError(info(task.taskId))).code, "NoPermission");
        assert.equal((await expectApiError(client.request("ExportRecord", { ExportType: "user" }))).code, "NoPermission");
        sim.faults.remove(rule.id);
        assert.equal((await info(task.taskId)).Id, Number(task.taskId));
    });

    it("takes integer task ids only, over the control API too", async () => {
        assert.equal((await postJson(sim.url, "/__sim/tasks", { service: "sas", taskId: "777", durationMs: 1, outcome: "success" })).status, 201);
        assert.equal((await info(777)).Id, 777);
        for (const taskId of ["t-abc", "0777", "1.5"]) {
            assert.equal((await postJson(sim.url, "/__sim/tasks", { service: "sas", taskId, durationMs: 1, outcome: "success" })).status, 400, taskId);
        }
        assert.equal((await postJson(sim.url, "/__sim/tasks", { service: "sas", durationMs: 1, outcome: "failed" })).status, 400);
        assert.equal((await postJson(sim.url, "/__sim/tasks", { service: "sas", region: "eu-west-1", durationMs: 1, outcome: "success" })).status, 400);
    });
});
