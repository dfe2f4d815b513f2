import * as assert from "assert";
import { Poller, TaskSource, WaitRequest } from "../../../provider/engine";
import { FakeClock } from "../../support/engineClock";

interface Snap {
    id: string;
    status: string;
}

/** A scripted source: each task's status is a function of the fake time. */
class ScriptedSource implements TaskSource<Snap> {
    calls: string[][] = [];
    failures: unknown[] = [];
    constructor(
        private readonly clock: FakeClock,
        private readonly timeline: Record<string, (t: number) => string | undefined>,
        readonly batchKey = "k",
        readonly maxBatchSize = 100,
    ) {}
    async fetch(ids: readonly string[]): Promise<Map<string, Snap>> {
        this.calls.push([...ids]);
        const failure = this.failures.shift();
        if (failure) throw failure;
        const result = new Map<string, Snap>();
        for (const id of ids) {
            const status = this.timeline[id]?.(this.clock.now());
            if (status !== undefined) result.set(id, { id, status });
        }
        return result;
    }
}

/** A done or failed task ends the wait (judged success either way: the engine only ends it). */
const done = (s: Snap) => (s.status === "done" || s.status === "failed" ? "success" : "retry");
const fixedRandom = () => 0.5; // no jitter

/** A wait on the fake clock; its longest gap is its backoff's maximum. */
function request(source: TaskSource<Snap>, taskId: string, extra: Partial<WaitRequest<Snap>> = {}): WaitRequest<Snap> {
    const backoff = extra.backoff ?? { minMs: 1000, maxMs: 4000, factor: 2, jitter: 0 };
    return { source, taskId, timeoutMs: 60_000, judge: done, backoff, maxGapMs: backoff.maxMs, ...extra };
}

describe("engine: Poller", () => {
    it("checks at once, backs off exponentially, and resolves when terminal", async () => {
        const clock = new FakeClock();
        const source = new ScriptedSource(clock, { a: (t) => (t >= 9000 ? "done" : "running") });
        const poller = new Poller(clock, fixedRandom);
        const pending = poller.wait(request(source, "a"));
        await clock.advance(0);
        assert.strictEqual(source.calls.length, 1, "first check at once");
        await clock.advance(20_000);
        const result = await pending;
        assert.strictEqual(result.state, "success");
        assert.strictEqual(result.snapshot?.status, "done");
        // checks at 0, 1000, 3000, 7000, 11000 (delays 1s, 2s, 4s, 4s)
        assert.strictEqual(result.polls, 5);
        assert.strictEqual(result.elapsedMs, 11_000);
    });

    it("makes a last check just before the deadline, catching a task that finishes in the final interval", async () => {
        const clock = new FakeClock();
        const source = new ScriptedSource(clock, { a: (t) => (t >= 8500 ? "done" : "running") });
        const poller = new Poller(clock, fixedRandom);
        const pending = poller.wait(request(source, "a", { timeoutMs: 10_000, backoff: { minMs: 1000, maxMs: 8000, factor: 4, jitter: 0 } }));
        await clock.advance(15_000);
        const result = await pending;
        // checks at 0, 1000, 5000; the next (5000 + 8000) would pass the deadline, so it is moved to 10000 - 1000
        assert.strictEqual(result.state, "success");
        assert.strictEqual(result.elapsedMs, 9000);
        assert.strictEqual(result.polls, 4);
    });

    it("times out when the task is still running at the final check", async () => {
        const clock = new FakeClock();
        const source = new ScriptedSource(clock, { a: () => "running" });
        const poller = new Poller(clock, fixedRandom);
        const pending = poller.wait(request(source, "a", { timeoutMs: 10_000 }));
        await clock.advance(20_000);
        const result = await pending;
        assert.strictEqual(result.state, "timeout");
        assert.strictEqual(result.snapshot?.status, "running");
        assert.ok(result.elapsedMs <= 10_000, `ended by the deadline, took ${result.elapsedMs}`);
        assert.strictEqual(clock.pendingTimers, 0, "no timer left behind");
    });

    it("retries transient and throttling errors within the deadline, honouring retry-after", async () => {
        const clock = new FakeClock();
        const source = new ScriptedSource(clock, { a: () => "done" });
        source.failures.push({ kind: "transient", message: "503" }, { kind: "throttling", message: "slow down", retryAfterMs: 7000 });
        const poller = new Poller(clock, fixedRandom);
        const pending = poller.wait(request(source, "a"));
        await clock.advance(30_000);
        const result = await pending;
        assert.strictEqual(result.state, "success");
        assert.strictEqual(result.errors.length, 2);
        // 0 transient, 1000 throttled, then at least 7000 later
        assert.strictEqual(result.elapsedMs, 8000);
    });

    it("fails at once on a permanent error", async () => {
        const clock = new FakeClock();
        const source = new ScriptedSource(clock, { a: () => "running" });
        source.failures.push({ kind: "permanent", code: "InvalidAccessKeyId.NotFound", message: "bad key", requestId: "R1" });
        const poller = new Poller(clock, fixedRandom);
        const pending = poller.wait(request(source, "a"));
        await clock.advance(0);
        const result = await pending;
        assert.strictEqual(result.cause, "error");
        assert.strictEqual(result.failure?.code, "InvalidAccessKeyId.NotFound");
        assert.strictEqual(result.failure?.requestId, "R1");
        assert.strictEqual(source.calls.length, 1);
    });

    it("treats errors without a kind as permanent", async () => {
        const clock = new FakeClock();
        const source = new ScriptedSource(clock, { a: () => "running" });
        source.failures.push(new TypeError("boom"));
        const result = poller(clock).wait(request(source, "a"));
        await clock.advance(0);
        assert.strictEqual((await result).cause, "error");
    });

    it("tolerates a task that is not visible yet for a bounded number of polls", async () => {
        const clock = new FakeClock();
        const source = new ScriptedSource(clock, { late: (t) => (t >= 2500 ? "done" : undefined), never: () => undefined });
        const p = poller(clock);
        const late = p.wait(request(source, "late"));
        const never = p.wait(request(source, "never", { notFoundTolerance: 2 }));
        await clock.advance(30_000);
        assert.strictEqual((await late).state, "success");
        const missing = await never;
        assert.strictEqual(missing.cause, "not-found");
        assert.strictEqual(missing.disappeared, false);
        assert.strictEqual(missing.polls, 3);
    });

    it("reports a task that disappears after it was seen", async () => {
        const clock = new FakeClock();
        const source = new ScriptedSource(clock, { a: (t) => (t < 1500 ? "running" : undefined) });
        const pending = poller(clock).wait(request(source, "a"));
        await clock.advance(10_000);
        const result = await pending;
        assert.strictEqual(result.cause, "not-found");
        assert.strictEqual(result.disappeared, true);
        assert.strictEqual(result.snapshot?.status, "running");
    });

    it("batches concurrent waits on one source key into one call per round, up to the batch size", async () => {
        const clock = new FakeClock();
        const timeline: Record<string, (t: number) => string> = {};
        for (let i = 0; i < 250; i++) timeline[`t${i}`] = (t) => (t >= 5000 ? "done" : "running");
        const source = new ScriptedSource(clock, timeline);
        const p = poller(clock);
        const waits = Object.keys(timeline).map((id) => p.wait(request(source, id)));
        await clock.advance(0);
        assert.deepStrictEqual(
            source.calls.map((c) => c.length),
            [100, 100, 50],
        );
        await clock.advance(20_000);
        const results = await Promise.all(waits);
        assert.ok(results.every((r) => r.state === "success"));
        // rounds at 0, 1000, 3000, 7000: 4 rounds x 3 calls
        assert.strictEqual(source.calls.length, 12);
    });

    it("lets a wait not yet due ride along in a request that has room, never delaying it", async () => {
        const clock = new FakeClock();
        const source = new ScriptedSource(clock, { a: (t) => (t >= 1200 ? "done" : "running"), b: (t) => (t >= 1200 ? "done" : "running") });
        const p = poller(clock);
        const a = p.wait(request(source, "a"));
        await clock.advance(1500);
        // b starts after the gather window of a's first check: its first check at 1500 carries a along
        const b = p.wait(request(source, "b"));
        await clock.advance(0);
        assert.deepStrictEqual(source.calls[2].sort(), ["a", "b"]);
        await clock.advance(10_000);
        assert.ok((await a).elapsedMs <= 2000);
        assert.ok((await b).elapsedMs <= 2500);
    });

    it("gathers the first checks of waits that start moments apart into one call; a lone wait checks at once", async () => {
        const clock = new FakeClock();
        const ids = ["a", "b", "c", "d"];
        const source = new ScriptedSource(clock, Object.fromEntries(ids.map((id) => [id, () => "done"])));
        const p = poller(clock);
        const waits = [p.wait(request(source, "a"))];
        await clock.advance(300);
        waits.push(p.wait(request(source, "b")));
        await clock.advance(400);
        waits.push(p.wait(request(source, "c")));
        await clock.advance(300);
        // a at once; b and c, started within a second of a's first check, together at its end
        assert.deepStrictEqual(source.calls, [["a"], ["b", "c"]]);
        await clock.advance(1500);
        waits.push(p.wait(request(source, "d")));
        await clock.advance(0);
        assert.deepStrictEqual(source.calls[2], ["d"], "a wait after the window checks at once");
        assert.ok((await Promise.all(waits)).every((r) => r.state === "success"));
    });

    it("keeps sources with different keys apart, and dedupes waits on the same task", async () => {
        const clock = new FakeClock();
        const one = new ScriptedSource(clock, { a: () => "done" }, "one");
        const two = new ScriptedSource(clock, { a: () => "done" }, "two");
        const p = poller(clock);
        const waits = [p.wait(request(one, "a")), p.wait(request(one, "a")), p.wait(request(two, "a"))];
        await clock.advance(0);
        await Promise.all(waits);
        assert.deepStrictEqual(one.calls, [["a"]]);
        assert.deepStrictEqual(two.calls, [["a"]]);
    });

    it("runs finalize once when terminal, retrying transient errors", async () => {
        const clock = new FakeClock();
        const source = new ScriptedSource(clock, { a: () => "done" });
        let calls = 0;
        const pending = poller(clock).wait(
            request(source, "a", {
                finalize: async (s) => {
                    calls++;
                    if (calls === 1) throw { kind: "transient", message: "reset" };
                    return { ...s, status: "done-with-details" };
                },
            }),
        );
        await clock.advance(10_000);
        const result = await pending;
        assert.strictEqual(result.state, "success");
        assert.strictEqual(result.snapshot?.status, "done-with-details");
        assert.strictEqual(calls, 2);
    });

    it("reports every snapshot to onSnapshot, the terminal one after finalize", async () => {
        const clock = new FakeClock();
        const source = new ScriptedSource(clock, { a: (t) => (t < 3500 ? "running" : "done") });
        const seen: string[] = [];
        const p = poller(clock);
        const pending = p.wait(
            request(source, "a", { onSnapshot: (s) => seen.push(s.status), finalize: async (s) => ({ ...s, status: "done-with-details" }) }),
        );
        await clock.advance(10_000);
        const result = await pending;
        assert.strictEqual(result.state, "success");
        assert.deepStrictEqual(seen, ["running", "running", "running", "done-with-details"]);
    });
});

function poller(clock: FakeClock): Poller {
    return new Poller(clock, fixedRandom);
}
