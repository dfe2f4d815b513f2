import * as assert from "assert";
import { popCoreClient } from "../../../provider/client/call";
import { ApiError } from "../../../provider/client/errors";
import { DEFAULT_RATE_LIMIT, RateLimitPolicy, RateLimiter, rateLimitKey } from "../../../provider/client/limiter";
import { FakeClock } from "../../support/engineClock";

const POLICY: RateLimitPolicy = { ratePerSecond: 10, burst: 5, decrease: 0.5, minRatePerSecond: 1, recoveryPerSecond: 1, decreaseCooldownMs: 1000 };

/** Starts `count` acquisitions and records the fake time at which each one is granted. */
function acquireAll(limiter: RateLimiter, clock: FakeClock, count: number, key = "k"): number[] {
    const granted: number[] = [];
    for (let i = 0; i < count; i++)
        void limiter
            .bucket(key)
            .acquire()
            .then(() => granted.push(clock.now()));
    return granted;
}

const throttling = (retryAfterMs?: number) => new ApiError("throttling", "ECS DescribeTasks", "Throttling.User", "slow down", "R1", 400, retryAfterMs);

describe("client: rate limiter", () => {
    it("lets a burst through, then paces calls at the rate", async () => {
        const clock = new FakeClock();
        const limiter = new RateLimiter(POLICY, clock);
        const granted = acquireAll(limiter, clock, 8);
        await clock.advance(0);
        assert.deepStrictEqual(granted, [0, 0, 0, 0, 0], "the burst goes at once");
        await clock.advance(1000);
        // then one every 100 ms at 10/s
        assert.deepStrictEqual(granted.slice(5), [100, 200, 300]);
        assert.strictEqual(limiter.bucket("k").stats.delayed, 3);
    });

    it("keeps buckets apart: another account or region is not slowed down", async () => {
        const clock = new FakeClock();
        const limiter = new RateLimiter(POLICY, clock);
        acquireAll(limiter, clock, 5, rateLimitKey("ECS", "https://ecs.cn-hangzhou.aliyuncs.com", "cn-hangzhou", "AK1"));
        const other = acquireAll(limiter, clock, 5, rateLimitKey("ECS", "https://ecs.cn-hangzhou.aliyuncs.com", "cn-hangzhou", "AK2"));
        await clock.advance(0);
        assert.deepStrictEqual(other, [0, 0, 0, 0, 0]);
    });

    it("halves the rate on Throttling, once for the calls that were in flight together", async () => {
        const clock = new FakeClock();
        const limiter = new RateLimiter(POLICY, clock);
        const bucket = limiter.bucket("k");
        bucket.throttled();
        bucket.throttled();
        assert.strictEqual(bucket.currentRate, 5);
        await clock.advance(1000);
        bucket.throttled();
        assert.ok(Math.abs(bucket.currentRate - 3) < 1e-9, `5 + 1 recovered, halved: ${bucket.currentRate}`);
    });

    it("empties the bucket on Throttling, so the next call waits for a token at the lower rate", async () => {
        const clock = new FakeClock();
        const limiter = new RateLimiter(POLICY, clock);
        limiter.bucket("k").throttled();
        const granted = acquireAll(limiter, clock, 2);
        await clock.advance(1000);
        // 5/s growing by 1/s: the first token after ~190 ms, the second ~180 ms later
        assert.strictEqual(granted.length, 2);
        assert.ok(granted[0] >= 180 && granted[0] <= 200, `first at ${granted[0]}`);
        assert.ok(granted[1] - granted[0] >= 160 && granted[1] - granted[0] <= 200, `second at ${granted[1]}`);
    });

    it("makes no call on the bucket until x-acs-retry-after has passed", async () => {
        const clock = new FakeClock();
        const limiter = new RateLimiter(POLICY, clock);
        limiter.bucket("k").throttled(3000);
        const granted = acquireAll(limiter, clock, 3);
        await clock.advance(2999);
        assert.deepStrictEqual(granted, [], "paused");
        await clock.advance(2000);
        assert.strictEqual(granted.length, 3);
        assert.ok(granted[0] >= 3000, `first after the pause: ${granted[0]}`);
        assert.ok(
            granted.every((t, i) => i === 0 || t > granted[i - 1]),
            "then paced, not a burst",
        );
    });

    it("recovers additively to the configured rate, and no further", async () => {
        const clock = new FakeClock();
        const limiter = new RateLimiter(POLICY, clock);
        const bucket = limiter.bucket("k");
        bucket.throttled();
        await clock.advance(1000);
        bucket.throttled(); // 6 -> 3
        assert.ok(Math.abs(bucket.currentRate - 3) < 1e-9);
        await clock.advance(4000);
        assert.ok(Math.abs(bucket.currentRate - 7) < 1e-9, `3 + 4 s x 1/s: ${bucket.currentRate}`);
        await clock.advance(60_000);
        assert.strictEqual(bucket.currentRate, POLICY.ratePerSecond);
    });

    it("never goes below the minimum rate", async () => {
        const clock = new FakeClock();
        const limiter = new RateLimiter({ ...POLICY, recoveryPerSecond: 0 }, clock);
        const bucket = limiter.bucket("k");
        for (let i = 0; i < 10; i++) {
            bucket.throttled();
            await clock.advance(1000);
        }
        assert.strictEqual(bucket.currentRate, POLICY.minRatePerSecond);
    });

    it("failed() slows the bucket on a Throttling error only, and acquire() then honours its retry-after", async () => {
        const clock = new FakeClock();
        const limiter = new RateLimiter(POLICY, clock);
        await limiter.acquire("k");
        limiter.failed("k", new ApiError("permanent", "ECS DescribeTasks", "Forbidden.RAM", "no"));
        await limiter.acquire("k");
        limiter.failed("k", throttling(2000));
        const stats = limiter.bucket("k").stats;
        assert.strictEqual(stats.throttled, 1, "only the Throttling answer counts");
        assert.strictEqual(stats.ratePerSecond, 5);
        let ran = false;
        const next = limiter.acquire("k").then(() => (ran = true));
        await clock.advance(1999);
        assert.strictEqual(ran, false, "retry-after honoured by acquire()");
        await clock.advance(500);
        assert.strictEqual(await next, true);
    });

    it("has documented defaults: 20 requests a second per bucket, halved on Throttling", () => {
        assert.strictEqual(DEFAULT_RATE_LIMIT.ratePerSecond, 20);
        assert.strictEqual(DEFAULT_RATE_LIMIT.decrease, 0.5);
    });

    it("is what the runtime's client passes every call through, keyed by product, endpoint, region and AccessKeyId", async () => {
        const clock = new FakeClock();
        const limiter = new RateLimiter(POLICY, clock);
        const target = {
            api: "ECS DescribeTasks",
            product: "ECS",
            account: "AKID",
            endpoint: "http://127.0.0.1:1",
            apiVersion: "2014-05-26",
            credentials: { getCredentials: async () => ({ accessKeyId: "AKID", accessKeySecret: "secret" }) },
            timeoutMs: 200,
        };
        await assert.rejects(popCoreClient(limiter).rpc(target, "DescribeTasks", { RegionId: "cn-hangzhou" }), (e: ApiError) => e.kind === "transient");
        assert.deepStrictEqual(
            limiter.stats().map((s) => [s.key, s.calls]),
            [["ECS|http://127.0.0.1:1|cn-hangzhou|AKID", 1]],
        );
    });
});
