/** bdrc DescribeTask (ROA): every timeline and the NotFound error, through pop-core's ROAClient. */
import { strict as assert } from "node:assert";
import { ManualClock, startSimulator, type Simulator } from "../../simulator";
import { bdrcClient, describeBdrcTask, expectRoaError, plain, postJson, type RoaClient } from "./helpers";

interface BdrcTask {
    TaskId: string;
    TaskName: string;
    TaskDescription: string;
    TaskType: string;
    TaskPriority: string;
    RequestId: string;
    TaskDetail: string;
    ExecutionId: string;
    Progress: number;
    TaskStatus: string;
    ErrorMessage: string;
    StartTime: number;
    CompleteTime: number;
    ExpireTime: number;
    TaskResult: string;
}

const START = Date.UTC(2024, 7, 30, 2, 12, 7);
const seconds = (ms: number) => Math.floor(ms / 1000);
const UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

describe("simulator: bdrc DescribeTask", () => {
    let sim: Simulator;
    let clock: ManualClock;
    let client: RoaClient;

    const describeTask = async (taskId: string) => {
        const body = plain(await describeBdrcTask<{ RequestId: string; Data: BdrcTask }>(client, taskId));
        assert.deepEqual(Object.keys(body), ["Data", "RequestId"]);
        assert.match(body.RequestId, UUID);
        return body.Data;
    };

    before(async () => {
        clock = new ManualClock(START);
        sim = await startSimulator({ clock });
        client = bdrcClient(sim);
    });
    after(() => sim.close());

    it("goes CREATED -> RUNNING on a 0..10000 scale -> COMPLETE with its JSON result", async () => {
        const task = sim.createTask({
            service: "bdrc",
            action: "UpdateResources",
            queuedMs: 4_000,
            durationMs: 100_000,
            outcome: "success",
            taskName: "test5566",
        });
        assert.match(task.taskId, /^t-[a-z0-9]{20}$/);
        assert.deepEqual([task.region, task.status], ["cn-shanghai", "CREATED"]);

        let d = await describeTask(task.taskId);
        assert.deepEqual(Object.keys(d), [
            "TaskId",
            "TaskName",
            "TaskDescription",
            "TaskType",
            "TaskPriority",
            "RequestId",
            "TaskDetail",
            "ExecutionId",
            "Progress",
            "TaskStatus",
            "ErrorMessage",
            "StartTime",
            "CompleteTime",
            "ExpireTime",
            "TaskResult",
        ]);
        assert.deepEqual(
            [d.TaskId, d.TaskName, d.TaskDescription, d.TaskType, d.TaskPriority, d.ExecutionId],
            [task.taskId, "test5566", "", "UPDATE_RESOURCES", "HIGH", ""],
        );
        assert.match(d.RequestId, UUID);
        assert.deepEqual(JSON.parse(d.TaskDetail).resourceTypes.length, 4);
        assert.deepEqual([d.TaskStatus, d.Progress, d.StartTime, d.CompleteTime, d.TaskResult, d.ErrorMessage], ["CREATED", 0, 0, 0, "", ""]);
        assert.equal(d.ExpireTime, seconds(START + 7 * 24 * 3600_000));

        clock.advance(4_000 + 12_345);
        d = await describeTask(task.taskId);
        assert.deepEqual([d.TaskStatus, d.Progress, d.StartTime, d.CompleteTime], ["RUNNING", 1234, seconds(START + 4_000), 0]);
        clock.advance(100_000 - 12_345 - 1);
        d = await describeTask(task.taskId);
        assert.deepEqual([d.TaskStatus, d.Progress], ["RUNNING", 9999]);

        clock.advance(1);
        d = await describeTask(task.taskId);
        assert.deepEqual([d.TaskStatus, d.Progress, d.CompleteTime, d.ErrorMessage], ["COMPLETE", 10000, seconds(START + 104_000), ""]);
        assert.deepEqual(JSON.parse(d.TaskResult).resourceCounts[0], { resourceType: "ACS::OSS::Bucket", count: 2 });
        assert.equal(sim.getTask(task.taskId)?.status, "COMPLETE");
    });

    it("ends FAILED with ErrorMessage, CANCELED, or EXPIRED with ExpireTime at its end", async () => {
        const failed = sim.createTask({ service: "bdrc", durationMs: 1_000, outcome: "failed", errorMsg: "quota exceeded" });
        const cancelled = sim.createTask({ service: "bdrc", durationMs: 1_000, outcome: "cancelled" });
        const expired = sim.createTask({ service: "bdrc", durationMs: 1_000, outcome: "expired", region: "ap-southeast-1" });
        const createdAt = clock.now();
        clock.advance(1_000);

        const f = await describeTask(failed.taskId);
        assert.deepEqual([f.TaskStatus, f.ErrorMessage, f.TaskResult, f.TaskType], ["FAILED", "quota exceeded", "", "CHECK_RULES"]);
        assert.equal(f.CompleteTime, seconds(createdAt + 1_000));
        const c = await describeTask(cancelled.taskId);
        assert.deepEqual([c.TaskStatus, c.ErrorMessage, c.TaskResult], ["CANCELED", "", ""]);
        const e = await describeTask(expired.taskId);
        assert.deepEqual([e.TaskStatus, e.ExpireTime, e.TaskResult], ["EXPIRED", seconds(createdAt + 1_000), ""]);
    });

    it("reports a default error message per action that names what failed and does not read like throttling", async () => {
        const check = sim.createTask({ service: "bdrc", durationMs: 0, outcome: "failed" });
        const update = sim.createTask({ service: "bdrc", action: "UpdateResources", durationMs: 0, outcome: "failed" });
        const messages = [(await describeTask(check.taskId)).ErrorMessage, (await describeTask(update.taskId)).ErrorMessage];
        assert.deepEqual(messages, [
            "Failed to check rules: no permission to read the backup policies of the resources. Check the service-linked role of BDRC.",
            "Failed to update resources: no permission to list the resources of the account. Check the service-linked role of BDRC.",
        ]);
        for (const message of messages) assert.doesNotMatch(message, /too many|throttl|rate|later/i);
    });

    it("hands back a TaskResult that is not JSON as it is, and serialises objects given in the spec", async () => {
        const text = sim.createTask({ service: "bdrc", durationMs: 0, outcome: "success", taskResult: "resources updated" });
        assert.equal((await describeTask(text.taskId)).TaskResult, "resources updated");
        const object = sim.createTask({ service: "bdrc", durationMs: 0, outcome: "success", taskResult: { ok: 1 }, taskDetail: "{}", taskPriority: "LOW" });
        const d = await describeTask(object.taskId);
        assert.deepEqual([d.TaskResult, d.TaskDetail, d.TaskPriority], ['{"ok":1}', "{}", "LOW"]);
    });

    it("answers 404 InvalidTaskId.NotFound for an unknown task or another service's, as ROA errors are", async () => {
        const ecsTask = sim.createTask({ service: "ecs", action: "ImportImage", durationMs: 1, outcome: "success" });
        for (const id of ["t-doesnotexist", ecsTask.taskId]) {
            const err = await expectRoaError(describeBdrcTask(client, id));
            assert.deepEqual([err.code, err.statusCode, err.name], ["InvalidTaskId.NotFound", 404, "InvalidTaskId.NotFoundError"]);
            assert.deepEqual(Object.keys(err.result), ["RequestId", "HostId", "Code", "Message", "Recommend"]);
            // pop-core's ROAClient sends the Host header without the port.
            assert.equal(err.result.HostId, "127.0.0.1");
            assert.match(String(err.result.Recommend), /product=BDRC/);
        }
    });

    it("creates bdrc tasks over the control API, in its three regions only", async () => {
        const ok = await postJson(sim.url, "/__sim/tasks", { service: "bdrc", region: "cn-shanghai-finance-1", durationMs: 5, outcome: "cancelled" });
        assert.equal(ok.status, 201);
        assert.deepEqual([ok.json().action, ok.json().status, ok.json().details.taskType], ["CheckRules", "RUNNING", "CHECK_RULES"]);
        const bad: unknown[] = [
            { service: "bdrc", region: "cn-hangzhou", durationMs: 5, outcome: "success" },
            { service: "bdrc", durationMs: 5, outcome: "partial" },
            { service: "bdrc", durationMs: 5, outcome: "stuck" },
            { service: "bdrc", action: "ImportImage", durationMs: 5, outcome: "success" },
            { service: "bdrc", durationMs: 5, outcome: "success", taskPriority: "URGENT" },
            { service: "bdrc", durationMs: 5, outcome: "success", taskResult: 42 },
            { service: "ecs", action: "ImportImage", durationMs: 5, outcome: "success", taskName: "not an ecs field" },
        ];
        for (const spec of bad) assert.equal((await postJson(sim.url, "/__sim/tasks", spec)).status, 400, JSON.stringify(spec));
    });
});
