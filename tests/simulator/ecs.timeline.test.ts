/** A task's life as ECS reports it, stepped through with a manual clock and the real client. */
import { strict as assert } from "node:assert";
import type RPCClient = require("@alicloud/pop-core");
import { formatEcsTime, ManualClock, startSimulator, type Simulator } from "../../simulator";
import { ecsClient, expectApiError, plain } from "./helpers";

interface OperationProgress {
    ErrorMsg: string;
    ErrorCode: string;
    OperationStatus: string;
    RelatedItemSet: { RelatedItem: Array<{ Name: string; Value: string }> };
}

interface TaskAttribute {
    CreationTime: string;
    SupportCancel: string;
    TotalCount: number;
    SuccessCount: number;
    RegionId: string;
    TaskAction: string;
    FailedCount: number;
    RequestId: string;
    TaskStatus: string;
    TaskProcess: string;
    FinishedTime: string;
    TaskId: string;
    OperationProgressSet: { OperationProgress: OperationProgress[] };
}

interface TaskSummary {
    TaskId: string;
    TaskStatus: string;
    FinishedTime: string;
}

const START = Date.UTC(2024, 0, 15, 8, 0, 0);

describe("simulator: ECS task timelines", () => {
    let sim: Simulator;
    let clock: ManualClock;
    let client: RPCClient;

    const attribute = (taskId: string, regionId = "cn-hangzhou") =>
        client.request<TaskAttribute>("DescribeTaskAttribute", { RegionId: regionId, TaskId: taskId }).then(plain);
    const listed = async (taskId: string) => {
        const res = await client.request<{ TaskSet: { Task: TaskSummary[] } }>("DescribeTasks", { RegionId: "cn-hangzhou", TaskIds: taskId });
        assert.equal(res.TaskSet.Task.length, 1);
        return res.TaskSet.Task[0];
    };

    before(async () => {
        clock = new ManualClock(START);
        sim = await startSimulator({ clock });
        client = ecsClient(sim);
    });
    after(() => sim.close());

    it("goes Waiting -> Processing with rising progress -> Finished", async () => {
        const task = sim.createTask({ service: "ecs", action: "ImportImage", queuedMs: 10_000, durationMs: 100_000, outcome: "success" });
        assert.match(task.taskId, /^t-[a-z0-9]{20}$/);
        assert.match(task.resourceId, /^m-[a-z0-9]{20}$/);

        let a = await attribute(task.taskId);
        assert.equal(a.TaskStatus, "Waiting");
        assert.equal(a.TaskProcess, "0%");
        assert.equal(a.FinishedTime, "");
        assert.equal(a.CreationTime, "2024-01-15T08:00Z");
        assert.deepEqual([a.TotalCount, a.SuccessCount, a.FailedCount], [1, 0, 0]);
        assert.equal(a.OperationProgressSet.OperationProgress[0].OperationStatus, "Waiting");
        assert.equal((await listed(task.taskId)).TaskStatus, "Waiting");

        clock.advance(10_000);
        a = await attribute(task.taskId);
        assert.equal(a.TaskStatus, "Processing");
        assert.equal(a.TaskProcess, "0%");

        const seen: number[] = [];
        for (const step of [25_000, 50_000, 24_999]) {
            clock.advance(step);
            a = await attribute(task.taskId);
            assert.equal(a.TaskStatus, "Processing");
            assert.equal(a.FinishedTime, "");
            seen.push(Number(a.TaskProcess.replace("%", "")));
        }
        assert.deepEqual(seen, [25, 75, 99]);
        assert.equal((await listed(task.taskId)).TaskStatus, "Processing");

        clock.advance(1);
        a = await attribute(task.taskId);
        assert.equal(a.TaskStatus, "Finished");
        assert.equal(a.TaskProcess, "100%");
        assert.equal(a.FinishedTime, formatEcsTime(START + 110_000));
        assert.equal(a.FinishedTime, "2024-01-15T08:01Z");
        assert.deepEqual([a.TotalCount, a.SuccessCount, a.FailedCount], [1, 1, 0]);
        assert.equal(a.SupportCancel, "true");
        assert.equal(a.TaskAction, "ImportImage");
        assert.equal(a.RegionId, "cn-hangzhou");
        assert.equal(a.TaskId, task.taskId);
        assert.match(a.RequestId, /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
        assert.deepEqual(a.OperationProgressSet.OperationProgress, [
            { ErrorMsg: "", ErrorCode: "", OperationStatus: "Success", RelatedItemSet: { RelatedItem: [{ Name: "ImageId", Value: task.resourceId }] } },
        ]);
        const summary = await listed(task.taskId);
        assert.equal(summary.TaskStatus, "Finished");
        assert.equal(summary.FinishedTime, "2024-01-15T08:01Z");
        assert.equal(sim.getTask(task.taskId)?.phase, "succeeded");
    });

    it("ends Failed with every operation failed and the default error", async () => {
        const task = sim.createTask({ service: "ecs", action: "ImportImage", durationMs: 1_000, outcome: "failed", operations: 2, supportCancel: false });
        clock.advance(500);
        assert.equal((await attribute(task.taskId)).TaskStatus, "Processing");
        clock.advance(500);
        const a = await attribute(task.taskId);
        assert.equal(a.TaskStatus, "Failed");
        assert.equal(a.SupportCancel, "false");
        assert.notEqual(a.FinishedTime, "");
        assert.deepEqual([a.TotalCount, a.SuccessCount, a.FailedCount], [2, 0, 2]);
        for (const op of a.OperationProgressSet.OperationProgress) {
            assert.equal(op.OperationStatus, "Failed");
            assert.equal(op.ErrorCode, "ImportImage.InvalidImageFormat");
            assert.equal(op.ErrorMsg, "The image format is not supported.");
        }
        assert.equal((await listed(task.taskId)).TaskStatus, "Failed");
    });

    it("ends Finished with failed operations for a partial outcome", async () => {
        const task = sim.createTask({
            service: "ecs",
            action: "ModifyDiskSpec",
            durationMs: 2_000,
            outcome: "partial",
            operations: 3,
            failedOperations: 2,
            errorCode: "InvalidDiskCategory.NotSupported",
            errorMsg: "The disk category is not supported.",
        });
        assert.match(task.resourceId, /^d-/);
        clock.advance(2_000);
        const a = await attribute(task.taskId);
        assert.equal(a.TaskStatus, "Finished");
        assert.equal(a.TaskProcess, "100%");
        assert.deepEqual([a.TotalCount, a.SuccessCount, a.FailedCount], [3, 1, 2]);
        const ops = a.OperationProgressSet.OperationProgress;
        assert.deepEqual(
            ops.map((o) => o.OperationStatus),
            ["Success", "Failed", "Failed"],
        );
        assert.deepEqual(
            ops.map((o) => o.ErrorCode),
            ["", "InvalidDiskCategory.NotSupported", "InvalidDiskCategory.NotSupported"],
        );
        assert.equal(ops[1].ErrorMsg, "The disk category is not supported.");
        assert.deepEqual(ops[0].RelatedItemSet.RelatedItem, [{ Name: "DiskId", Value: task.resourceId }]);
        assert.equal((await listed(task.taskId)).TaskStatus, "Finished");
    });

    it("names the exported OSS object once an ExportImage succeeds", async () => {
        const task = sim.createTask({ service: "ecs", action: "ExportImage", durationMs: 60_000, outcome: "success", resourceId: "m-exportme" });
        assert.deepEqual((await attribute(task.taskId)).OperationProgressSet.OperationProgress[0].RelatedItemSet.RelatedItem, []);
        clock.advance(60_000);
        const items = (await attribute(task.taskId)).OperationProgressSet.OperationProgress[0].RelatedItemSet.RelatedItem;
        assert.deepEqual(items, [{ Name: "OSSObject", Value: `EXPORT_m-exportme_${task.taskId}.vhd` }]);
    });

    it("runs ArchiveSnapshot tasks, the fifth TaskAction of the SDK model, on a snapshot", async () => {
        const task = sim.createTask({ service: "ecs", action: "ArchiveSnapshot", durationMs: 60_000, outcome: "success" });
        assert.match(task.resourceId, /^s-/);
        clock.advance(60_000);
        const a = await attribute(task.taskId);
        assert.deepEqual([a.TaskAction, a.TaskStatus], ["ArchiveSnapshot", "Finished"]);
        assert.deepEqual(a.OperationProgressSet.OperationProgress[0].RelatedItemSet.RelatedItem, [{ Name: "SnapshotId", Value: task.resourceId }]);
        const listed = await ecsClient(sim).request<{ TaskSet: { Task: Array<{ TaskId: string }> } }>("DescribeTasks", {
            RegionId: "cn-hangzhou",
            TaskAction: "ArchiveSnapshot",
        });
        assert.deepEqual(
            listed.TaskSet.Task.map((t) => t.TaskId),
            [task.taskId],
        );
    });

    it("finishes at once with durationMs 0", async () => {
        const task = sim.createTask({ service: "ecs", action: "RedeployInstance", durationMs: 0, outcome: "success" });
        assert.match(task.resourceId, /^i-/);
        assert.equal((await attribute(task.taskId)).TaskStatus, "Finished");
    });

    it("answers InvalidTaskId.NotFound for an unknown task or one in another region", async () => {
        const task = sim.createTask({ service: "ecs", action: "ImportImage", region: "cn-beijing", durationMs: 1, outcome: "success" });
        for (const [taskId, region] of [
            ["t-doesnotexist", "cn-hangzhou"],
            [task.taskId, "cn-hangzhou"],
        ]) {
            const err = await expectApiError(attribute(taskId, region));
            assert.equal(err.code, "InvalidTaskId.NotFound");
            assert.equal(err.data.Message, 'The specified "TaskId" is not found.');
        }
        assert.equal((await attribute(task.taskId, "cn-beijing")).TaskId, task.taskId);
    });

    it("requires RegionId and TaskId and knows the real regions", async () => {
        let err = await expectApiError(client.request("DescribeTaskAttribute", { TaskId: "t-1" }));
        assert.equal(err.code, "MissingParameter");
        assert.equal(err.data.Message, 'An input parameter "RegionId" that is mandatory for processing the request is not supplied.');
        err = await expectApiError(client.request("DescribeTaskAttribute", { RegionId: "cn-hangzhou" }));
        assert.equal(err.code, "MissingParameter");
        assert.equal(err.data.Message, 'An input parameter "TaskId" that is mandatory for processing the request is not supplied.');
        err = await expectApiError(client.request("DescribeTaskAttribute", { RegionId: "mars-north-1", TaskId: "t-1" }));
        assert.equal(err.code, "InvalidRegionId.NotFound");
        assert.equal(err.data.Message, "The specified RegionId does not exist.");
    });
});
