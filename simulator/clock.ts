/**
 * The clock that drives task timelines. Only timelines use it: signature timestamps are always
 * checked against the real wall clock, because the client signs with new Date().
 */

/** Speeds a ScaledClock takes: beyond a million, task times leave the range of dates within days. */
export const MIN_CLOCK_SPEED = 0.001;
export const MAX_CLOCK_SPEED = 1_000_000;

/**
 * The latest time a manual clock may show: the last date JavaScript can hold (year 275760) less a
 * margin for task timelines (queue and run, up to MAX_TIMELINE_MS each) that start then.
 */
export const MAX_CLOCK_MS = 8_640_000_000_000_000 - 1_000_000_000_000;

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
        if (!(speed >= MIN_CLOCK_SPEED && speed <= MAX_CLOCK_SPEED)) {
            throw new RangeError(`clock speed must be a number from ${MIN_CLOCK_SPEED} to ${MAX_CLOCK_SPEED} (times real time), got ${speed}`);
        }
    }

    now(): number {
        return this.origin + Math.floor((Date.now() - this.origin) * this.speed);
    }
}

/** A clock that only moves when told to: tests step a task through its timeline exactly. */
export class ManualClock implements SimClock {
    private current: number;

    constructor(start: number | Date = Date.now()) {
        this.current = checkedTime(typeof start === "number" ? start : start.getTime());
    }

    now(): number {
        return this.current;
    }

    /** The most it may move now without passing MAX_CLOCK_MS. */
    get headroomMs(): number {
        return MAX_CLOCK_MS - this.current;
    }

    advance(ms: number): number {
        if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`a manual clock only moves forward, got ${ms} ms`);
        this.current = checkedTime(this.current + ms);
        return this.current;
    }

    set(time: number | Date): void {
        this.current = checkedTime(typeof time === "number" ? time : time.getTime());
    }
}

function checkedTime(ms: number): number {
    if (!(ms >= 0 && ms <= MAX_CLOCK_MS)) throw new RangeError(`a manual clock shows times from 0 to ${MAX_CLOCK_MS} ms since the epoch, got ${ms}`);
    return ms;
}
