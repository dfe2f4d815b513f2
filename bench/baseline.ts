import * as http from "http";
import { SIMULATOR_CREDENTIALS } from "../simulator/credentials";
import { TIMEOUT_MS } from "./config";
import type { Observed } from "./protocol";
import type { VirtualClock } from "./virtual-clock";
import type { SimTaskRef } from "./workload";

// The same client library as the provider; one client for the process, as Terraform keeps one per provider.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const RPCClient: new (config: object) => { request(action: string, params: object, opts: object): Promise<unknown> } = require("@alicloud/pop-core");

/**
 * Terraform alicloud's way to wait for an ECS task, call for call: StateChangeConf (terraform-plugin-sdk
 * helper/resource) with MinTimeout 3 s around one DescribeTaskAttribute per task per poll. The first
 * refresh is at once; then the wait starts at 100 ms and doubles, bounded below by 3 s and above by
 * 10 s: 3 s, 6 s, 10 s, 10 s, ... A throttled refresh is retried the provider's way (resource.Retry
 * around the call: incrementalWait(3 s, 3 s) sleeps 3 s, and Retry's own backoff adds 0.5 s, 1 s,
 * 2 s, ... up to 10 s), for up to 5 minutes. x-acs-retry-after is not read.
 */
export class TerraformStyleWaiter {
    private readonly client: InstanceType<typeof RPCClient>;
    private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 }); // as the provider's client

    constructor(
        url: string,
        private readonly clock: VirtualClock,
    ) {
        this.client = new RPCClient({ endpoint: url, apiVersion: "2014-05-26", ...SIMULATOR_CREDENTIALS.accessKey });
    }

    async wait(task: SimTaskRef): Promise<{ observed: Observed; detail?: string }> {
        const deadline = this.clock.now() + TIMEOUT_MS;
        let wait = 0;
        for (;;) {
            if (wait > 0) await this.clock.sleep(wait);
            if (wait === 0) wait = 100;
            let body: Record<string, unknown>;
            try {
                body = await this.refresh(task);
            } catch (error) {
                return { observed: "error", detail: (error as Error).message };
            }
            const status = String(body.TaskStatus);
            if (status === "Finished") return Number(body.FailedCount ?? 0) > 0 ? { observed: "partial" } : { observed: "success" };
            if (status === "Failed") return { observed: "failed" };
            if (status !== "Waiting" && status !== "Processing") return { observed: "error", detail: `unexpected state ${status}` };
            if (this.clock.now() >= deadline) return { observed: "timeout" };
            wait = Math.min(10_000, Math.max(3000, wait * 2));
        }
    }

    /** One refresh: DescribeTaskAttribute, retried on throttling and server errors like resource.Retry(5 min). */
    private async refresh(task: SimTaskRef): Promise<Record<string, unknown>> {
        const giveUpAt = this.clock.now() + 5 * 60_000;
        let retryWait = 100;
        for (;;) {
            try {
                return (await this.client.request(
                    "DescribeTaskAttribute",
                    { RegionId: task.region, TaskId: task.taskId },
                    { timeout: 10_000, agent: this.agent, formatParams: false },
                )) as Record<string, unknown>;
            } catch (error) {
                const code = String((error as { code?: unknown }).code ?? "");
                const retryable = /Throttling|ServiceUnavailable|InternalError/.test(code);
                if (!retryable || this.clock.now() >= giveUpAt) throw error;
                retryWait = Math.min(10_000, Math.max(500, retryWait * 2));
                await this.clock.sleep(3000 + retryWait);
            }
        }
    }
}
