import { BackoffPolicy, RandomSource, backoffDelay } from "./backoff";
import type { Forecast } from "./forecast";

/**
 * When a wait polls next, after a poll that found its task still running. Three sources of
 * knowledge, in order:
 * - a progress forecast (forecast.ts): approach the forecast end geometrically (half the time left
 *   to it, then half again, ...) so that polls are few while the end is far and dense around it;
 * - no forecast (no progress reported, or none that moved): the backoff, Terraform's cadence;
 * - a forecast end that has passed with the task still running: the backoff again, from its start.
 * Shared polls (one call answered several waits) are cheap for each, but any wait that asks for
 * one makes one for all: a wait that shares its polls is polled every `sharedMs` (more often when
 * one call answers very many waits, see sharedGap) unless its forecast says its end is further away
 * (other waits' polls then answer it for nothing).
 */
export interface CadencePolicy {
    /** Part of the time left to the earliest forecast end that the next poll waits, 0..1. */
    approach: number;
    /** The same between the earliest and the likely end, where the end may come at any time. */
    within: number;
    /**
     * How late on its forecast a task may be, as a part of the time the forecast rests on, before the
     * forecast is given up for the backoff: progress often slows at the end (an S-shaped task).
     */
    lateSlack: number;
    /** Longest gap between shared polls of a wait without a forecast. */
    sharedMs: number;
    /**
     * A wait's share of the shared calls is at most one call per this long: when one call answers
     * more waits than sharedMs needs for that, shared polls come more often (never more often than
     * the backoff's minimum). 800 s is 80 times below Terraform's one call per wait every 10 s.
     */
    perWaitCallMs: number;
    /**
     * Waits that start moments apart on one source take their first poll together: the first at
     * once, each later one within this long of it at the end of that window (pulumi up's creates and
     * refresh's reads of one stack reach the provider spread over a second or more, one by one).
     */
    gatherMs: number;
}

export const DEFAULT_CADENCE: CadencePolicy = { approach: 0.5, within: 0.25, lateSlack: 0.1, sharedMs: 4000, perWaitCallMs: 800_000, gatherMs: 1000 };

/**
 * The gap between shared polls when each call answers `waitsPerCall` waits: sharedMs up to 200
 * waits a call (by default), then shorter in proportion, down to the backoff's minimum (3 s by
 * default, or the user's pollInterval.min).
 */
export function sharedGap(policy: BackoffPolicy, cadence: CadencePolicy, waitsPerCall: number): number {
    const byShare = cadence.perWaitCallMs / Math.max(1, waitsPerCall);
    return Math.max(policy.minMs, Math.min(cadence.sharedMs, byShare));
}

/** How much before a user's maximum gap the poll is aimed: 5% of it, at most a second. */
export function maxGapLead(maxGapMs: number): number {
    return Math.min(1000, Math.round(maxGapMs * 0.05));
}

export interface PollContext {
    policy: BackoffPolicy;
    cadence: CadencePolicy;
    /** Polls of this wait so far, not counting this one: the backoff step without a forecast. */
    attempt: number;
    /** Polls since the forecast end passed (0 for the first late poll): the backoff step when late. */
    latePolls: number;
    forecast?: Forecast;
    /** When this poll started, and when its answer came. */
    startedAt: number;
    answeredAt: number;
    /** Whether this poll answered other waits too. */
    shared: boolean;
    /** When shared: how many waits each call of this poll answered (it sets the shared gap). Default 1. */
    waitsPerCall?: number;
    /** The longest gap between the starts of two polls, as the request gives it: never exceeded, whatever the forecast. */
    maxGapMs: number;
    /**
     * Whether maxGapMs is a promise to a user (pollInterval.max) rather than the backoff's own cap:
     * the next poll is then aimed a little before it (maxGapLead), so that a timer firing late or
     * a call queued behind others still starts within it.
     */
    hardMaxGap?: boolean;
}

export interface NextPoll {
    /** When the next poll should start (the deadline is applied by the caller). */
    at: number;
    /** The forecast end had passed: the task is late on its own pace. */
    late: boolean;
}

/**
 * The next poll after one that found the task running. The longest gap is the request's, kept as
 * given (wait/options.ts decides it): a forecast may use all of it, the backoff stays below it, and
 * a user's promise is aimed a little before (maxGapLead).
 */
export function nextPoll(ctx: PollContext, random: RandomSource): NextPoll {
    const { policy, forecast, maxGapMs: maxGap } = ctx;
    let gap: number;
    let informed = false;
    let late = false;
    if (forecast && forecast.likely > ctx.startedAt) {
        // before the earliest end, approach it; between earliest and likely, approach the likely end
        gap =
            forecast.earliest > ctx.startedAt
                ? ctx.cadence.approach * (forecast.earliest - ctx.answeredAt)
                : ctx.cadence.within * (forecast.likely - ctx.answeredAt);
        informed = true;
    } else if (forecast && ctx.startedAt - forecast.likely <= ctx.cadence.lateSlack * (forecast.likely - forecast.since)) {
        // a little late: the end is still near, poll densely
        gap = policy.minMs;
        informed = true;
    } else if (forecast) {
        gap = backoffDelay(ctx.latePolls, policy, random);
        late = true;
    } else {
        gap = backoffDelay(ctx.attempt, policy, random);
    }
    // A shared poll is cheap for each wait, but any wait that wants one makes one for all: shared
    // polls come every sharedGap, denser only before the backoff reaches it.
    const sharedMs = sharedGap(policy, ctx.cadence, ctx.waitsPerCall ?? 1);
    if (ctx.shared) gap = informed ? Math.max(gap, sharedMs) : Math.min(gap, sharedMs);
    gap = Math.min(Math.max(gap, policy.minMs), informed ? maxGap : Math.min(maxGap, policy.maxMs));
    // A shared poll keeps its cadence from the poll's start: the answer's latency does not add to
    // the lag. A lone wait pays a call per poll and waits after the answer, as Terraform's waiters
    // do; both never start more than maxGap after this poll started.
    const from = ctx.shared ? ctx.startedAt : ctx.answeredAt;
    const latest = ctx.startedAt + maxGap - (ctx.hardMaxGap ? maxGapLead(maxGap) : 0);
    return { at: Math.min(from + gap, latest), late };
}
