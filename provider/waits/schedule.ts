import { BackoffPolicy, DEFAULT_BACKOFF } from "../engine/backoff";
import { parseDuration } from "../engine/duration";
import type { TaskSnapshot } from "../services/snapshot";

/** The schedule a resource's wait options ask for: how long it may wait, and how it backs off between polls. */
export interface WaitOptions {
    timeout: string;
    pollInterval?: { min?: string; max?: string };
}

/** The timeout in milliseconds (validated by `check`: 1s..24h). */
export function timeoutMs(options: WaitOptions): number {
    return parseDuration(options.timeout) ?? 0;
}

/** Milliseconds left of the timeout for a wait that began at `startedAt` (a start call or a lookup may have used some). */
export function remainingMs(options: WaitOptions, startedAt: number, now: number = Date.now()): number {
    return Math.max(0, timeoutMs(options) - (now - startedAt));
}

/**
 * How far apart a progress forecast may space the checks of a running task when the user did not
 * set pollInterval.max: far enough to save calls on long tasks, near enough that a forecast gone
 * wrong (a task that suddenly jumps to done) costs at most this much lag.
 */
export const FORECAST_MAX_GAP_MS = 60_000;

/**
 * The longest time between two checks of a running task: the user's pollInterval.max, never
 * exceeded; without one, a forecast may stretch the checks up to FORECAST_MAX_GAP_MS (the
 * backoff without a forecast still stops at 10 s).
 */
export function maxGapOf(options: WaitOptions): number {
    const userMax = options.pollInterval?.max ? parseDuration(options.pollInterval.max) : undefined;
    return userMax ?? Math.max(FORECAST_MAX_GAP_MS, backoffOf(options).maxMs);
}

/** The task's progress for the engine's forecast: the percentage the API reports, if any. */
export function progressOf<S extends TaskSnapshot>(snapshot: S): number | undefined {
    return snapshot.progress;
}

/** The backoff the pollInterval asks for, on top of the documented defaults. */
export function backoffOf(options: WaitOptions): BackoffPolicy {
    const minMs = options.pollInterval?.min ? (parseDuration(options.pollInterval.min) ?? DEFAULT_BACKOFF.minMs) : DEFAULT_BACKOFF.minMs;
    const maxMs = options.pollInterval?.max ? (parseDuration(options.pollInterval.max) ?? DEFAULT_BACKOFF.maxMs) : Math.max(DEFAULT_BACKOFF.maxMs, minMs);
    return { ...DEFAULT_BACKOFF, minMs, maxMs: Math.max(minMs, maxMs) };
}
