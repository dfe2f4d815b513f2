import type { RunResult } from "./protocol";
import { isWrong } from "./protocol";
import type { SideRun } from "./run-side";
import { callFloor } from "./workload";

/** The figures of one side on one workload, computed from what the worker and the simulator reported. */
export interface SideFigures {
    tasks: number;
    calls: number;
    byAction: Record<string, number>;
    callsPerTask: number;
    lagP50Ms: number;
    lagP95Ms: number;
    wrong: number;
    /** Waits of planned-successful tasks that did not end successful. */
    falseFailures: number;
    /** Waits that ended with a terminal outcome (right or wrong), not a timeout or error. */
    completed: number;
    throttled: number;
    wallMs: number;
    virtualWallMs: number;
    cpuMs: number;
    maxRssMb: number;
    wrongDetails: string[];
}

export function figuresOf(side: SideRun): SideFigures {
    const { run, stats } = side;
    const calls = Object.values(stats.calls).reduce((a, b) => a + b, 0);
    const lags = run.results.map((r) => r.lagMs).sort((a, b) => a - b);
    const wrong = run.results.filter(isWrong);
    const throttled = Object.entries(stats.errors)
        .filter(([code]) => /Throttling/.test(code))
        .reduce((n, [, count]) => n + count, 0);
    return {
        tasks: run.results.length,
        calls,
        byAction: stats.calls,
        callsPerTask: calls / run.results.length,
        lagP50Ms: percentile(lags, 0.5),
        lagP95Ms: percentile(lags, 0.95),
        wrong: wrong.length,
        falseFailures: run.results.filter((r) => r.planned === "success" && r.observed !== "success").length,
        completed: run.results.filter((r) => r.observed !== "timeout" && r.observed !== "error").length,
        throttled,
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

export function floorOf(run: RunResult, independent: boolean): { rounds: number; calls: number } {
    return callFloor(run.tasks, run.startedAtMs, independent);
}
