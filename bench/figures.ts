import type { ProgressProfile } from "../simulator/progressProfile";
import type { TaskResult } from "./protocol";
import { isWrong } from "./protocol";
import type { SideRun } from "./runSide";

/** Lag and calls of a set of waits. */
export interface GroupFigures {
    tasks: number;
    /** Calls that named these tasks (lone trials: all their calls). */
    calls: number;
    lagP50Ms: number;
    lagP95Ms: number;
    wrong: number;
}

/** The figures of one side on one workload, computed from what the worker(s) and the simulator reported. */
export interface SideFigures extends GroupFigures {
    /** Every call the simulator answered or refused in this run. */
    simCalls: number;
    byAction: Record<string, number>;
    callsPerTask: number;
    byProfile: Partial<Record<ProgressProfile, GroupFigures>>;
    /** Waits of planned-successful tasks that did not end successful. */
    falseFailures: number;
    /** Waits that ended with a terminal outcome (right or wrong), not a timeout or error. */
    completed: number;
    throttled: number;
    /** Ours: what the rate limiter's buckets saw. */
    limiter: { calls: number; delayed: number; throttled: number; buckets: number };
    processes: number;
    wallMs: number;
    virtualWallMs: number;
    cpuMs: number;
    maxRssMb: number;
    wrongDetails: string[];
}

export function groupFigures(results: readonly TaskResult[]): GroupFigures {
    const lags = results.map((r) => r.lagMs).sort((a, b) => a - b);
    return {
        tasks: results.length,
        calls: results.reduce((n, r) => n + r.calls, 0),
        lagP50Ms: percentile(lags, 0.5),
        lagP95Ms: percentile(lags, 0.95),
        wrong: results.filter(isWrong).length,
    };
}

export function figuresOf(side: SideRun): SideFigures {
    const { run, stats } = side;
    const simCalls = Object.values(stats.calls).reduce((a, b) => a + b, 0);
    const wrong = run.results.filter(isWrong);
    const throttled = Object.entries(stats.errors)
        .filter(([code]) => /Throttling/.test(code))
        .reduce((n, [, count]) => n + count, 0);
    const byProfile: SideFigures["byProfile"] = {};
    for (const profile of new Set(run.results.map((r) => r.profile))) byProfile[profile] = groupFigures(run.results.filter((r) => r.profile === profile));
    const buckets = run.limiter ?? [];
    return {
        ...groupFigures(run.results),
        // the run's own count: every call of the polling process(es), shared ones included
        calls: simCalls,
        simCalls,
        byAction: stats.calls,
        callsPerTask: simCalls / run.results.length,
        byProfile,
        falseFailures: run.results.filter((r) => r.planned === "success" && r.observed !== "success").length,
        completed: run.results.filter((r) => r.observed !== "timeout" && r.observed !== "error").length,
        throttled,
        limiter: {
            calls: buckets.reduce((n, b) => n + b.calls, 0),
            delayed: buckets.reduce((n, b) => n + b.delayed, 0),
            throttled: buckets.reduce((n, b) => n + b.throttled, 0),
            buckets: buckets.length,
        },
        processes: side.processes,
        wallMs: run.wallMs,
        virtualWallMs: run.virtualWallMs,
        cpuMs: run.cpuMs,
        maxRssMb: run.maxRssKb / 1024,
        wrongDetails: wrong.slice(0, 3).map((r) => `${r.taskId}: planned ${r.planned}, got ${r.observed}${r.detail ? ` (${r.detail.slice(0, 160)})` : ""}`),
    };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
    if (sorted.length === 0) return NaN;
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}
