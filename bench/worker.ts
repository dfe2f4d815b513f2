/**
 * A polling process: runs one side of one workload and reports back over IPC. Started by the
 * benchmark with fork(), so that its CPU time and peak memory are its own.
 */
import type { Observed, RunRequest, RunResult, TaskResult } from "./protocol";
import { createTasks } from "./sim";
import { VirtualClock, realNow } from "./virtual-clock";
import type { SimTaskRef } from "./workload";

type Waiter = (task: SimTaskRef, index: number) => Promise<{ observed: Observed; detail?: string }>;

async function run(request: RunRequest): Promise<RunResult> {
    const clock = await VirtualClock.calibrate(request.url, request.speed);
    // Each side loads only its own modules: the process's memory is that side's.
    let waiter: Waiter;
    if (request.side === "ours") {
        const { prepareOurs, waitOurs } = await import("./ours");
        prepareOurs(request.url, clock);
        waiter = waitOurs;
    } else {
        const { TerraformStyleWaiter } = await import("./baseline");
        const terraform = new TerraformStyleWaiter(request.url, clock);
        waiter = (task) => terraform.wait(task);
    }
    const tasks = await createTasks(request.url, request.plan);
    const cpuBefore = process.cpuUsage();
    const realStart = realNow();
    const startedAtMs = clock.now();
    const results = await Promise.all(
        tasks.map(async (task, index): Promise<TaskResult> => {
            const { observed, detail } = await waiter(task, index);
            return { taskId: task.taskId, planned: task.outcome, observed, detail, lagMs: clock.now() - task.endsAtMs };
        }),
    );
    const cpu = process.cpuUsage(cpuBefore);
    return {
        side: request.side,
        tasks,
        results,
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
