/**
 * Time as the engine sees it. The poller and the rate limiter never call Date.now() or setTimeout
 * directly, so tests can drive them with a fake clock and benchmarks with a compressed one.
 */
export interface Clock {
    now(): number;
    setTimer(callback: () => void, delayMs: number): unknown;
    clearTimer(handle: unknown): void;
}

export const systemClock: Clock = {
    now: Date.now,
    setTimer: (callback, delayMs) => setTimeout(callback, Math.max(0, delayMs)),
    clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
