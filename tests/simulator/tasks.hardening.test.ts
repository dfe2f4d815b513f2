/** Hardening: the task store is bounded (tasks, bytes per field, bytes in all), and task times stay valid dates. */
import { strict as assert } from "node:assert";
import { InvalidTaskSpecError, ManualClock, startSimulator, type Simulator } from "../../simulator";
import { ECD_API_VERSION, expectApiError, postJson, rawRequest, rpcClient } from "./helpers";

/** The bounds, spelled out: a test that read them from the simulator could not fail when they vanish. */
const MAX_TASKS = 10_000;
const MAX_TASK_FIELD_BYTES = 65_536;
const ECS_TASK = { service: "ecs", action: "ImportImage", durationMs: 1_000, outcome: "success" } as const;

describe("simulator: a bounded task store", () => {
    let sim: Simulator;

    beforeEach(async () => {
        sim = await startSimulator({ clock: new ManualClock(Date.UTC(2024, 4, 1)) });
    });
    afterEach(() => sim.close());

    it(`holds at most ${MAX_TASKS} tasks, then refuses more with a clear error until some are removed`, async () => {
        for (let i = 0; i < MAX_TASKS; i++) sim.createTask(ECS_TASK);
        assert.throws(() => sim.createTask(ECS_TASK), /at most 10000 tasks/);

        const refused = await postJson(sim.url, "/__sim/tasks", ECS_TASK);
        assert.equal(refused.status, 507);
        assert.match(refused.json().message, /at most 10000 tasks.*DELETE \/__sim\/tasks/);

        // An API call that starts a task says so too, with a code no client mistakes for a passing fault.
        const err = await expectApiError(rpcClient(sim, ECD_API_VERSION).request("CreateEcdReportTask", { TaskType: "RESOURCE_REPORT", SubType: "DESKTOP" }));
        assert.equal(err.code, "Simulator.TaskStoreFull");

        const cleared = await rawRequest(sim.url, "/__sim/tasks", { method: "DELETE" });
        assert.deepEqual(cleared.json(), { removed: MAX_TASKS });
        assert.equal((await postJson(sim.url, "/__sim/tasks", ECS_TASK)).status, 201);
    });

    it(`refuses a text field over ${MAX_TASK_FIELD_BYTES} bytes (a 1 MB errorMsg), in process and over the control API`, async () => {
        const huge = "x".repeat(1024 * 1024);
        assert.throws(
            () => sim.createTask({ ...ECS_TASK, outcome: "failed", errorMsg: huge }),
            (e: unknown) => e instanceof InvalidTaskSpecError && /errorMsg is over 65536 bytes/.test(e.message),
        );
        const res = await postJson(sim.url, "/__sim/tasks", {
            service: "bdrc",
            durationMs: 1,
            outcome: "success",
            taskResult: { blob: huge.slice(0, 200_000) },
        });
        assert.equal(res.status, 400);
        assert.match(res.json().message, /taskResult is over 65536 bytes/);
        // Multi-byte characters count as the bytes they take.
        assert.throws(() => sim.createTask({ ...ECS_TASK, resourceId: "é".repeat(MAX_TASK_FIELD_BYTES / 2 + 1) }), /resourceId is over/);
        sim.createTask({ ...ECS_TASK, resourceId: "é".repeat(MAX_TASK_FIELD_BYTES / 2) });
        assert.equal(sim.listTasks().length, 1);
    });

    it("holds at most 16 MiB of task fields in all: 100 tasks with a 1 MB errorMsg no longer fit in any form", async () => {
        const big = "e".repeat(60_000);
        let stored = 0;
        let refusal: unknown;
        // 400 of them would take 24 MB: the loop ends on its own without a bound, and the test fails.
        for (; stored < 400 && refusal === undefined; stored++) {
            try {
                sim.createTask({ ...ECS_TASK, outcome: "failed", errorMsg: big + stored });
            } catch (err) {
                refusal = err;
                stored--;
            }
        }
        assert.match(String(refusal), /at most 16777216 bytes of task fields/);
        assert.ok(stored > 250 && stored < 280, `${stored} tasks of 60 kB`);
        sim.removeTask(sim.listTasks()[0].taskId);
        sim.createTask({ ...ECS_TASK, outcome: "failed", errorMsg: big });
    });

    it("answers an oversized API parameter that would go into a task with 400 InvalidParameter", async () => {
        const client = rpcClient(sim, ECD_API_VERSION);
        const err = await expectApiError(
            client.request("CreateEcdReportTask", { TaskType: "RESOURCE_REPORT", SubType: "DESKTOP", ReportFileName: "r".repeat(70_000) }, { method: "POST" }),
        );
        assert.equal(err.code, "InvalidParameter");
        assert.match(String(err.data.Message), /ReportFileName|reportFileName/);
    });

    it("refuses timelines that would end beyond what a date can say", async () => {
        const res = await postJson(sim.url, "/__sim/tasks", { ...ECS_TASK, durationMs: Number.MAX_SAFE_INTEGER });
        assert.equal(res.status, 400);
        assert.match(res.json().message, /durationMs must be an integer from 0 to/);
        assert.equal((await rawRequest(sim.url, "/__sim/tasks")).status, 200);
    });
});
