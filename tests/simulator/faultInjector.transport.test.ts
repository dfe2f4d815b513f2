/**
 * Fault rules that damage the transport or the body: latency, hangs past the client timeout,
 * resets, truncated and non-JSON bodies, missing or mistyped fields, and tasks that vanish. Each
 * checked against what the real pop-core clients throw.
 */
import { strict as assert } from "node:assert";
import type RPCClient = require("@alicloud/pop-core");
import { ManualClock, startSimulator, type Simulator } from "../../simulator";
import {
    bdrcClient,
    describeBdrcTask,
    ecsClient,
    expectApiError,
    expectFailure,
    plain,
    postJson,
    rawRequest,
    rpcClient,
    SAS_API_VERSION,
    type RoaClient,
} from "./helpers";

interface TaskSet {
    TotalCount: number;
    TaskSet?: { Task: Array<{ TaskId: string; TaskStatus: unknown }> };
    RequestId?: string;
}

describe("simulator: fault rules that damage the transport or the body", () => {
    let sim: Simulator;
    let client: RPCClient;
    let roa: RoaClient;

    const describeTasks = (opts: object = {}) => client.request<TaskSet>("DescribeTasks", { RegionId: "cn-hangzhou" }, opts);

    beforeEach(async () => {
        sim = await startSimulator({ clock: new ManualClock(Date.UTC(2024, 0, 1)) });
        client = ecsClient(sim);
        roa = bdrcClient(sim);
    });
    afterEach(() => sim.close());

    it("adds latency, and latencies of several rules add up", async () => {
        sim.faults.add({ fault: { kind: "latency", ms: 150 } });
        sim.faults.add({ nth: [2], fault: { kind: "latency", ms: 150 } });
        // which rules fired is counted; a delay is only ever at least what was asked (timers never fire early)
        let started = Date.now();
        assert.equal((await describeTasks()).TotalCount, 0);
        const first = Date.now() - started;
        assert.equal(sim.stats().faults.latency, 1, "only the first rule on the first call");
        started = Date.now();
        await describeTasks();
        const second = Date.now() - started;
        assert.equal(sim.stats().faults.latency, 3, "both rules on the second call");
        assert.ok(first >= 140, `first call took ${first} ms`);
        assert.ok(second >= 290, `second call took ${second} ms`);
    });

    it("hangs past the client timeout (RequestTimeoutError), then answers normally", async () => {
        sim.faults.add({ first: 1, fault: "hang" });
        const err = await expectFailure(describeTasks({ timeout: 200 }));
        assert.equal(err.name, "RequestTimeoutError");
        assert.equal((await describeTasks()).TotalCount, 0);

        sim.faults.add({ first: 1, fault: { kind: "hang", ms: 300 } });
        const started = Date.now();
        // a client timeout far beyond the hang, so that only the hang's end can answer, on a loaded machine too
        assert.equal((await describeTasks({ timeout: 30_000 })).TotalCount, 0, "a bounded hang ends in a normal answer");
        assert.ok(Date.now() - started >= 290);
    });

    it("resets the connection", async () => {
        sim.faults.add({ nth: [1], fault: "reset" });
        const err = await expectFailure(describeTasks());
        assert.match(`${String(err.code)} ${err.message}`, /ECONNRESET|socket hang up/);
        assert.equal((await describeTasks()).TotalCount, 0);
    });

    it("truncates the body: a SyntaxError for RPC, a FormatError for ROA", async () => {
        const task = sim.createTask({ service: "bdrc", durationMs: 1, outcome: "success" });
        sim.faults.add({ fault: { kind: "truncate", fraction: 0.6 } });
        assert.equal((await expectFailure(describeTasks())).name, "SyntaxError");
        const roaErr = await expectFailure(describeBdrcTask(roa, task.taskId));
        assert.equal(roaErr.name, "FormatError");
        assert.match(String(roaErr.body), /^\{"Data":\{"TaskId":/);
    });

    it("answers an HTML gateway page: a SyntaxError for RPC, a plain string for ROA", async () => {
        const task = sim.createTask({ service: "bdrc", durationMs: 1, outcome: "success" });
        sim.faults.add({ fault: { kind: "html", status: 504 } });
        assert.equal((await expectFailure(describeTasks())).name, "SyntaxError");
        const page = await describeBdrcTask<unknown>(roa, task.taskId);
        assert.equal(typeof page, "string");
        assert.match(String(page), /<h1>504 Gateway Timeout<\/h1>/);
    });

    it("removes or retypes fields by dotted path, leaving errors alone", async () => {
        const task = sim.createTask({ service: "ecs", action: "ImportImage", durationMs: 10, outcome: "success" });
        sim.faults.add({ nth: [1], fault: { kind: "mutate", remove: ["TaskSet", "RequestId"] } });
        sim.faults.add({ nth: [2], action: "DescribeTasks", fault: { kind: "mutate", set: { "TaskSet.Task.*.TaskStatus": 3, TotalCount: "1" } } });
        const dropped = plain(await describeTasks());
        assert.equal("TaskSet" in dropped, false);
        assert.equal("RequestId" in dropped, false);
        const retyped = plain(await describeTasks());
        assert.deepEqual([retyped.TotalCount, retyped.TaskSet?.Task[0].TaskStatus, retyped.TaskSet?.Task[0].TaskId], ["1", 3, task.taskId]);

        sim.faults.clear();
        sim.faults.add({ fault: { kind: "mutate", set: { "Data.Progress": "10000", "Data.TaskStatus": null } } });
        const bdrcTask = sim.createTask({ service: "bdrc", durationMs: 1, outcome: "success" });
        const body = plain(await describeBdrcTask<{ Data: Record<string, unknown> }>(roa, bdrcTask.taskId));
        assert.deepEqual([body.Data.Progress, body.Data.TaskStatus], ["10000", null]);
        assert.equal(
            (await expectApiError(client.request("DescribeTaskAttribute", { RegionId: "cn-hangzhou", TaskId: "t-none" }))).code,
            "InvalidTaskId.NotFound",
        );
    });

    it("makes a task vanish after it was seen: NotFound, and gone from lists", async () => {
        const task = sim.createTask({ service: "ecs", action: "ImportImage", durationMs: 60_000, outcome: "success" });
        sim.faults.add({ action: "DescribeTaskAttribute", after: 2, count: 1, fault: "vanish" });
        const attribute = () => client.request<{ TaskStatus: string }>("DescribeTaskAttribute", { RegionId: "cn-hangzhou", TaskId: task.taskId });
        assert.equal((await attribute()).TaskStatus, "Processing");
        assert.equal((await attribute()).TaskStatus, "Processing");
        assert.equal((await expectApiError(attribute())).code, "InvalidTaskId.NotFound");
        assert.equal((await describeTasks()).TotalCount, 0);
        assert.equal(sim.getTask(task.taskId), undefined);
        assert.equal(sim.stats().faults.vanish, 1);
    });

    it("makes a named task vanish at a time, on any service (bdrc, Sas)", async () => {
        const bdrcTask = sim.createTask({ service: "bdrc", durationMs: 60_000, outcome: "success" });
        const sasTask = sim.createTask({ service: "sas", durationMs: 60_000, outcome: "success" });
        sim.faults.add({ window: { fromMs: 30_000 }, count: 1, fault: { kind: "vanish", taskId: bdrcTask.taskId } });
        sim.faults.add({ service: "sas", count: 1, fault: "vanish" });
        assert.equal((await describeBdrcTask<{ Data: { TaskStatus: string } }>(roa, bdrcTask.taskId)).Data.TaskStatus, "RUNNING");
        (sim.clock as ManualClock).advance(30_000);
        const err = await expectFailure(describeBdrcTask(roa, bdrcTask.taskId));
        assert.deepEqual([err.code, err.statusCode], ["InvalidTaskId.NotFound", 404]);
        const sas = rpcClient(sim, SAS_API_VERSION);
        assert.equal((await expectApiError(sas.request("DescribeExportInfo", { ExportId: sasTask.taskId }))).code, "InvalidExportId.NotFound");
    });

    it("answers everything over the control API's rules, and counts faults by kind in /__sim/stats", async () => {
        const res = await postJson(sim.url, "/__sim/faults", [
            { nth: [1], fault: "reset" },
            { nth: [2], fault: { kind: "latency", ms: 10 } },
        ]);
        assert.equal(res.status, 201);
        await expectFailure(describeTasks());
        await describeTasks();
        assert.deepEqual((await rawRequest(sim.url, "/__sim/stats")).json().faults, { reset: 1, latency: 1 });
    });
});
