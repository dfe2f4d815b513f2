/**
 * The clock that drives task timelines. Only timelines use it: signature timestamps are always
 * checked against the real wall clock, because the client signs with new Date().
 */

export interface SimClock {
    /** Milliseconds since the epoch, on the simulator's timeline. */
    now(): number;
}

/**
 * Real time, optionally sped up: with speed 60 a 10-minute task finishes in 10 real seconds.
 * The timeline starts at the real current time and runs `speed` times faster from there.
 */
export class ScaledClock implements SimClock {
    private readonly origin = Date.now();

    constructor(readonly speed = 1) {
        if (!Number.isFinite(speed) || speed <= 0) throw new RangeError(`clock speed must be a positive number, got ${speed}`);
    }

    now(): number {
        return this.origin + Math.floor((Date.now() - this.origin) * this.speed);
    }
}

/** A clock that only moves when told to: tests step a task through its timeline exactly. */
export class ManualClock implements SimClock {
    private current: number;

    constructor(start: number | Date = Date.now()) {
        this.current = typeof start === "number" ? start : start.getTime();
    }

    now(): number {
        return this.current;
    }

    advance(ms: number): number {
        if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`a manual clock only moves forward, got ${ms} ms`);
        this.current += ms;
        return this.current;
    }

    set(time: number | Date): void {
        this.current = typeof time === "number" ? time : time.getTime();
    }
}
