import { fork } from "child_process";
import * as path from "path";
import type { RunRequest, RunResult, Side } from "./protocol";
import { SimProcess, SimStats, addFault, simStats } from "./sim";
import { PlannedTask, shardsOf } from "./workload";

export interface SideRun {
    run: RunResult;
    /** What the simulator counted: calls by action, errors by code. */
    stats: SimStats;
    /** Polling processes the side ran in. */
    processes: number;
}

export interface SideOptions {
    speed: number;
    /** Per-action limit in requests per real second (the simulator counts real seconds). */
    rateLimitPerRealSecond?: number;
    /** Lone trials: our side runs each group of waits that could share a call in a process of its own. */
    lone?: boolean;
    /** Ours: a pollInterval.max for every wait. */
    pollMax?: string;
}

/** One side on one workload: a fresh simulator process, then the polling process(es) that run the waits. */
export async function runSide(side: Side, plan: PlannedTask[], options: SideOptions): Promise<SideRun> {
    const sim = await SimProcess.start(options.speed);
    try {
        if (options.rateLimitPerRealSecond !== undefined) {
            await addFault(sim.url, { rateLimit: { perSecond: options.rateLimitPerRealSecond, code: "Throttling.User" } });
        }
        // the baseline never shares a call: its lone trials need no separate processes
        const groups = options.lone && side === "ours" ? shardsOf(plan) : [plan];
        const runs = await Promise.all(groups.map((group) => runWorker({ side, url: sim.url, speed: options.speed, plan: group, pollMax: options.pollMax })));
        return { run: merge(runs), stats: await simStats(sim.url), processes: groups.length };
    } finally {
        await sim.stop();
    }
}

function merge(runs: RunResult[]): RunResult {
    if (runs.length === 1) return runs[0];
    const sharedCalls: Record<string, number> = {};
    for (const run of runs) for (const [action, n] of Object.entries(run.sharedCalls)) sharedCalls[action] = (sharedCalls[action] ?? 0) + n;
    const startedAtMs = Math.min(...runs.map((r) => r.startedAtMs));
    return {
        side: runs[0].side,
        tasks: runs.flatMap((r) => r.tasks),
        results: runs.flatMap((r) => r.results),
        sharedCalls,
        limiter: runs.flatMap((r, i) => (r.limiter ?? []).map((b) => ({ ...b, key: `#${i} ${b.key}` }))),
        startedAtMs,
        wallMs: Math.max(...runs.map((r) => r.wallMs)),
        virtualWallMs: Math.max(...runs.map((r) => r.startedAtMs + r.virtualWallMs)) - startedAtMs,
        cpuMs: runs.reduce((n, r) => n + r.cpuMs, 0),
        maxRssKb: runs.reduce((n, r) => n + r.maxRssKb, 0),
    };
}

function runWorker(request: RunRequest): Promise<RunResult> {
    const child = fork(path.join(__dirname, "worker.js"), [], { stdio: ["ignore", "ignore", "inherit", "ipc"] });
    return new Promise((resolve, reject) => {
        let result: RunResult | undefined;
        child.once("message", (message) => (result = message as RunResult));
        child.once("exit", (code) => (result ? resolve(result) : reject(new Error(`the ${request.side} worker exited (${code}) without a result`))));
        child.send(request);
    });
}
