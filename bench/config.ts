/**
 * What the benchmark runs. Time is compressed by one factor on both sides: the simulator's task
 * clock runs FACTOR times faster than real time, and so do the waiters' clocks (poller, rate
 * limiter, the baseline's sleeps). Every figure in virtual time is what a real run would show.
 */
export const FACTOR = numberFromEnv("BENCH_FACTOR", 60);

/** Waiters started together, per shared workload (N = 1 is the lone trials). */
export const SHARED_SIZES = listFromEnv("BENCH_SIZES", [10, 100, 500]);

/**
 * Shared sizes this small run as several groups at once, each waiting from a region of its own (no
 * group shares a call with another), so that a p95 rests on enough waits: N = 10 as 5 groups of 10.
 */
export const GROUPS_BELOW = 50;
export const SMALL_GROUPS = numberFromEnv("BENCH_SMALL_GROUPS", 5);

/** Lone trials per service and progress profile: each a wait of its own, in a region of its own (bench/workload.ts shardsOf). */
export const LONE_PER_PROFILE = numberFromEnv("BENCH_LONE", 12);

/**
 * Rounds of lone trials, one after the other (new trials each round): a profile's pooled p95 then rests
 * on 4 services x 12 x 2 = 96 waits, while no more waits run at once than in one round.
 */
export const LONE_ROUNDS = numberFromEnv("BENCH_LONE_ROUNDS", 2);

/** Shared sizes at which the one-profile workloads (linear, s-curve) run besides the mix, for services whose list call reports progress. */
export const PROFILE_SIZES = listFromEnv("BENCH_PROFILE_SIZES", [100]);

/** Task durations (virtual): uniform between these, like image imports. */
export const MIN_DURATION_MS = 2 * 60_000;
export const MAX_DURATION_MS = 20 * 60_000;

/** Both sides' deadline (TaskWaiter's and ReportExport's default timeout). */
export const TIMEOUT_MS = 30 * 60_000;

/** The throttled run (ECS): waiters, and the simulator's limit per action (per virtual second). */
export const THROTTLED_SIZE = 500;
export const THROTTLE_PER_SECOND = 20;

/** Provider host measurements. */
export const COLD_START_REPEATS = 3;
export const HOST_WAITERS = 1000;

export const SEED = numberFromEnv("BENCH_SEED", 20240611);

/** The region of ECS and ECD tasks in shared workloads (bdrc and Security Center use cn-shanghai). */
export const REGION = "cn-hangzhou";

function numberFromEnv(name: string, fallback: number): number {
    const value = Number(process.env[name]);
    return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** A comma list of sizes, for development runs at reduced sizes (BENCH_SIZES=10,100). */
function listFromEnv(name: string, fallback: number[]): number[] {
    const values = (process.env[name] ?? "")
        .split(",")
        .map(Number)
        .filter((n) => Number.isInteger(n) && n > 0);
    return values.length > 0 ? values : fallback;
}
