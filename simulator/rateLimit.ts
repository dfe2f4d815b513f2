/**
 * Per-key request rate limits over a sliding one-second window of REAL time, the way a gateway
 * throttles: at most perSecond requests are admitted in any 1000 ms. Refused requests do not use
 * up the allowance.
 */
export class RateLimiter {
    /** Key -> times (ms) of the requests admitted within the window, oldest first. */
    private readonly admitted = new Map<string, number[]>();

    constructor(
        private readonly perSecond: number,
        private readonly windowMs = 1000,
    ) {}

    /** Admits the request (undefined) or refuses it with the ms until a slot frees up. */
    admit(key: string, now: number): number | undefined {
        const times = this.admitted.get(key) ?? [];
        while (times.length > 0 && times[0] <= now - this.windowMs) times.shift();
        if (times.length >= this.perSecond) return Math.max(1, times[0] + this.windowMs - now);
        times.push(now);
        this.admitted.set(key, times);
        return undefined;
    }
}
