/**
 * A polling process: runs one side of one workload (or one shard of lone trials) and reports back
 * over IPC. Started by the benchmark with fork(), so that its CPU time and peak memory are its own.
 */
import type { Observed, RunRequest, RunResult, TaskResult } from "./protocol";
import { createTasks } from "./sim";
import { VirtualClock, realNow } from "./virtualClock";
import type { SimTaskRef } from "./workload";

type Waiter = (task: SimTaskRef, index: number) => Promise<{ observed: Observed; detail?: string }>;

async function run(request: RunRequest): Promise<RunResult> {
    const clock = await VirtualClock.calibrate(request.url, request.speed);
    // Each side loads only its own modules: the process's memory is that side's.
    let waiter: Waiter;
    let callsOf: (taskId: string) => number;
    let maxGapOf: (taskId: string) => number | undefined = () => undefined;
    let shared: () => Record<string, number>;
    let limiter: () => RunResult["limiter"] = () => undefined;
    if (request.side === "ours") {
        const ours = await import("./ours");
        ours.prepareOurs(request.url, clock);
        waiter = (task, index) => ours.waitOurs(task, index, request.pollMax);
        callsOf = (id) => ours.counter.byTask.get(id) ?? 0;
        maxGapOf = (id) => ours.counter.maxGap.get(id);
        shared = () => ours.counter.shared;
        limiter = ours.limiterStats;
    } else {
        const { TerraformStyleWaiter } = await import("./baseline");
        const terraform = new TerraformStyleWaiter(request.url, clock);
        waiter = (task) => terraform.wait(task);
        callsOf = (id) => terraform.callsByTask.get(id) ?? 0;
        shared = () => ({});
    }
    const tasks = await createTasks(request.url, request.plan);
    const cpuBefore = process.cpuUsage();
    const realStart = realNow();
    const startedAtMs = clock.now();
    const settled = await Promise.all(
        tasks.map(async (task, index) => {
            const { observed, detail } = await waiter(task, index);
            return { task, observed, detail, lagMs: clock.now() - task.endsAtMs };
        }),
    );
    const cpu = process.cpuUsage(cpuBefore);
    const results = settled.map(({ task, observed, detail, lagMs }): TaskResult => ({
        taskId: task.taskId,
        service: task.service,
        profile: task.profile,
        planned: task.outcome,
        observed,
        detail,
        lagMs,
        calls: callsOf(task.taskId),
        maxGapMs: maxGapOf(task.taskId),
    }));
    return {
        side: request.side,
        tasks,
        results,
        sharedCalls: shared(),
        limiter: limiter(),
        startedAtMs,
        wallMs: realNow() - realStart,
        virtualWallMs: clock.now() - startedAtMs,
        cpuMs: (cpu.user + cpu.system) / 1000,
        maxRssKb: process.resourceUsage().maxRSS,
    };
}

process.once("message", (request: RunRequest) => {
    run(request).then(
        (result) => process.send!(result, () => process.exit(0)),
        (error: unknown) => {
            console.error(error);
            process.exit(1);
        },
    );
});
