/** DescribeTasks: paging, ordering and every filter, through the real client. */
import { strict as assert } from "node:assert";
import type RPCClient = require("@alicloud/pop-core");
import { ManualClock, startSimulator, type Simulator, type SimTaskView } from "../../simulator";
import { ecsClient, expectApiError } from "./helpers";

interface DescribeTasksResponse {
    PageSize: number;
    PageNumber: number;
    RequestId: string;
    TotalCount: number;
    RegionId: string;
    TaskSet: {
        Task: Array<{
            CreationTime: string;
            TaskStatus: string;
            FinishedTime: string;
            SupportCancel: string;
            TaskId: string;
            TaskAction: string;
            ResourceId: string;
        }>;
    };
}

const START = Date.UTC(2024, 2, 1, 0, 0, 0);
const MINUTE = 60_000;

describe("simulator: ECS DescribeTasks", () => {
    let sim: Simulator;
    let clock: ManualClock;
    let client: RPCClient;
    /** Oldest first: 25 tasks in cn-hangzhou, one created per minute. */
    const created: SimTaskView[] = [];

    const describe_ = (params: Record<string, unknown> = {}) => client.request<DescribeTasksResponse>("DescribeTasks", { RegionId: "cn-hangzhou", ...params });
    const ids = (res: DescribeTasksResponse) => res.TaskSet.Task.map((t) => t.TaskId);
    const newestFirst = (tasks: SimTaskView[]) => [...tasks].reverse().map((t) => t.taskId);

    before(async () => {
        clock = new ManualClock(START);
        sim = await startSimulator({ clock });
        client = ecsClient(sim);
        const actions = ["ImportImage", "ExportImage", "RedeployInstance", "ModifyDiskSpec"] as const;
        for (let i = 0; i < 25; i++) {
            // Every 5th fails, every 5th+1 is still running at the end, the rest finish; one is queued.
            const outcome = i % 5 === 0 ? "failed" : "success";
            const durationMs = i % 5 === 1 ? 24 * 60 * MINUTE : MINUTE / 2;
            const queuedMs = i === 24 ? 10 * MINUTE : 0;
            created.push(sim.createTask({ service: "ecs", action: actions[i % 4], durationMs, queuedMs, outcome }));
            clock.advance(MINUTE);
        }
        sim.createTask({ service: "ecs", action: "ImportImage", region: "cn-shanghai", durationMs: 1, outcome: "success" });
    });
    after(() => sim.close());

    it("pages 10 at a time by default, newest first, within the region", async () => {
        const res = await describe_();
        assert.equal(res.PageSize, 10);
        assert.equal(res.PageNumber, 1);
        assert.equal(res.TotalCount, 25);
        assert.equal(res.RegionId, "cn-hangzhou");
        assert.deepEqual(ids(res), newestFirst(created).slice(0, 10));
        const task = res.TaskSet.Task[0];
        assert.deepEqual(Object.keys(task).sort(), ["CreationTime", "FinishedTime", "ResourceId", "SupportCancel", "TaskAction", "TaskId", "TaskStatus"]);
        assert.equal(task.TaskStatus, "Waiting");
        assert.equal(task.SupportCancel, "true");
    });

    it("honours PageNumber and PageSize", async () => {
        const page3 = await describe_({ PageNumber: 3 });
        assert.equal(page3.PageNumber, 3);
        assert.deepEqual(ids(page3), newestFirst(created).slice(20, 25));
        const big = await describe_({ PageSize: 100 });
        assert.equal(big.TaskSet.Task.length, 25);
        const beyond = await describe_({ PageNumber: 9, PageSize: 5 });
        assert.deepEqual([beyond.TotalCount, beyond.TaskSet.Task.length], [25, 0]);
        for (const bad of [{ PageSize: 0 }, { PageSize: 101 }, { PageNumber: 0 }, { PageSize: "ten" }]) {
            const err = await expectApiError(describe_(bad));
            assert.equal(err.code, "InvalidParameter", JSON.stringify(bad));
        }
    });

    it("filters by TaskIds, up to 100 of them", async () => {
        const wanted = [created[3].taskId, created[17].taskId, "t-unknown"];
        const res = await describe_({ TaskIds: wanted.join(",") });
        assert.deepEqual(ids(res), [created[17].taskId, created[3].taskId]);
        const hundred = Array.from({ length: 100 }, (_, i) => (i === 0 ? created[0].taskId : `t-x${i}`));
        assert.equal((await describe_({ TaskIds: hundred.join(",") })).TotalCount, 1);
        const err = await expectApiError(describe_({ TaskIds: [...hundred, "t-one-too-many"].join(",") }));
        assert.equal(err.code, "InvalidParameter");
    });

    it("filters by TaskAction", async () => {
        const res = await describe_({ TaskAction: "ExportImage", PageSize: 100 });
        assert.deepEqual(ids(res), newestFirst(created.filter((t) => t.action === "ExportImage")));
        assert.ok(res.TaskSet.Task.every((t) => t.TaskAction === "ExportImage"));
    });

    it("filters by TaskStatus Finished, Processing and Failed, and ignores other values", async () => {
        const count = async (status: string) => (await describe_({ TaskStatus: status, PageSize: 100 })).TaskSet.Task;
        const failed = await count("Failed");
        assert.deepEqual(
            failed.map((t) => t.TaskId),
            newestFirst(created.filter((_, i) => i % 5 === 0)),
        );
        const processing = await count("Processing");
        assert.deepEqual(
            processing.map((t) => t.TaskId),
            newestFirst(created.filter((_, i) => i % 5 === 1)),
        );
        assert.ok(processing.every((t) => t.FinishedTime === ""));
        const finished = await count("Finished");
        assert.equal(finished.length, 25 - 5 - 5 - 1);
        assert.ok(finished.every((t) => t.TaskStatus === "Finished" && t.FinishedTime !== ""));
        assert.equal((await count("Waiting")).length, 25);
        assert.equal((await count("Bogus")).length, 25);
    });

    it("filters by ResourceIds.N (pop-core flattens an array), N up to 100", async () => {
        const res = await describe_({ ResourceIds: [created[2].resourceId, created[8].resourceId] });
        assert.deepEqual(ids(res), [created[8].taskId, created[2].taskId]);
        const err = await expectApiError(describe_({ "ResourceIds.101": created[2].resourceId }));
        assert.equal(err.code, "InvalidParameter");
        assert.equal((await describe_({ "ResourceIds.100": created[2].resourceId })).TotalCount, 1);
    });

    it("filters by creation time with StartTime and EndTime", async () => {
        const at = (minute: number) => new Date(START + minute * MINUTE).toISOString().replace(/\.\d{3}Z$/, "Z");
        const res = await describe_({ StartTime: at(5), EndTime: at(9), PageSize: 100 });
        assert.deepEqual(ids(res), newestFirst(created.slice(5, 10)));
        assert.equal((await describe_({ StartTime: at(20), PageSize: 100 })).TotalCount, 5);
        assert.equal((await describe_({ EndTime: at(0) })).TotalCount, 1);
        const err = await expectApiError(describe_({ StartTime: "yesterday" }));
        assert.equal(err.code, "InvalidParameter");
    });

    it("lists nothing for a TaskGroupId, whatever the other filters: no simulated task is in a task group", async () => {
        assert.deepEqual(await describe_({ TaskGroupId: "g-2ze2op2grqpclwu7abcd", PageSize: 100 }).then((r) => [r.TotalCount, ids(r)]), [0, []]);
    });

    it("combines filters", async () => {
        const res = await describe_({ TaskAction: "ImportImage", TaskStatus: "Failed", PageSize: 100 });
        const expected = created.filter((t, i) => t.action === "ImportImage" && i % 5 === 0);
        assert.deepEqual(ids(res), newestFirst(expected));
    });

    it("keeps regions apart and rejects missing or unknown regions", async () => {
        const shanghai = await describe_({ RegionId: "cn-shanghai" });
        assert.equal(shanghai.TotalCount, 1);
        assert.equal(shanghai.RegionId, "cn-shanghai");
        assert.equal((await describe_({ RegionId: "eu-central-1" })).TotalCount, 0);
        let err = await expectApiError(client.request("DescribeTasks", {}));
        assert.equal(err.code, "MissingParameter");
        assert.equal(err.data.Message, 'An input parameter "RegionId" that is mandatory for processing the request is not supplied.');
        err = await expectApiError(describe_({ RegionId: "cn-atlantis" }));
        assert.equal(err.code, "InvalidRegionId.NotFound");
    });
});
