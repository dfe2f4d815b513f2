import { performance } from "perf_hooks";
import type { Clock } from "../provider/engine/clock";
import { readSimClock } from "./sim";

/** Real time in fractional milliseconds since the epoch. */
export const realNow = (): number => performance.timeOrigin + performance.now();

/**
 * The simulator's timeline, seen from another process: virtual = origin + (real - origin) x speed,
 * the mapping of the simulator's ScaledClock. Poller, rate limiter and the baseline's sleeps run
 * on it, so both sides of the benchmark and the simulator agree on virtual time.
 */
export class VirtualClock implements Clock {
    constructor(
        readonly origin: number,
        readonly speed: number,
    ) {}

    now(): number {
        return this.origin + (realNow() - this.origin) * this.speed;
    }

    setTimer(callback: () => void, delayMs: number): unknown {
        return setTimeout(callback, Math.max(0, delayMs) / this.speed);
    }

    clearTimer(handle: unknown): void {
        clearTimeout(handle as NodeJS.Timeout);
    }

    sleep(virtualMs: number): Promise<void> {
        return new Promise((resolve) => this.setTimer(resolve, virtualMs));
    }

    /**
     * Finds the simulator clock's origin from readings of GET /__sim/clock: each bounds it, since
     * the simulator computed origin + floor((Date.now() - origin) x speed) at some real instant
     * between the marks around the request. The tightest bounds win.
     */
    static async calibrate(url: string, speed: number, samples = 25): Promise<VirtualClock> {
        if (speed === 1) return new VirtualClock(0, 1); // real time: the origin does not matter
        let low = -Infinity;
        let high = Infinity;
        let best = { width: Infinity, estimate: 0 };
        for (let i = 0; i < samples; i++) {
            const { before, simMs, after } = await readSimClock(url, realNow);
            const lo = (Math.floor(before) * speed - simMs - 1) / (speed - 1);
            const hi = (after * speed - simMs) / (speed - 1);
            low = Math.max(low, lo);
            high = Math.min(high, hi);
            if (hi - lo < best.width) best = { width: hi - lo, estimate: (lo + hi) / 2 };
        }
        // the bounds meet unless this process's clock and the simulator's disagree a little: then the tightest reading
        const origin = low <= high ? (low + high) / 2 : best.estimate;
        return new VirtualClock(origin, speed);
    }
}
