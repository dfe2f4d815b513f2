import * as assert from "assert";
import { DEFAULT_BACKOFF, backoffDelay, backoffPollsWithin, formatDuration, nextPollAt, parseDuration } from "../../../provider/engine";

describe("engine: backoff and durations", () => {
    it("grows exponentially from min to max", () => {
        const policy = { minMs: 1000, maxMs: 8000, factor: 2, jitter: 0 };
        assert.deepStrictEqual(
            [0, 1, 2, 3, 4, 5].map((a) => backoffDelay(a, policy)),
            [1000, 2000, 4000, 8000, 8000, 8000],
        );
    });

    it("spreads delays by the jitter and stays within min and max", () => {
        const policy = { minMs: 1000, maxMs: 10_000, factor: 2, jitter: 0.2 };
        assert.strictEqual(
            backoffDelay(1, policy, () => 0),
            1600,
        );
        assert.strictEqual(
            backoffDelay(1, policy, () => 1),
            2400,
        );
        assert.strictEqual(
            backoffDelay(0, policy, () => 0),
            1000,
            "never under min",
        );
        assert.strictEqual(
            backoffDelay(9, policy, () => 1),
            10_000,
            "never over max",
        );
    });

    it("counts the checks the backoff makes in a stretch of time: at once, 3 s, 9 s, 19 s, then every 10 s", () => {
        const counts = [0, 2999, 3000, 8999, 9000, 19_000, 28_999, 29_000, 100_000].map((ms) => backoffPollsWithin(ms, DEFAULT_BACKOFF));
        assert.deepStrictEqual(counts, [1, 1, 2, 2, 3, 4, 4, 5, 12]);
        // a user's pollInterval.min of 5 s and max of 20 s: 0, 5, 15, 35, 55 s
        assert.strictEqual(backoffPollsWithin(55_000, { ...DEFAULT_BACKOFF, minMs: 5000, maxMs: 20_000 }), 5);
    });

    it("documents the defaults: Terraform's alicloud cadence, 3s, 6s, then every 10s", () => {
        assert.deepStrictEqual(DEFAULT_BACKOFF, { minMs: 3000, maxMs: 10_000, factor: 2, jitter: 0.1 });
        assert.deepStrictEqual(
            [0, 1, 2, 3].map((a) => backoffDelay(a, { ...DEFAULT_BACKOFF, jitter: 0 })),
            [3000, 6000, 10_000, 10_000],
        );
    });

    it("keeps the delay exact at the cap, so the mean delay and the worst lag stay at max", () => {
        const policy = { minMs: 1000, maxMs: 8000, factor: 2, jitter: 0.2 };
        for (const r of [0, 0.3, 0.7, 1])
            assert.strictEqual(
                backoffDelay(5, policy, () => r),
                8000,
            );
    });

    it("places the last check just before the deadline", () => {
        const policy = { minMs: 2000, maxMs: 10_000, factor: 2, jitter: 0 };
        assert.strictEqual(nextPollAt(0, 5000, 100_000, policy), 5000);
        assert.strictEqual(nextPollAt(95_000, 10_000, 100_000, policy), 99_000);
        assert.strictEqual(nextPollAt(99_500, 10_000, 100_000, policy), 99_500);
    });

    it("parses and formats durations", () => {
        assert.strictEqual(parseDuration("45m"), 2_700_000);
        assert.strictEqual(parseDuration("1h30m"), 5_400_000);
        assert.strictEqual(parseDuration("500ms"), 500);
        assert.strictEqual(parseDuration("1.5s"), 1500);
        for (const bad of ["", "10", "5 minutes", "-1s", "1d", "m"]) assert.strictEqual(parseDuration(bad), undefined, bad);
        assert.strictEqual(formatDuration(950), "950ms");
        assert.strictEqual(formatDuration(42_000), "42s");
        assert.strictEqual(formatDuration(185_000), "3m05s");
        assert.strictEqual(formatDuration(3_720_000), "1h02m");
    });
});
