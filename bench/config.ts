/**
 * What the benchmark runs. Time is compressed by one factor on both sides: the simulator's task
 * clock runs FACTOR times faster than real time, and so do the waiters' clocks (poller, rate
 * limiter, the baseline's sleeps). Every figure in virtual time is what a real run would show.
 */
export const FACTOR = numberFromEnv("BENCH_FACTOR", 60);

/** Waiters started together, per workload. */
export const SIZES = [1, 10, 100, 500] as const;

/** N = 1 is run as this many independent lone waits (one per region: no batching between them). */
export const LONE_TRIALS = 30;

/** Task durations (virtual): uniform between these, like image imports. */
export const MIN_DURATION_MS = 2 * 60_000;
export const MAX_DURATION_MS = 20 * 60_000;

/** Both sides' deadline (TaskWaiter's default timeout). */
export const TIMEOUT_MS = 30 * 60_000;

/** The throttled run: waiters, and the simulator's limit per action (per virtual second). */
export const THROTTLED_SIZE = 500;
export const THROTTLE_PER_SECOND = 20;

/** Provider host measurements. */
export const COLD_START_REPEATS = 3;
export const HOST_WAITERS = 1000;

export const SEED = numberFromEnv("BENCH_SEED", 20240611);

/** The region of every task except the lone trials. */
export const REGION = "cn-hangzhou";

function numberFromEnv(name: string, fallback: number): number {
    const value = Number(process.env[name]);
    return Number.isFinite(value) && value > 0 ? value : fallback;
}
