/**
 * Delays between polls: exponential from `minMs` to `maxMs` with jitter, and never past the
 * deadline: the last poll is placed just before it, so a task that finishes in the final
 * interval is still seen.
 */
export interface BackoffPolicy {
    minMs: number;
    maxMs: number;
    /** Growth per poll. */
    factor: number;
    /** Spread of each delay, 0..1: 0.1 means +-10%. Keeps many waiters from polling in lockstep. */
    jitter: number;
}

/**
 * The cadence of Terraform's alicloud waiters (3 s, 6 s, then every 10 s), so that a lone wait makes
 * no more calls than they do; concurrent waits share their calls on top of that.
 */
export const DEFAULT_BACKOFF: BackoffPolicy = { minMs: 3000, maxMs: 10_000, factor: 2, jitter: 0.1 };

export type RandomSource = () => number;

/**
 * The delay before poll number `attempt + 1` (attempt 0 is the first delay after the first poll).
 * Jitter spreads the growing delays; at the cap the delay is exact: waiters are out of step by
 * then, and an exact cap keeps the worst detection lag at `maxMs` and the mean delay at `maxMs`.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: RandomSource = Math.random): number {
    const base = baseDelay(attempt, policy);
    if (base >= policy.maxMs) return policy.maxMs;
    const spread = base * policy.jitter * (2 * random() - 1);
    return Math.round(Math.min(policy.maxMs, Math.max(policy.minMs, base + spread)));
}

/** The delay before poll number `attempt + 1`, without jitter. */
function baseDelay(attempt: number, policy: BackoffPolicy): number {
    return Math.min(policy.maxMs, policy.minMs * Math.pow(policy.factor, Math.max(0, attempt)));
}

/**
 * How many polls the backoff makes (without jitter) in the first `elapsedMs` of a wait, the one at
 * once included: what a wait of Terraform's cadence would have spent by then.
 */
export function backoffPollsWithin(elapsedMs: number, policy: BackoffPolicy): number {
    let polls = 1;
    let at = 0;
    for (let attempt = 0; ; attempt++) {
        const delay = baseDelay(attempt, policy);
        if (delay >= policy.maxMs) return polls + Math.floor(Math.max(0, elapsedMs - at) / policy.maxMs);
        if (at + delay > elapsedMs) return polls;
        at += delay;
        polls++;
    }
}

/**
 * How long before the deadline the last poll starts: long enough for a request to be answered,
 * short enough not to waste the final interval.
 */
export function finalPollLead(policy: BackoffPolicy): number {
    return Math.min(1000, policy.minMs);
}

/** When the next poll should start, given the time now, the backoff delay and the deadline. */
export function nextPollAt(now: number, delayMs: number, deadline: number, policy: BackoffPolicy): number {
    const lastPoll = deadline - finalPollLead(policy);
    return Math.max(now, Math.min(now + delayMs, lastPoll));
}
