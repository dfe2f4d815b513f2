import * as assert from "assert";
import { setMaxListeners } from "events";
import { DEFAULT_BACKOFF, backoffPollsWithin } from "../../../provider/engine/backoff";
import { Poller, TaskSource } from "../../../provider/engine/poller";
import { FakeClock } from "../../support/engineClock";

/**
 * Shared checks are spaced by how many waits each call answers (cadence.ts sharedGap): every 4 s
 * up to 200 waits a call, more often beyond, never more often than the backoff's minimum. On the
 * fake clock: check times are exact.
 */

const SECOND = 1000;

/** A list that answers `idsPerCall` ids a call; a task runs until its end in `endsAt` (for ever if none) and reports no progress. */
class RunningList implements TaskSource<{ id: string; done: boolean }> {
    readonly batchKey = "list";
    readonly maxBatchSize = 1000;
    readonly checks: number[] = [];
    /** The ids each check asked for. */
    readonly asked: (readonly string[])[] = [];
    constructor(
        private readonly clock: FakeClock,
        readonly idsPerCall?: number,
        private readonly endsAt: Record<string, number> = {},
    ) {}
    async fetch(ids: readonly string[]): Promise<Map<string, { id: string; done: boolean }>> {
        this.checks.push(this.clock.now());
        this.asked.push(ids);
        return new Map(ids.map((id) => [id, { id, done: this.clock.now() >= (this.endsAt[id] ?? Infinity) }]));
    }
}

async function checkTimes(waits: number, idsPerCall: number | undefined, minMs = DEFAULT_BACKOFF.minMs): Promise<number[]> {
    const clock = new FakeClock();
    const source = new RunningList(clock, idsPerCall);
    const poller = new Poller(clock, () => 0.5);
    const controller = new AbortController();
    setMaxListeners(0, controller.signal); // one signal ends hundreds of waits
    const backoff = { ...DEFAULT_BACKOFF, minMs };
    const pending = Array.from({ length: waits }, (_, i) =>
        poller.wait({
            source,
            taskId: `t-${i}`,
            timeoutMs: 3600 * SECOND,
            backoff,
            maxGapMs: backoff.maxMs,
            judge: (s) => (s.done ? "success" : "retry"),
            signal: controller.signal,
        }),
    );
    await clock.advance(40 * SECOND);
    controller.abort();
    await Promise.all(pending);
    return source.checks;
}

const gaps = (checks: number[]) => checks.slice(1).map((t, i) => t - checks[i]);

describe("engine: shared checks are spaced by the waits each call answers", () => {
    it("checks every 4 s while each call answers up to 200 waits", async () => {
        const checks = await checkTimes(150, 500);
        assert.deepStrictEqual(gaps(checks).slice(0, 5), [3000, 4000, 4000, 4000, 4000]);
        // 600 waits in pages of 100: 6 calls a check, 100 waits each
        assert.deepStrictEqual(gaps(await checkTimes(600, 100)).slice(0, 4), [3000, 4000, 4000, 4000]);
    });

    it("checks every 3 s (the backoff's minimum) when each call answers 600 waits, or 300 in pages of 500", async () => {
        assert.deepStrictEqual(gaps(await checkTimes(600, undefined)).slice(0, 4), [3000, 3000, 3000, 3000]);
        assert.deepStrictEqual(gaps(await checkTimes(600, 500)).slice(0, 4), [3000, 3000, 3000, 3000]);
    });

    it("never checks more often than a user's pollInterval.min, however many waits a call answers", async () => {
        assert.deepStrictEqual(gaps(await checkTimes(600, 500, 5 * SECOND)).slice(0, 4), [5000, 5000, 5000, 5000]);
    });

    it("keeps the shared cadence for the last wait of a batch while what sharing saved it lasts", async () => {
        // 10 waits; 9 end at 300 s: t-9 spent a tenth of a call a check until then, far below the backoff's 32 checks
        const endsAt = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`t-${i}`, 300 * SECOND]));
        const { source, results } = await runBatch(10, endsAt, 400 * SECOND);
        assert.deepStrictEqual(
            results.map((r) => r.state),
            [...Array(9).fill("success"), "aborted"],
        );
        const alone = source.checks.filter((_, i) => source.asked[i].length === 1);
        assert.ok(alone.length >= 20, `checks of t-9 alone: ${alone.length}`);
        assert.deepStrictEqual([...new Set(gaps(alone))], [4000]);
    });

    it("returns a wait left alone early to the backoff's cadence, never spending more calls than the backoff would", async () => {
        const { source, spentBy } = await runBatch(2, { "t-0": 10 * SECOND }, 600 * SECOND);
        const alone = source.checks.filter((_, i) => source.asked[i].length === 1);
        assert.deepStrictEqual(gaps(alone).slice(-10), Array(10).fill(10_000));
        // its calls: shared ones count half; within the backoff's count for 600 s (0, 3, 9, 19, ... 599 s: 62)
        assert.strictEqual(backoffPollsWithin(600 * SECOND, DEFAULT_BACKOFF), 62);
        assert.ok(spentBy("t-1") <= 62, `t-1 spent ${spentBy("t-1")}`);
    });
});

/** `waits` waits on one list (pages of 500), ended as `endsAt` says; aborted after `forMs`. */
async function runBatch(waits: number, endsAt: Record<string, number>, forMs: number) {
    const clock = new FakeClock();
    const source = new RunningList(clock, 500, endsAt);
    const poller = new Poller(clock, () => 0.5);
    const controller = new AbortController();
    setMaxListeners(0, controller.signal);
    const pending = Array.from({ length: waits }, (_, i) =>
        poller.wait({
            source,
            taskId: `t-${i}`,
            timeoutMs: 3600 * SECOND,
            backoff: DEFAULT_BACKOFF,
            maxGapMs: DEFAULT_BACKOFF.maxMs,
            judge: (s) => (s.done ? "success" : "retry"),
            signal: controller.signal,
        }),
    );
    await clock.advance(forMs);
    controller.abort();
    const results = await Promise.all(pending);
    const spentBy = (id: string) => source.asked.reduce((sum, ids) => sum + (ids.includes(id) ? 1 / ids.length : 0), 0);
    return { source, results, spentBy };
}
