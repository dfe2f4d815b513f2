// Deadlines that hold whatever the server does, on the fake clock: a request that never answers, a
// long retry-after and a queue in the rate limiter end a wait by its deadline plus DEADLINE_GRACE_MS;
// a request's timeout and a retry-after are bounded.
import * as assert from "assert";
import { requestTimeoutMs } from "../../../provider/client/call";
import { parseRetryAfter } from "../../../provider/client/errors";
import { RateLimiter } from "../../../provider/client/limiter";
import { DEFAULT_BACKOFF } from "../../../provider/engine/backoff";
import { Poller, TaskSource } from "../../../provider/engine/poller";
import { FakeClock } from "../../support/engineClock";

/** The poller's grace past a deadline and the longest retry-after honoured, pinned: changing either is a decision. */
const DEADLINE_GRACE_MS = 2000;
const MAX_RETRY_AFTER_MS = 60_000;

/** The schedule of these waits: the default backoff, its maximum the longest gap. */
const schedule = { backoff: DEFAULT_BACKOFF, maxGapMs: DEFAULT_BACKOFF.maxMs };

const never: TaskSource<{ id: string }> = { batchKey: "k", maxBatchSize: 1, fetch: () => new Promise(() => undefined) };

describe("deadlines", () => {
    it("a request that never answers ends the wait at its deadline plus the grace, as a timeout", async () => {
        const clock = new FakeClock();
        const poller = new Poller(clock, () => 0.5);
        let ended: number | undefined;
        const pending = poller
            .wait({ source: never, taskId: "a", timeoutMs: 5000, judge: () => "success", ...schedule })
            .then((r) => ((ended = clock.now()), r));
        await clock.advance(5000 + DEADLINE_GRACE_MS - 1);
        assert.strictEqual(ended, undefined, "not before the grace is over");
        await clock.advance(1);
        const result = await pending;
        assert.strictEqual(result.state, "timeout");
        assert.strictEqual(ended, 5000 + DEADLINE_GRACE_MS);
        assert.match(result.failure?.message ?? "", /no answer before the deadline/);
    });

    it("the source is told how long the latest deadline among the waits allows", async () => {
        const clock = new FakeClock();
        const seen: (number | undefined)[] = [];
        const source: TaskSource<{ id: string }> = { batchKey: "k", maxBatchSize: 10, fetch: async (ids, timeLeftMs) => (seen.push(timeLeftMs), new Map()) };
        const poller = new Poller(clock, () => 0.5);
        void poller.wait({ source, taskId: "a", timeoutMs: 3000, judge: () => "success", ...schedule });
        void poller.wait({ source, taskId: "b", timeoutMs: 8000, judge: () => "success", ...schedule });
        await clock.advance(0);
        assert.deepStrictEqual(seen, [8000]);
    });

    it("a retry-after is capped, and a nonsense one is ignored", () => {
        assert.strictEqual(parseRetryAfter("1500"), 1500);
        assert.strictEqual(parseRetryAfter("45000"), 45_000);
        assert.strictEqual(parseRetryAfter("999999999999"), MAX_RETRY_AFTER_MS);
        assert.strictEqual(parseRetryAfter("soon"), undefined);
        assert.strictEqual(parseRetryAfter("-5"), undefined);
    });

    it("a request's timeout is bounded by the time its wait has left (and at least a second)", () => {
        assert.strictEqual(requestTimeoutMs(undefined), 10_000);
        assert.strictEqual(requestTimeoutMs(60_000), 10_000);
        assert.strictEqual(requestTimeoutMs(2000), 3000);
        assert.strictEqual(requestTimeoutMs(0), 1000);
    });

    it("a call queued behind a paused bucket is turned away at its deadline, not held until the pause ends", async () => {
        const clock = new FakeClock();
        const limiter = new RateLimiter(undefined, clock);
        limiter.bucket("ecs|e|r|a").throttled(60_000);
        let outcome: string | undefined;
        void limiter.acquire("ecs|e|r|a", 3000).then(
            () => (outcome = "called"),
            (e: { code?: string }) => (outcome = e.code),
        );
        await clock.advance(2999);
        assert.strictEqual(outcome, undefined);
        await clock.advance(1);
        assert.strictEqual(outcome, "RateLimited");
    });
});
