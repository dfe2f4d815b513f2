import * as assert from "assert";
import { DEFAULT_BACKOFF } from "../../provider/engine/backoff";
import { Poller, TaskSource } from "../../provider/engine/poller";
import { FakeClock } from "../support/fakeClock";

/**
 * Shared checks are spaced by how many waits each call answers (cadence.ts sharedGap): every 4 s
 * up to 200 waits a call, more often beyond, never more often than the backoff's minimum. On the
 * fake clock: check times are exact.
 */

const SECOND = 1000;

/** A list that answers `idsPerCall` ids a call; every task runs for ever and reports no progress. */
class RunningList implements TaskSource<{ id: string }> {
    readonly batchKey = "list";
    readonly maxBatchSize = 1000;
    readonly checks: number[] = [];
    constructor(
        private readonly clock: FakeClock,
        readonly idsPerCall?: number,
    ) {}
    async fetch(ids: readonly string[]): Promise<Map<string, { id: string }>> {
        this.checks.push(this.clock.now());
        return new Map(ids.map((id) => [id, { id }]));
    }
}

async function checkTimes(waits: number, idsPerCall: number | undefined, minMs = DEFAULT_BACKOFF.minMs): Promise<number[]> {
    const clock = new FakeClock();
    const source = new RunningList(clock, idsPerCall);
    const poller = new Poller(clock, () => 0.5);
    const controller = new AbortController();
    const backoff = { ...DEFAULT_BACKOFF, minMs };
    const pending = Array.from({ length: waits }, (_, i) =>
        poller.wait({ source, taskId: `t-${i}`, timeoutMs: 3600 * SECOND, backoff, isTerminal: () => false, signal: controller.signal }),
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
});
