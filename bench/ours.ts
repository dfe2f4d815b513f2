import { popCoreClient } from "../provider/client/call";
import { DEFAULT_RATE_LIMIT, RateLimiter } from "../provider/client/limiter";
import type { BucketStats } from "../provider/client/limiter";
import { Poller } from "../provider/engine/poller";
import { reportExportLifecycle } from "../provider/lifecycle/reportExport";
import { taskWaiterLifecycle } from "../provider/lifecycle/taskWaiter";
import { Runtime, createRuntime } from "../provider/wait/runtime";
import { readSettings } from "../provider/wait/settings";
import { CallCounter, countedClient } from "./callCount";
import type { Observed } from "./protocol";
import { simulatorConfig } from "./sim";
import type { VirtualClock } from "./virtualClock";
import type { SimTaskRef } from "./workload";

/**
 * This project's side: the real lifecycle `create`, one per task, all at once, as the provider
 * host runs them for a `pulumi up` creating that many resources. ECS and bdrc tasks are
 * TaskWaiters; ECD and Security Center exports are ReportExports adopting the export. Default
 * options: the poll intervals and the 30m timeout are in virtual time, since the poller runs on
 * the clock.
 */
export let counter = new CallCounter();
/** The bench's runtime: the poller and the rate limiter on the virtual clock, every call counted. */
let runtime: Runtime = createRuntime();

export function prepareOurs(url: string, clock: VirtualClock): void {
    counter = new CallCounter(() => clock.now());
    const config = simulatorConfig(url, "cn-hangzhou");
    const limiter = new RateLimiter(DEFAULT_RATE_LIMIT, clock);
    runtime = createRuntime({
        settings: readSettings({ get: (key) => config[key] }, {}),
        poller: new Poller(clock),
        limiter,
        client: countedClient(popCoreClient(limiter), counter),
    });
}

/** What the rate limiter's buckets saw: calls, calls delayed for a token, throttled answers. */
export function limiterStats(): BucketStats[] {
    return runtime.limiter.stats();
}

export async function waitOurs(task: SimTaskRef, index: number, pollMax?: string): Promise<{ observed: Observed; detail?: string }> {
    const base = { region: task.waitRegion, resourceName: `${task.service}-${index}`, ...(pollMax ? { pollInterval: { max: pollMax } } : {}) };
    try {
        const created =
            task.service === "ecs" || task.service === "bdrc"
                ? await taskWaiterLifecycle(runtime).create({ ...base, service: task.service, taskId: task.taskId })
                : await reportExportLifecycle(runtime).create({
                      ...base,
                      service: task.service,
                      ...(task.service === "ecd" ? { taskId: task.taskId } : { exportId: Number(task.taskId) }),
                  });
        const status = created.outs?.status;
        return status === "succeeded" ? { observed: "success" } : { observed: "error", detail: `create returned status ${String(status)}` };
    } catch (error) {
        return classify(error);
    }
}

/** create throws "ECS task t-.. (ImportImage m-..) Failed (failed)", "... Finished (failed) ... failed operations", "BDRC task ... FAILED (failed)". */
function classify(error: unknown): { observed: Observed; detail?: string } {
    const message = error instanceof Error ? error.message : String(error);
    if ((error as { reasons?: unknown })?.reasons !== undefined) return { observed: "timeout", detail: message };
    if (/ Finished \(failed\)/.test(message)) return { observed: "partial" };
    if (/ (Failed|FAILED) \(failed\)/.test(message)) return { observed: "failed" };
    return { observed: "error", detail: message };
}
