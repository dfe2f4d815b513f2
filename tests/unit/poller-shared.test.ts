import * as assert from "assert";
import { setMaxListeners } from "events";
import { DEFAULT_BACKOFF } from "../../provider/engine/backoff";
import { Poller, TaskSource } from "../../provider/engine/poller";
import { FakeClock } from "../support/fakeClock";

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
        poller.wait({ source, taskId: `t-${i}`, timeoutMs: 3600 * SECOND, backoff, isTerminal: (s) => s.done, signal: controller.signal }),
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

    it("keeps the shared cadence for the last wait of a batch, instead of falling back to the backoff's 10 s", async () => {
        const clock = new FakeClock();
        const source = new RunningList(clock, 500, { "t-0": 20 * SECOND, "t-1": 20 * SECOND });
        const poller = new Poller(clock, () => 0.5);
        const controller = new AbortController();
        const waits = ["t-0", "t-1", "t-2"].map((taskId) =>
            poller.wait({ source, taskId, timeoutMs: 3600 * SECOND, backoff: DEFAULT_BACKOFF, isTerminal: (s) => s.done, signal: controller.signal }),
        );
        await clock.advance(80 * SECOND);
        controller.abort();
        const results = await Promise.all(waits);
        assert.deepStrictEqual(
            results.map((r) => r.reason),
            ["terminal", "terminal", "aborted"],
        );
        // after the others ended (the check at 23 s saw them), t-2 is asked for alone, every 4 s
        const alone = source.checks.filter((_, i) => source.asked[i].length === 1);
        assert.ok(alone.length >= 10, `checks of t-2 alone: ${alone.length}`);
        assert.deepStrictEqual([...new Set(gaps(alone))], [4000]);
    });
});
