/** bdrc DescribeTasks (ROA GET /api/v1/tasks): pages, MaxResults clamping, NextToken, filters, through pop-core's ROAClient. */
import { strict as assert } from "node:assert";
import { ManualClock, startSimulator, type Simulator, type SimTaskView } from "../../simulator";
import { bdrcClient, expectRoaError, plain, type RoaClient } from "./helpers";

interface TaskPage {
    RequestId: string;
    Data: { Content: Array<{ TaskId: string; TaskStatus: string; TaskType: string; RequestId: string }>; MaxResults: number; NextToken: string };
}

describe("simulator: bdrc DescribeTasks", () => {
    let sim: Simulator;
    let clock: ManualClock;
    let client: RoaClient;
    const created: SimTaskView[] = [];

    const list = async (query: Record<string, string | number> = {}) => plain(await client.request<TaskPage>("GET", "/api/v1/tasks", query, "", {}, {}));
    /** Every page, following NextToken; the ids in order. */
    const all = async (query: Record<string, string | number> = {}) => {
        const ids: string[] = [];
        let token = "";
        let pages = 0;
        do {
            const page = await list({ ...query, ...(token ? { NextToken: token } : {}) });
            ids.push(...page.Data.Content.map((t) => t.TaskId));
            token = page.Data.NextToken;
            pages++;
        } while (token !== "");
        return { ids, pages };
    };
    const newestFirst = (tasks: SimTaskView[]) => tasks.map((t) => t.taskId).reverse();

    before(async () => {
        clock = new ManualClock(Date.UTC(2024, 7, 30));
        sim = await startSimulator({ clock });
        client = bdrcClient(sim);
        for (let i = 0; i < 25; i++) {
            // Every third still runs at the end; every fourth is an UpdateResources; the 5th fails.
            const action = i % 4 === 0 ? "UpdateResources" : "CheckRules";
            created.push(sim.createTask({ service: "bdrc", action, durationMs: i % 3 === 0 ? 3_600_000 : 1_000, outcome: i === 5 ? "failed" : "success" }));
            clock.advance(i % 2 === 0 ? 1_000 : 0); // some share a creation time: order falls back to creation order
        }
        clock.advance(10_000);
        sim.createTask({ service: "ecs", action: "ImportImage", durationMs: 1, outcome: "success" });
    });
    after(() => sim.close());

    it("lists bdrc tasks newest first, 10 a page by default, with the model's fields and no TotalCount", async () => {
        const page = await list();
        assert.deepEqual(Object.keys(page), ["Data", "RequestId"]);
        assert.deepEqual(Object.keys(page.Data), ["Content", "MaxResults", "NextToken"]);
        assert.equal(page.Data.MaxResults, 10);
        assert.deepEqual(
            page.Data.Content.map((t) => t.TaskId),
            newestFirst(created).slice(0, 10),
        );
        assert.match(page.Data.NextToken, /^[0-9a-f]+$/);
        const one = await client.request<{ Data: Record<string, unknown> }>("GET", `/api/v1/tasks/${page.Data.Content[0].TaskId}`, {}, "", {}, {});
        assert.deepEqual(page.Data.Content[0], plain(one.Data), "an item is what DescribeTask says of the task");
    });

    it("follows NextToken to the end, where it is empty", async () => {
        assert.deepEqual(await all(), { ids: newestFirst(created), pages: 3 });
        const exact = await all({ MaxResults: 25 });
        assert.deepEqual(exact, { ids: newestFirst(created), pages: 1 });
    });

    it("clamps MaxResults into 10..500 as the model documents, and refuses a non-integer", async () => {
        for (const [sent, used] of [
            [1, 10],
            [0, 10],
            [-5, 10],
            [10, 10],
            [11, 11],
            [500, 500],
            [501, 500],
            [100000, 500],
        ]) {
            assert.equal((await list({ MaxResults: sent })).Data.MaxResults, used, `MaxResults ${sent}`);
        }
        const err = await expectRoaError(list({ MaxResults: "ten" }));
        assert.deepEqual([err.code, err.statusCode], ["InvalidParameter", 400]);
    });

    it("refuses a NextToken it did not make", async () => {
        for (const token of ["nope", "abc", Buffer.from("12.x").toString("hex")]) {
            const err = await expectRoaError(list({ NextToken: token }));
            assert.deepEqual([err.code, err.statusCode], ["InvalidParameter", 400], token);
        }
    });

    it("keeps its place when tasks are created between pages", async () => {
        const first = await list();
        clock.advance(1_000);
        const newer = sim.createTask({ service: "bdrc", durationMs: 1, outcome: "success" });
        const second = await list({ NextToken: first.Data.NextToken });
        assert.deepEqual(
            second.Data.Content.map((t) => t.TaskId),
            newestFirst(created).slice(10, 20),
        );
        sim.removeTask(newer.taskId);
    });

    it("filters by TaskStatus and TaskType, exactly; another value matches nothing", async () => {
        const running = created.filter((_, i) => i % 3 === 0);
        assert.deepEqual((await all({ TaskStatus: "RUNNING" })).ids, newestFirst(running));
        assert.deepEqual((await all({ TaskStatus: "FAILED" })).ids, [created[5].taskId]);
        const updates = created.filter((t) => t.action === "UpdateResources");
        assert.deepEqual((await all({ TaskType: "UPDATE_RESOURCES" })).ids, newestFirst(updates));
        const both = updates.filter((t) => running.includes(t));
        assert.deepEqual((await all({ TaskType: "UPDATE_RESOURCES", TaskStatus: "RUNNING" })).ids, newestFirst(both));
        for (const query of [{ TaskStatus: "running" }, { TaskType: "TEST" }, { TaskStatus: "DONE" }] as Array<Record<string, string>>) {
            assert.deepEqual((await list(query)).Data, { Content: [], MaxResults: 10, NextToken: "" }, JSON.stringify(query));
        }
        // No filter by id: a TaskId query parameter changes nothing.
        assert.equal((await list({ TaskId: created[0].taskId, MaxResults: 500 })).Data.Content.length, 25);
    });
});
