import { fork } from "child_process";
import * as path from "path";
import type { RunRequest, RunResult, Side } from "./protocol";
import { SimProcess, SimStats, addFault, simStats } from "./sim";
import type { PlannedTask } from "./workload";

export interface SideRun {
    run: RunResult;
    /** What the simulator counted: calls by action, errors by code. */
    stats: SimStats;
}

export interface SideOptions {
    speed: number;
    /** Per-action limit in requests per real second (the simulator counts real seconds). */
    rateLimitPerRealSecond?: number;
}

/** One side on one workload: a fresh simulator process, then a polling process that runs the waits. */
export async function runSide(side: Side, plan: PlannedTask[], options: SideOptions): Promise<SideRun> {
    const sim = await SimProcess.start(options.speed);
    try {
        if (options.rateLimitPerRealSecond !== undefined) {
            await addFault(sim.url, { rateLimit: { perSecond: options.rateLimitPerRealSecond, code: "Throttling.User" } });
        }
        const run = await runWorker({ side, url: sim.url, speed: options.speed, plan });
        return { run, stats: await simStats(sim.url) };
    } finally {
        await sim.stop();
    }
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
