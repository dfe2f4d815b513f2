/** Fault rules that answer with an API error: what they match, when they fire, what pop-core throws. */
import { strict as assert } from "node:assert";
import type RPCClient = require("@alicloud/pop-core");
import { InvalidFaultRuleError, ManualClock, SIMULATOR_ACCESS_KEY, startSimulator, type Simulator } from "../../simulator";
import { bdrcClient, describeBdrcTask, ecsClient, expectApiError, expectRoaError, rawRequest, signedQuery } from "./helpers";

describe("simulator: fault rules that answer with errors", () => {
    let sim: Simulator;
    let clock: ManualClock;
    let client: RPCClient;

    const describeTasks = () => client.request<{ TotalCount: number }>("DescribeTasks", { RegionId: "cn-hangzhou" });
    /** "ok" or the error code, for each of n calls in a row. */
    const outcomes = async (n: number, call: () => Promise<unknown> = describeTasks): Promise<string[]> => {
        const seen: string[] = [];
        for (let i = 0; i < n; i++) {
            seen.push(
                await call().then(
                    () => "ok",
                    (err: { code?: string }) => err.code ?? "?",
                ),
            );
        }
        return seen;
    };
    const rawDescribeTasks = () => rawRequest(sim.url, "/?" + signedQuery("GET", { Action: "DescribeTasks", RegionId: "cn-hangzhou" }, SIMULATOR_ACCESS_KEY));

    beforeEach(async () => {
        clock = new ManualClock(Date.UTC(2024, 0, 1));
        sim = await startSimulator({ clock });
        client = ecsClient(sim);
    });
    afterEach(() => sim.close());

    it("throttles the nth calls with Throttling.User as HTTP 400 by default", async () => {
        sim.faults.add({ action: "DescribeTasks", nth: [1, 3], fault: "throttle" });
        assert.deepEqual(await outcomes(4), ["Throttling.User", "ok", "Throttling.User", "ok"]);
        const other = await client
            .request<{ TaskStatus: string }>("DescribeTaskAttribute", { RegionId: "cn-hangzhou", TaskId: "t-x" })
            .catch((e: { code: string }) => e.code);
        assert.equal(other, "InvalidTaskId.NotFound", "another action is not matched");
        assert.equal(sim.stats().faults.throttle, 2);
        assert.equal(sim.stats().errors["Throttling.User"], 2);
    });

    it("throttles with any throttling code as HTTP 429 and an x-acs-retry-after in milliseconds", async () => {
        sim.faults.add({ fault: { kind: "throttle", code: "Throttling", status: 429, retryAfterMs: 1500 } });
        const err = await expectApiError(describeTasks());
        assert.equal(err.code, "Throttling");
        assert.equal(err.data.Message, "Request was denied due to request throttling.");
        const entry = (err as unknown as { entry: { response: { statusCode: number; headers: Record<string, string> } } }).entry;
        assert.deepEqual([entry.response.statusCode, entry.response.headers["x-acs-retry-after"]], [429, "1500"]);
    });

    it("fires on the first N calls, after N calls, at most count times", async () => {
        const first = sim.faults.add({ first: 2, fault: "internalError" });
        assert.deepEqual(await outcomes(3), ["InternalError", "InternalError", "ok"]);
        sim.faults.remove(first.id);
        sim.faults.add({ after: 1, count: 2, fault: "serviceUnavailable" });
        assert.deepEqual(await outcomes(5), ["ok", "ServiceUnavailable", "ServiceUnavailable", "ok", "ok"]);
        const [view] = sim.faults.list();
        assert.deepEqual([view.matched, view.injected, view.exhausted], [5, 2, true]);
        const raw = await rawDescribeTasks();
        assert.equal(raw.status, 200);
    });

    it("answers 500 InternalError and 503 ServiceUnavailable with those statuses", async () => {
        sim.faults.add({ nth: [1], fault: "internalError" });
        sim.faults.add({ nth: [2], fault: { kind: "serviceUnavailable", retryAfterMs: 250 } });
        const internal = await rawDescribeTasks();
        assert.deepEqual([internal.status, internal.json().Code], [500, "InternalError"]);
        const unavailable = await rawDescribeTasks();
        assert.deepEqual([unavailable.status, unavailable.json().Code, unavailable.headers["x-acs-retry-after"]], [503, "ServiceUnavailable", "250"]);
    });

    it("answers clock skew with InvalidTimeStamp.Expired, and any error it is given", async () => {
        sim.faults.add({ nth: [1], fault: "clockSkew" });
        sim.faults.add({
            nth: [2],
            fault: { kind: "error", status: 403, code: "Forbidden.RAM", message: "User not authorized to operate on the specified resource." },
        });
        assert.deepEqual(await outcomes(3), ["InvalidTimeStamp.Expired", "Forbidden.RAM", "ok"]);
        assert.deepEqual(sim.stats().faults, { clockSkew: 1, error: 1 });
    });

    it("draws a rate from a seeded source: the same seed fails the same calls", async () => {
        sim.faults.add({ rate: 0.5, seed: 42, fault: "throttle" });
        const run1 = await outcomes(30);
        const failures = run1.filter((o) => o !== "ok").length;
        assert.ok(failures > 5 && failures < 25, `${failures} of 30 throttled`);
        sim.faults.clear();
        sim.faults.add({ rate: 0.5, seed: 42, fault: "throttle" });
        assert.deepEqual(await outcomes(30), run1);
        sim.faults.clear();
        sim.faults.add({ rate: 0, fault: "throttle" });
        assert.deepEqual(await outcomes(5), ["ok", "ok", "ok", "ok", "ok"]);
    });

    it("fires within a window of simulator time after the rule was added", async () => {
        sim.faults.add({ window: { fromMs: 10_000, toMs: 20_000 }, fault: "serviceUnavailable" });
        assert.deepEqual(await outcomes(1), ["ok"]);
        clock.advance(10_000);
        assert.deepEqual(await outcomes(1), ["ServiceUnavailable"]);
        clock.advance(10_000);
        assert.deepEqual(await outcomes(1), ["ok"]);
    });

    it("matches by service: a bdrc rule leaves ECS alone, and ROA callers get statusCode and result", async () => {
        sim.faults.add({ service: ["bdrc"], fault: { kind: "throttle", status: 429 } });
        assert.deepEqual(await outcomes(1), ["ok"]);
        const task = sim.createTask({ service: "bdrc", durationMs: 1, outcome: "success" });
        const err = await expectRoaError(describeBdrcTask(bdrcClient(sim), task.taskId));
        assert.deepEqual([err.code, err.statusCode, err.result.Code], ["Throttling.User", 429, "Throttling.User"]);
    });

    it("checks rules in order: the first that fires answers, and every rule counts every call it matches", async () => {
        sim.faults.add({ id: "a", nth: [2], fault: "internalError" });
        sim.faults.add({ id: "b", count: 2, fault: "serviceUnavailable" });
        assert.deepEqual(await outcomes(4), ["ServiceUnavailable", "InternalError", "ServiceUnavailable", "ok"]);
        const views = sim.faults.list();
        assert.deepEqual(
            views.map((v) => [v.id, v.matched, v.injected, v.exhausted]),
            [
                ["a", 4, 1, false],
                ["b", 4, 2, true],
            ],
        );
    });

    it("refuses invalid rules", () => {
        const bad: unknown[] = [
            {},
            { fault: "nope" },
            { fault: "reset", rateLimit: { perSecond: 1 } },
            { fault: { kind: "throttle", status: 503 } },
            { fault: { kind: "throttle", code: "TooMany" } },
            { fault: { kind: "error", code: "X" } },
            { fault: { kind: "latency" } },
            { fault: { kind: "mutate" } },
            { fault: { kind: "mutate", remove: ["a..b"] } },
            { fault: { kind: "mutate", set: { "__proto__.x": 1 } } },
            { fault: "reset", rate: 2 },
            { fault: "reset", nth: [0] },
            { fault: "reset", window: { fromMs: 5, toMs: 5 } },
            { fault: "reset", colour: "red" },
            { rateLimit: { perSecond: 0 } },
        ];
        for (const rule of bad) assert.throws(() => sim.faults.add(rule as never), InvalidFaultRuleError, JSON.stringify(rule));
        sim.faults.add({ id: "same", fault: "reset" });
        assert.throws(() => sim.faults.add([{ fault: "reset" }, { id: "same", fault: "reset" }]), /already exists/);
        assert.equal(sim.faults.list().length, 1, "a refused list adds nothing");
    });
});
