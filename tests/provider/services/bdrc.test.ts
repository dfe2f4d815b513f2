import * as assert from "assert";
import type { TaskSnapshot } from "../../../provider/services/snapshot";
import { effectiveStatus } from "../../../provider/wait/status";
import { ApiError, ResponseShapeError } from "../../../provider/client/errors";
import { BDRC_STATUS_TABLE, bdrcSnapshotOf, bdrcTaskSource, describeBdrcTask, parseJsonText, unixSecondsToIso } from "../../../provider/services/bdrc";
import { SERVICES, regionProblem } from "../../../provider/services/registry";
import { apiError, StubClient } from "../../support/clientStub";
import { BDRC_SAMPLE } from "../../support/samples";

/** How a wait reads the snapshot's status (wait/status.ts). */
const statusOf = (s: TaskSnapshot) => effectiveStatus(s, { table: BDRC_STATUS_TABLE });

function withData(data: Record<string, unknown>): unknown {
    return { ...BDRC_SAMPLE, Data: { ...BDRC_SAMPLE.Data, ...data } };
}

const client = new StubClient();
const ctx = {
    client,
    region: "cn-shanghai",
    credentials: { provider: { getCredentials: async () => ({ accessKeyId: "AK", accessKeySecret: "SK" }) }, source: "test", account: "AK" },
};

describe("services/bdrc: DescribeTask mapping", () => {
    it("maps the documented sample: status, progress on the 0..10000 scale, times, parsed JSON", () => {
        const s = bdrcSnapshotOf(BDRC_SAMPLE);
        assert.strictEqual(s.taskId, "t-xxxxxxxx");
        assert.strictEqual(statusOf(s), "running");
        assert.strictEqual(s.rawStatus, "RUNNING");
        assert.strictEqual(s.progress, 1, "100 on the documented 0..10000 scale is 1%");
        assert.strictEqual(s.requestId, "14DFF801-A4E3-5136-AAB8-7D246012CD7A");
        assert.strictEqual(s.errorMessage, "too many requests.");
        assert.strictEqual(s.details.taskType, "UPDATE_RESOURCES");
        assert.strictEqual(s.details.taskName, "test5566");
        assert.strictEqual(s.details.startedAt, "2024-08-30T02:12:07.000Z");
        assert.strictEqual(s.details.completedAt, "2024-08-30T02:12:07.000Z");
        assert.deepStrictEqual(s.details.result, {
            resourceCounts: [
                { resourceType: "ACS::OSS::Bucket", count: 2 },
                { resourceType: "ACS::NAS::FileSystem", count: 3 },
            ],
        });
        assert.deepStrictEqual(s.details.detail, { resourceTypes: ["ACS::ECS::Instance", "ACS::OSS::Bucket", "ACS::OTS::Instance", "ACS::NAS::FileSystem"] });
    });

    it("maps every documented status, in any case, with both spellings of cancelled", () => {
        const cases: [string, string][] = [
            ["CREATED", "pending"],
            ["running", "running"],
            ["Complete", "succeeded"],
            ["FAILED", "failed"],
            ["expired", "expired"],
            ["CANCELED", "cancelled"],
            ["Cancelled", "cancelled"],
        ];
        for (const [raw, status] of cases) assert.strictEqual(statusOf(bdrcSnapshotOf(withData({ TaskStatus: raw }))), status, raw);
    });

    it("scales progress from 0..10000 to 0..100 and clamps it; a missing progress stays unset", () => {
        assert.strictEqual(bdrcSnapshotOf(withData({ Progress: 10000 })).progress, 100);
        assert.strictEqual(bdrcSnapshotOf(withData({ Progress: 2550 })).progress, 25.5);
        assert.strictEqual(bdrcSnapshotOf(withData({ Progress: "5000" })).progress, 50);
        assert.strictEqual(bdrcSnapshotOf(withData({ Progress: 20000 })).progress, 100);
        assert.strictEqual(bdrcSnapshotOf(withData({ Progress: undefined })).progress, undefined);
    });

    it("keeps TaskResult and TaskDetail as raw text when they are not JSON, and drops empty ones", () => {
        const s = bdrcSnapshotOf(withData({ TaskResult: "3 resources updated", TaskDetail: "" }));
        assert.strictEqual(s.details.result, "3 resources updated");
        assert.strictEqual(s.details.detail, undefined);
        assert.strictEqual(parseJsonText("{broken"), "{broken");
        assert.deepStrictEqual(parseJsonText("[1,2]"), [1, 2]);
        assert.strictEqual(parseJsonText(null), undefined);
    });

    it("reads times as Unix seconds; 0 and null mean not set", () => {
        assert.strictEqual(unixSecondsToIso(0), undefined);
        assert.strictEqual(unixSecondsToIso(null), undefined);
        assert.strictEqual(unixSecondsToIso(1700000000), "2023-11-14T22:13:20.000Z");
        assert.strictEqual(unixSecondsToIso(1700000000123), "2023-11-14T22:13:20.123Z", "milliseconds are recognised, not read as year 55000");
        const s = bdrcSnapshotOf(withData({ StartTime: null, CompleteTime: 0 }));
        assert.strictEqual(s.details.startedAt, undefined);
        assert.strictEqual(s.details.completedAt, undefined);
    });

    it("names the API and the field when the response shape changed", () => {
        assert.throws(
            () => bdrcSnapshotOf(withData({ TaskStatus: undefined })),
            (e: unknown) =>
                e instanceof ResponseShapeError && e.field === "Data.TaskStatus" && /BDRC DescribeTask/.test(e.message) && /missing/.test(e.message),
        );
        assert.throws(
            () => bdrcSnapshotOf({ RequestId: "R" }),
            (e: unknown) => e instanceof ResponseShapeError && e.field === "Data",
        );
        assert.throws(
            () => bdrcSnapshotOf(withData({ Progress: "lots" })),
            (e: unknown) => e instanceof ResponseShapeError && e.field === "Data.Progress",
        );
    });
});

describe("services/bdrc: calls", () => {
    it("GETs /api/v1/tasks/{TaskId} with version 2023-08-08 on the regional endpoint", async () => {
        const stub = client.answer(() => BDRC_SAMPLE);
        try {
            const s = await describeBdrcTask(ctx, "t-abc123");
            assert.strictEqual(s?.taskId, "t-xxxxxxxx");
            assert.deepStrictEqual(
                stub.calls.map((c) => [c.style, c.action, c.path, c.endpoint, c.apiVersion]),
                [["roa", "GET", "/api/v1/tasks/t-abc123", "https://bdrc.cn-shanghai.aliyuncs.com", "2023-08-08"]],
            );
        } finally {
            stub.restore();
        }
    });

    it("reads a 404 or a task-not-found code as not visible, never as a failure; other errors stay errors", async () => {
        for (const error of [apiError("InvalidTaskId.NotFound", 404), apiError("TaskNotExist", 400), apiError("Whatever", 404)]) {
            const stub = client.answer(() => {
                throw error;
            });
            try {
                const found = await bdrcTaskSource(ctx).fetch(["t-gone1"]);
                assert.strictEqual(found.size, 0, error.code);
            } finally {
                stub.restore();
            }
        }
        const stub = client.answer(() => {
            throw apiError("InvalidAccessKeyId.NotFound", 404);
        });
        try {
            await assert.rejects(describeBdrcTask(ctx, "t-abc123"), /InvalidAccessKeyId.NotFound/);
        } finally {
            stub.restore();
        }
    });

    it("asks for a lone id with DescribeTask, keyed by the id asked for", async () => {
        const stub = client.answer((c) => withData({ TaskId: c.path!.split("/").pop() }));
        try {
            const found = await bdrcTaskSource(ctx).fetch(["t-one111"]);
            assert.deepStrictEqual([...found.keys()], ["t-one111"]);
            assert.deepStrictEqual(
                stub.calls.map((c) => c.path),
                ["/api/v1/tasks/t-one111"],
            );
        } finally {
            stub.restore();
        }
    });

    it("serves concurrent ids from DescribeTasks pages, and asks for an id not listed with DescribeTask", async () => {
        const listed = ["t-new333", "t-one111", "t-other9"].map((id) => ({ ...BDRC_SAMPLE.Data, TaskId: id }));
        const stub = client.answer((c) =>
            c.path === "/api/v1/tasks"
                ? { RequestId: "R", Data: { Content: listed, MaxResults: 10, NextToken: "" } }
                : withData({ TaskId: c.path!.split("/").pop() }),
        );
        try {
            const source = bdrcTaskSource(ctx);
            const found = await source.fetch(["t-one111", "t-old222", "t-new333"]);
            assert.deepStrictEqual([...found.keys()].sort(), ["t-new333", "t-old222", "t-one111"]);
            // one page (as large as the API allows), then the id the page did not show
            assert.deepStrictEqual(
                stub.calls.map((c) => [c.path, c.params.MaxResults]),
                [
                    ["/api/v1/tasks", "500"],
                    ["/api/v1/tasks/t-old222", undefined],
                ],
            );
            assert.strictEqual(found.get("t-new333")?.rawStatus, "RUNNING");
        } finally {
            stub.restore();
        }
    });

    it("follows NextToken while ids are missing, up to one page more than the ids could fill", async () => {
        const page = (ids: string[], next: string) => ({
            RequestId: "R",
            Data: { Content: ids.map((id) => ({ ...BDRC_SAMPLE.Data, TaskId: id })), NextToken: next },
        });
        const ids = Array.from({ length: 300 }, (_, i) => `t-${String(i).padStart(6, "0")}`);
        const stub = client.answer((c) => {
            if (c.path !== "/api/v1/tasks") return withData({ TaskId: c.path!.split("/").pop() });
            return c.params.NextToken === "p2" ? page(ids.slice(250, 299), "p3") : page(ids.slice(0, 250), "p2");
        });
        try {
            const found = await bdrcTaskSource(ctx).fetch(ids);
            assert.strictEqual(found.size, 300);
            const lists = stub.calls.filter((c) => c.path === "/api/v1/tasks");
            assert.deepStrictEqual(
                lists.map((c) => [c.params.MaxResults, c.params.NextToken]),
                [
                    ["500", undefined],
                    ["500", "p2"],
                ],
                "no more than one page beyond what 300 ids fill, though the list goes on",
            );
            assert.deepStrictEqual(
                stub.calls.filter((c) => c.path !== "/api/v1/tasks").map((c) => c.path),
                ["/api/v1/tasks/t-000299"],
            );
        } finally {
            stub.restore();
        }
    });
});

describe("services/bdrc: endpoint rule", () => {
    it("has an endpoint only in cn-shanghai, ap-southeast-1 and cn-shanghai-finance-1", () => {
        for (const region of ["cn-shanghai", "ap-southeast-1", "cn-shanghai-finance-1"])
            assert.deepStrictEqual(SERVICES.bdrc.endpoint(region), { url: `https://bdrc.${region}.aliyuncs.com` });
        assert.match(regionProblem("bdrc", "cn-hangzhou")!, /offered only in cn-shanghai, ap-southeast-1, cn-shanghai-finance-1: "cn-hangzhou"/);
        assert.strictEqual(regionProblem("bdrc", "ap-southeast-1"), undefined);
    });

    it("lets an endpoint override serve every region", async () => {
        assert.strictEqual(regionProblem("bdrc", "eu-central-1", "http://127.0.0.1:9000"), undefined);
        const stub = client.answer(() => BDRC_SAMPLE);
        try {
            await describeBdrcTask({ ...ctx, region: "eu-central-1", endpointOverride: "http://127.0.0.1:9000/" }, "t-abc123");
            assert.strictEqual(stub.calls[0].endpoint, "http://127.0.0.1:9000");
            await assert.rejects(
                describeBdrcTask({ ...ctx, region: "eu-central-1" }, "t-abc123"),
                (e: unknown) => e instanceof ApiError && e.code === "UnsupportedRegion" && /offered only in/.test(e.message),
            );
        } finally {
            stub.restore();
        }
    });
});
