import { Clock, systemClock } from "../engine/clock";
import { ApiError } from "./errors";

/**
 * Client-side rate limits. Every API call of the provider process passes one token bucket per
 * (product, endpoint, region, AccessKeyId): Alibaba Cloud throttles per account and API family,
 * and a `pulumi up` with hundreds of waiters must not turn into a burst that earns Throttling
 * answers for every other tool using the same account.
 *
 * The rate adapts (AIMD): a Throttling answer halves it and empties the bucket; an
 * `x-acs-retry-after` stops every call of that bucket until then; each quiet second gives some
 * rate back, up to the configured one.
 */
export interface RateLimitPolicy {
    /** The steady rate of one bucket, in requests per second. */
    ratePerSecond: number;
    /** Calls that may go at once after a quiet spell. */
    burst: number;
    /** Multiplier applied to the rate on a Throttling answer (multiplicative decrease). */
    decrease: number;
    /** The rate never drops below this. */
    minRatePerSecond: number;
    /** Requests per second of rate regained for each second without throttling (additive increase). */
    recoveryPerSecond: number;
    /** Throttling answers within this time of a decrease are the same event (calls already in flight). */
    decreaseCooldownMs: number;
}

/**
 * 20 requests a second per bucket: well under the per-API quotas Alibaba Cloud documents for the
 * Describe* calls used here (typically 50..100/s per account), so the provider leaves room for
 * others; a shared poller needs far fewer (one DescribeTasks per 100 ECS waits per round).
 */
export const DEFAULT_RATE_LIMIT: RateLimitPolicy = {
    ratePerSecond: 20,
    burst: 20,
    decrease: 0.5,
    minRatePerSecond: 1,
    recoveryPerSecond: 2,
    decreaseCooldownMs: 1000,
};

/** What a bucket has seen: for benchmarks and diagnostics. */
export interface BucketStats {
    key: string;
    ratePerSecond: number;
    calls: number;
    throttled: number;
    /** Calls that had to wait for a token or for a retry-after to pass. */
    delayed: number;
}

/** One bucket: a FIFO of callers waiting for tokens. */
class TokenBucket {
    private tokens: number;
    private rate: number;
    private lastRefill: number;
    private pausedUntil = -Infinity;
    private lastDecreaseAt = -Infinity;
    private readonly queue: { go(): void }[] = [];
    private timer: unknown;
    private counts = { calls: 0, throttled: 0, delayed: 0 };

    constructor(
        readonly key: string,
        private readonly policy: RateLimitPolicy,
        private readonly clock: Clock,
    ) {
        this.tokens = policy.burst;
        this.rate = policy.ratePerSecond;
        this.lastRefill = clock.now();
    }

    get currentRate(): number {
        this.refill(this.clock.now());
        return this.rate;
    }

    get stats(): BucketStats {
        return { key: this.key, ratePerSecond: this.currentRate, ...this.counts };
    }

    /**
     * Resolves when the caller may send one request. A caller that can wait at most `maxWaitMs` (its
     * wait's deadline) is turned away at that moment instead: a bucket paused by one wait's throttled
     * answer must not hold another past its own deadline.
     */
    acquire(maxWaitMs?: number): Promise<void> {
        this.counts.calls++;
        const now = this.clock.now();
        this.refill(now);
        if (this.queue.length === 0 && now >= this.pausedUntil && this.tokens >= 1) {
            this.tokens -= 1;
            return Promise.resolve();
        }
        this.counts.delayed++;
        return new Promise((resolve, reject) => {
            const waiter = { go: resolve };
            this.queue.push(waiter);
            if (maxWaitMs !== undefined) {
                const timer = this.clock.setTimer(() => {
                    const index = this.queue.indexOf(waiter);
                    if (index === -1) return;
                    this.queue.splice(index, 1);
                    reject(
                        new ApiError(
                            "throttling",
                            this.key.split("|")[0],
                            "RateLimited",
                            "the rate limit left no room for this call before the wait's deadline",
                        ),
                    );
                }, maxWaitMs);
                waiter.go = () => {
                    this.clock.clearTimer(timer);
                    resolve();
                };
            }
            this.drainLater();
        });
    }

    /** A Throttling answer: slow down, and honour the server's retry-after. */
    throttled(retryAfterMs?: number): void {
        this.counts.throttled++;
        const now = this.clock.now();
        this.refill(now);
        if (now - this.lastDecreaseAt >= this.policy.decreaseCooldownMs) {
            this.rate = Math.max(this.policy.minRatePerSecond, this.rate * this.policy.decrease);
            this.lastDecreaseAt = now;
        }
        this.tokens = Math.min(this.tokens, 0);
        if (retryAfterMs !== undefined && retryAfterMs > 0) this.pausedUntil = Math.max(this.pausedUntil, now + retryAfterMs);
        this.drainLater();
    }

    /** Tokens and rate accrue only while the bucket is not paused. */
    private refill(now: number): void {
        const from = Math.max(this.lastRefill, this.pausedUntil);
        if (now > from) {
            const seconds = (now - from) / 1000;
            const recovered = Math.min(this.policy.ratePerSecond, this.rate + this.policy.recoveryPerSecond * seconds);
            // tokens accrue at the mean of the old and new rate over the interval
            this.tokens = Math.min(this.policy.burst, this.tokens + ((this.rate + recovered) / 2) * seconds);
            this.rate = recovered;
        }
        this.lastRefill = Math.max(this.lastRefill, now);
    }

    private drain(): void {
        this.timer = undefined;
        const now = this.clock.now();
        this.refill(now);
        while (this.queue.length > 0 && now >= this.pausedUntil && this.tokens >= 1) {
            this.tokens -= 1;
            this.queue.shift()!.go();
        }
        this.drainLater();
    }

    /** Sets one timer for when the next queued caller can go. */
    private drainLater(): void {
        if (this.timer !== undefined) {
            this.clock.clearTimer(this.timer);
            this.timer = undefined;
        }
        if (this.queue.length === 0) return;
        const now = this.clock.now();
        const tokenAt = now + (Math.max(0, 1 - this.tokens) / Math.max(this.rate, 0.001)) * 1000;
        const at = Math.max(tokenAt, this.pausedUntil);
        this.timer = this.clock.setTimer(() => this.drain(), Math.max(0, Math.ceil(at - now)));
    }
}

/** The buckets of one runtime (one per provider process or CLI run), by key. */
export class RateLimiter {
    private readonly buckets = new Map<string, TokenBucket>();

    constructor(
        readonly policy: RateLimitPolicy = DEFAULT_RATE_LIMIT,
        private readonly clock: Clock = systemClock,
    ) {}

    bucket(key: string): TokenBucket {
        let bucket = this.buckets.get(key);
        if (!bucket) {
            bucket = new TokenBucket(key, this.policy, this.clock);
            this.buckets.set(key, bucket);
        }
        return bucket;
    }

    /** Resolves when one request of the key's bucket may go; turned away at `maxWaitMs` (the wait's deadline). */
    acquire(key: string, maxWaitMs?: number): Promise<void> {
        return this.bucket(key).acquire(maxWaitMs);
    }

    /** What a request's error tells its bucket: a Throttling answer slows it down and honours retry-after; any other error, nothing. */
    failed(key: string, error: unknown): void {
        const failure = error as { kind?: unknown; retryAfterMs?: unknown };
        if (failure?.kind === "throttling") this.bucket(key).throttled(typeof failure.retryAfterMs === "number" ? failure.retryAfterMs : undefined);
    }

    stats(): BucketStats[] {
        return [...this.buckets.values()].map((b) => b.stats);
    }
}

/** The bucket a call belongs to: product, endpoint, region (when the call names one) and account. */
export function rateLimitKey(product: string, endpoint: string, region: string | undefined, account: string): string {
    return [product, endpoint, region ?? "", account].join("|");
}
