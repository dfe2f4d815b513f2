import { BackoffPolicy, DEFAULT_BACKOFF } from "../engine/backoff";
import type { WaitSchedule } from "../engine/poller";
import type { WaitDurations } from "../inputs/durations";

/**
 * The wait options parsed once, for every later step of one wait: the deadline, the backoff and the
 * longest gap between two polls, with whether the user promised it (pollInterval.max).
 */
export interface WaitOptions {
    /** As the user wrote it ("45m"), for messages. */
    readonly timeout: string;
    readonly timeoutMs: number;
    readonly backoff: BackoffPolicy;
    /** The longest time between the starts of two polls of a running task (longestGap): the engine keeps it as given. */
    readonly maxGapMs: number;
    /** maxGapMs is the user's pollInterval.max: the engine aims a little before it, so a late timer still keeps it. */
    readonly userMaxGap: boolean;
}

/**
 * How far apart a progress forecast may space the polls of a running task when the user did not
 * set pollInterval.max: far enough to save calls on long tasks, near enough that a forecast gone
 * wrong (a task that suddenly jumps to done) costs at most this much lag. The backoff without a
 * forecast still stops at its own maximum (10 s by default).
 */
export const FORECAST_MAX_GAP_MS = 60_000;

/** The options of a wait whose inputs were validated, from the durations validation parsed (inputs/durations.ts). */
export function waitOptions(timeout: string, durations: WaitDurations): WaitOptions {
    const userMax = durations.maxMs;
    // the default minimum gives way to a shorter max: pollInterval { max: "2s" } polls every 2 s, as it says
    const minMs = durations.minMs ?? Math.min(DEFAULT_BACKOFF.minMs, userMax ?? DEFAULT_BACKOFF.minMs);
    const backoff = { ...DEFAULT_BACKOFF, minMs, maxMs: Math.max(minMs, userMax ?? Math.max(DEFAULT_BACKOFF.maxMs, minMs)) };
    return {
        timeout,
        timeoutMs: durations.timeoutMs,
        backoff,
        maxGapMs: longestGap(backoff, userMax),
        userMaxGap: userMax !== undefined,
    };
}

/**
 * The longest gap between the starts of two polls of a running task, decided here only (the engine
 * keeps the number it is given): the user's pollInterval.max, else FORECAST_MAX_GAP_MS, or the
 * backoff's maximum when pollInterval.min puts that higher. Never shorter than the backoff's
 * minimum, which validation keeps at or below a given max.
 */
function longestGap(backoff: BackoffPolicy, userMaxMs: number | undefined): number {
    return Math.max(backoff.minMs, userMaxMs ?? Math.max(FORECAST_MAX_GAP_MS, backoff.maxMs));
}

/** Milliseconds left of the timeout for a wait that began at `startedAt` (a start call or a lookup may have used some). */
export function remainingMs(options: WaitOptions, startedAt: number, now: number): number {
    return Math.max(0, options.timeoutMs - (now - startedAt));
}

/**
 * The schedule of one request to the engine, from the options: `timeoutMs` (what the wait has left,
 * remainingMs), the backoff and the longest gap. Every request is built with it: a wait's
 * (definition.ts engineRequest), an ECS resource's lookup of its task, a read for `pulumi refresh`.
 */
export function engineSchedule(options: WaitOptions, timeoutMs: number): WaitSchedule {
    return { timeoutMs, backoff: options.backoff, maxGapMs: options.maxGapMs, userMaxGap: options.userMaxGap };
}
