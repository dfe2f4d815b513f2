import type { BucketStats } from "../provider/client/limiter";
import type { ProgressProfile } from "../simulator/progressProfile";
import type { PlannedOutcome, PlannedTask, Service, SimTaskRef } from "./workload";

/** Messages between the benchmark and a polling process (bench/worker.ts). */

export type Side = "ours" | "baseline";

/** How a wait ended, as the side reported it. "partial": failed because a Finished task had failed operations. */
export type Observed = PlannedOutcome | "timeout" | "error";

export interface RunRequest {
    side: Side;
    url: string;
    speed: number;
    plan: PlannedTask[];
    /** Ours: a pollInterval.max for every wait (default options otherwise). */
    pollMax?: string;
}

export interface TaskResult {
    taskId: string;
    service: Service;
    profile: ProgressProfile;
    planned: PlannedOutcome;
    observed: Observed;
    /** The error text, for outcomes nobody planned. */
    detail?: string;
    /** Virtual ms from the task's end (simulator clock) to the waiter resolving. */
    lagMs: number;
    /** API calls that named this task alone (a lone wait's calls are all of them). */
    calls: number;
    /** Ours: the longest time between two of those calls (virtual ms). */
    maxGapMs?: number;
}

export interface RunResult {
    side: Side;
    tasks: SimTaskRef[];
    results: TaskResult[];
    /** Calls that named no single task (shared list calls), by action. */
    sharedCalls: Record<string, number>;
    /** Ours: the rate limiter's buckets (rateLimiter().stats()). */
    limiter?: BucketStats[];
    /** Virtual time the waiters started. */
    startedAtMs: number;
    /** From start to the last waiter resolved: real ms and virtual ms. */
    wallMs: number;
    virtualWallMs: number;
    /** CPU time of the polling process during the run (user + system). */
    cpuMs: number;
    /** Peak resident set of the polling process (whole life). */
    maxRssKb: number;
}

export function isWrong(result: TaskResult): boolean {
    return result.observed !== result.planned;
}
