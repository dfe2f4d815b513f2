import { BackoffPolicy, DEFAULT_BACKOFF } from "../engine/backoff";
import { parseDuration } from "../engine/duration";

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

/** The backoff the pollInterval asks for, on top of the documented defaults. */
export function backoffOf(options: WaitOptions): BackoffPolicy {
    const minMs = options.pollInterval?.min ? (parseDuration(options.pollInterval.min) ?? DEFAULT_BACKOFF.minMs) : DEFAULT_BACKOFF.minMs;
    const maxMs = options.pollInterval?.max ? (parseDuration(options.pollInterval.max) ?? DEFAULT_BACKOFF.maxMs) : Math.max(DEFAULT_BACKOFF.maxMs, minMs);
    return { ...DEFAULT_BACKOFF, minMs, maxMs: Math.max(minMs, maxMs) };
}
