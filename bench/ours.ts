import { RateLimiter, DEFAULT_RATE_LIMIT, useRateLimiter } from "../provider/client/limiter";
import { Poller } from "../provider/engine/poller";
import { configureProvider, usePoller } from "../provider/waits/settings";
import { create } from "../provider/lifecycle/taskWaiter";
import type { Observed } from "./protocol";
import { simulatorConfig } from "./sim";
import type { VirtualClock } from "./virtual-clock";
import type { SimTaskRef } from "./workload";

/**
 * This project's side: the real TaskWaiter lifecycle `create`, one per task, all at once, as the
 * provider host runs them for a `pulumi up` creating that many TaskWaiters. Default options: the
 * poll intervals and the 30m timeout are in virtual time, since the poller runs on the clock.
 */
export function prepareOurs(url: string, clock: VirtualClock): void {
    const config = simulatorConfig(url, "cn-hangzhou");
    configureProvider({ get: (key) => config[key] }, {});
    usePoller(new Poller(clock));
    useRateLimiter(new RateLimiter(DEFAULT_RATE_LIMIT, clock));
}

export async function waitOurs(task: SimTaskRef, index: number): Promise<{ observed: Observed; detail?: string }> {
    try {
        const created = await create({ service: "ecs", region: task.region, taskId: task.taskId, resourceName: `image-${index}` });
        const status = created.outs?.status;
        return status === "succeeded" ? { observed: "success" } : { observed: "error", detail: `create returned status ${String(status)}` };
    } catch (error) {
        return classify(error);
    }
}

/** create throws "ECS task t-.. (ImportImage m-..) Failed (failed)" or "... Finished (failed) ... failed operations". */
function classify(error: unknown): { observed: Observed; detail?: string } {
    const message = error instanceof Error ? error.message : String(error);
    if ((error as { reasons?: unknown })?.reasons !== undefined) return { observed: "timeout", detail: message };
    if (/ Finished \(failed\)/.test(message)) return { observed: "partial" };
    if (/ Failed \(failed\)/.test(message)) return { observed: "failed" };
    return { observed: "error", detail: message };
}
