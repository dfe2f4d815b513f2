/** The unsigned control API under /__sim/. */
import { strict as assert } from "node:assert";
import { ManualClock, startSimulator, type Simulator } from "../../simulator";
import { ecsClient, postJson, rawRequest } from "./helpers";

describe("simulator: control endpoints", () => {
    let sim: Simulator;
    let clock: ManualClock;

    before(async () => {
        clock = new ManualClock(Date.UTC(2024, 4, 1, 12, 0, 0));
        sim = await startSimulator({ clock });
    });
    after(() => sim.close());

    it("POST /__sim/tasks creates a task the API then reports", async () => {
        const res = await postJson(sim.url, "/__sim/tasks", {
            service: "ecs",
            action: "ExportImage",
            region: "cn-shanghai",
            resourceId: "m-fromcontrol",
            taskId: "t-fromcontrol000000001",
            queuedMs: 1_000,
            durationMs: 5_000,
            outcome: "success",
        });
        assert.equal(res.status, 201);
        const task = res.json();
        assert.equal(task.taskId, "t-fromcontrol000000001");
        assert.equal(task.resourceId, "m-fromcontrol");
        assert.equal(task.region, "cn-shanghai");
        assert.equal(task.phase, "waiting");
        assert.equal(task.createdAt, "2024-05-01T12:00:00.000Z");
        assert.equal(task.endsAt, "2024-05-01T12:00:06.000Z");

        const api = await ecsClient(sim).request<{ TaskStatus: string }>("DescribeTaskAttribute", { RegionId: "cn-shanghai", TaskId: task.taskId });
        assert.equal(api.TaskStatus, "Waiting");

        clock.advance(6_000);
        const got = await rawRequest(sim.url, `/__sim/tasks/${task.taskId}`);
        assert.equal(got.status, 200);
        assert.deepEqual([got.json().taskId, got.json().phase, got.json().progress], [task.taskId, "succeeded", 100]);
        const all = await rawRequest(sim.url, "/__sim/tasks");
        assert.ok(all.json().some((t: { taskId: string }) => t.taskId === task.taskId));
    });

    it("fills in defaults", async () => {
        const task = (await postJson(sim.url, "/__sim/tasks", { service: "ecs", action: "ImportImage", durationMs: 10, outcome: "partial" })).json();
        assert.match(task.taskId, /^t-[a-z0-9]{20}$/);
        assert.match(task.resourceId, /^m-[a-z0-9]{20}$/);
        assert.deepEqual([task.region, task.queuedMs, task.operations, task.failedOperations], ["cn-hangzhou", 0, 2, 1]);
        assert.equal(task.errorCode, "ImportImage.InvalidImageFormat");
        assert.equal(task.errorMsg, "The image format is not supported.");
    });

    it("rejects bad input with 400 and a JSON message", async () => {
        const bad: unknown[] = [
            "{not json",
            [],
            { action: "ImportImage", durationMs: 1, outcome: "success" },
            { service: "nope", action: "ImportImage", durationMs: 1, outcome: "success" },
            { service: "ecs", action: "RunInstances", durationMs: 1, outcome: "success" },
            { service: "ecs", action: "ImportImage", outcome: "success" },
            { service: "ecs", action: "ImportImage", durationMs: -1, outcome: "success" },
            { service: "ecs", action: "ImportImage", durationMs: 1, outcome: "maybe" },
            { service: "ecs", action: "ImportImage", durationMs: 1, outcome: "partial", operations: 1 },
            { service: "ecs", action: "ImportImage", durationMs: 1, outcome: "partial", operations: 2, failedOperations: 2 },
            { service: "ecs", action: "ImportImage", durationMs: 1, outcome: "success", region: "moon-1" },
            { service: "ecs", action: "ImportImage", durationMs: 1, outcome: "success", colour: "blue" },
        ];
        for (const body of bad) {
            const res = await postJson(sim.url, "/__sim/tasks", body);
            assert.equal(res.status, 400, JSON.stringify(body));
            assert.equal(typeof res.json().message, "string");
        }
    });

    it("answers 409 for a duplicate task id, 404 for unknown tasks and paths, 405 for wrong methods", async () => {
        const spec = { service: "ecs", action: "ImportImage", durationMs: 1, outcome: "success", taskId: "t-dup" };
        assert.equal((await postJson(sim.url, "/__sim/tasks", spec)).status, 201);
        assert.equal((await postJson(sim.url, "/__sim/tasks", spec)).status, 409);
        assert.equal((await rawRequest(sim.url, "/__sim/tasks/t-missing")).status, 404);
        assert.equal((await rawRequest(sim.url, "/__sim/whatever")).status, 404);
        assert.equal((await rawRequest(sim.url, "/__sim/stats", { method: "DELETE" })).status, 405);
    });

    it("reports and resets call counts, without counting itself", async () => {
        await postJson(sim.url, "/__sim/stats/reset", {});
        const client = ecsClient(sim);
        await client.request("DescribeTasks", { RegionId: "cn-hangzhou" });
        await client.request("DescribeTasks", { RegionId: "cn-hangzhou" });
        await client.request("DescribeTaskAttribute", { RegionId: "cn-hangzhou", TaskId: "t-dup" });
        const stats = (await rawRequest(sim.url, "/__sim/stats")).json();
        assert.deepEqual(stats.calls, { DescribeTasks: 2, DescribeTaskAttribute: 1 });
        assert.equal(stats.total, 3);
        assert.deepEqual(sim.stats().calls, stats.calls);
        const reset = await postJson(sim.url, "/__sim/stats/reset", {});
        assert.equal(reset.status, 200);
        assert.deepEqual((await rawRequest(sim.url, "/__sim/stats")).json(), { calls: {}, errors: {}, faults: {}, total: 0 });
    });
});
