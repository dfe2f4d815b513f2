/** The control endpoints added for the new services and faults: clock, templates, task removal, fault rules. */
import { strict as assert } from "node:assert";
import { ManualClock, startSimulator, type Simulator } from "../../simulator";
import { ecsClient, expectApiError, postJson, putJson as put, rawRequest } from "./helpers";

const START = Date.UTC(2024, 4, 1, 12, 0, 0);

describe("simulator: control endpoints for clocks, templates and faults", () => {
    let sim: Simulator;

    beforeEach(async () => {
        sim = await startSimulator({ clock: new ManualClock(START) });
    });
    afterEach(() => sim.close());

    it("shows the clock and moves a manual one with POST /__sim/clock/advance", async () => {
        assert.deepEqual((await rawRequest(sim.url, "/__sim/clock")).json(), { now: "2024-05-01T12:00:00.000Z", nowMs: START, manual: true });
        const task = sim.createTask({ service: "ecs", action: "ImportImage", durationMs: 60_000, outcome: "success" });
        const moved = await postJson(sim.url, "/__sim/clock/advance", { ms: 60_000 });
        assert.deepEqual([moved.status, moved.json().now], [200, "2024-05-01T12:01:00.000Z"]);
        assert.equal(sim.getTask(task.taskId)?.phase, "succeeded");
        for (const body of [{ ms: -1 }, { ms: 1.5 }, {}, "nope"]) {
            assert.equal((await postJson(sim.url, "/__sim/clock/advance", body)).status, 400, JSON.stringify(body));
        }
        assert.equal((await rawRequest(sim.url, "/__sim/clock/advance")).status, 405);
    });

    it("refuses to advance a clock that is not manual", async () => {
        const scaled = await startSimulator({ speed: 10 });
        try {
            const res = await postJson(scaled.url, "/__sim/clock/advance", { ms: 1000 });
            assert.equal(res.status, 409);
            assert.equal((await rawRequest(scaled.url, "/__sim/clock")).json().manual, false);
        } finally {
            await scaled.close();
        }
    });

    it("removes a task with DELETE /__sim/tasks/<id>: the API then answers NotFound", async () => {
        const task = sim.createTask({ service: "ecs", action: "ImportImage", durationMs: 1, outcome: "success" });
        const res = await rawRequest(sim.url, `/__sim/tasks/${task.taskId}`, { method: "DELETE" });
        assert.deepEqual([res.status, res.json().taskId], [200, task.taskId]);
        assert.equal((await rawRequest(sim.url, `/__sim/tasks/${task.taskId}`, { method: "DELETE" })).status, 404);
        const err = await expectApiError(ecsClient(sim).request("DescribeTaskAttribute", { RegionId: "cn-hangzhou", TaskId: task.taskId }));
        assert.equal(err.code, "InvalidTaskId.NotFound");
        assert.equal(sim.removeTask(task.taskId), false);
    });

    it("reads and sets task templates, refusing bad ones", async () => {
        assert.deepEqual((await rawRequest(sim.url, "/__sim/task-templates/sas")).json(), { queuedMs: 1_000, durationMs: 20_000, outcome: "success" });
        const set = await put(sim.url, "/__sim/task-templates/sas", { outcome: "stuck", totalCount: 5 });
        assert.deepEqual(set.json(), { queuedMs: 1_000, durationMs: 20_000, outcome: "stuck", totalCount: 5 });
        const bad: Array<[string, unknown]> = [
            ["sas", { taskId: "1" }],
            ["sas", { outcome: "failed" }],
            ["sas", { colour: "red" }],
            ["sas", [1]],
            ["nope", {}],
        ];
        for (const [service, body] of bad) {
            assert.equal((await put(sim.url, `/__sim/task-templates/${service}`, body)).status, 400, `${service} ${JSON.stringify(body)}`);
        }
        assert.equal((await rawRequest(sim.url, "/__sim/task-templates/sas")).json().outcome, "stuck", "a refused template changes nothing");
        assert.deepEqual(sim.setTaskTemplate("sas", {}), { queuedMs: 1_000, durationMs: 20_000, outcome: "success" });
    });

    it("adds, lists, shows and removes fault rules over /__sim/faults", async () => {
        const one = await postJson(sim.url, "/__sim/faults", { action: "DescribeTasks", rate: 0.5, fault: "throttle" });
        assert.equal(one.status, 201);
        const rule = one.json();
        assert.equal(rule.id, "fault-1");
        assert.equal(typeof rule.seed, "number");
        assert.deepEqual([rule.action, rule.fault, rule.matched, rule.injected, rule.exhausted], [["DescribeTasks"], { kind: "throttle" }, 0, 0, false]);

        const many = await postJson(sim.url, "/__sim/faults", [{ id: "slow", fault: { kind: "latency", ms: 5 } }, { rateLimit: { perSecond: 100 } }]);
        assert.deepEqual(
            many.json().map((r: { id: string }) => r.id),
            ["slow", "fault-3"],
        );
        assert.deepEqual(many.json()[1].rateLimit, { perSecond: 100, code: "Throttling.User", status: 400, retryAfter: true });
        assert.equal((await postJson(sim.url, "/__sim/faults", { fault: "explode" })).status, 400);
        assert.equal((await postJson(sim.url, "/__sim/faults", "{oops")).status, 400);

        assert.equal((await rawRequest(sim.url, "/__sim/faults")).json().length, 3);
        assert.equal((await rawRequest(sim.url, "/__sim/faults/slow")).json().fault.ms, 5);
        assert.equal((await rawRequest(sim.url, "/__sim/faults/slow", { method: "DELETE" })).status, 200);
        assert.equal((await rawRequest(sim.url, "/__sim/faults/slow")).status, 404);
        assert.deepEqual((await rawRequest(sim.url, "/__sim/faults", { method: "DELETE" })).json(), { removed: 2 });
        assert.deepEqual(sim.faults.list(), []);
    });
});
