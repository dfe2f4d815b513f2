import * as http from "http";
import { SIMULATOR_CREDENTIALS } from "../simulator/credentials";
import { TIMEOUT_MS } from "./config";
import type { Observed } from "./protocol";
import type { VirtualClock } from "./virtualClock";
import type { Service, SimTaskRef } from "./workload";

// The same client library as the provider; one client per API for the process, as Terraform keeps one per provider.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const PopCore = require("@alicloud/pop-core");
type Client = { request(...args: unknown[]): Promise<unknown> };

/** What one refresh found: a status word and, for ECS, the count of failed operations. */
interface Refreshed {
    status: string;
    failedCount?: number;
}

/** Each service's describe call and its words for "still going", "done" and "failed". */
interface ServiceApi {
    refresh(task: SimTaskRef): Promise<Refreshed>;
    pending: readonly string[];
    succeeded: readonly string[];
    failed: readonly string[];
}

/**
 * Terraform alicloud's way to wait for a task, call for call: StateChangeConf (terraform-plugin-sdk
 * helper/resource) with MinTimeout 3 s around one describe call per task per poll (ECS
 * DescribeTaskAttribute, bdrc DescribeTask, ECD DescribeEcdReportTasks by TaskId, Security Center
 * DescribeExportInfo). The first refresh is at once; then the wait starts at 100 ms and doubles,
 * bounded below by 3 s and above by 10 s: 3 s, 6 s, 10 s, 10 s, ... A throttled refresh is retried
 * the provider's way (resource.Retry around the call: incrementalWait(3 s, 3 s) sleeps 3 s, and
 * Retry's own backoff adds 0.5 s, 1 s, 2 s, ... up to 10 s), for up to 5 minutes.
 * x-acs-retry-after is not read. Progress is never read.
 */
export class TerraformStyleWaiter {
    private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 }); // as the provider's client
    private readonly apis: Record<Service, ServiceApi>;
    readonly callsByTask = new Map<string, number>();

    constructor(
        url: string,
        private readonly clock: VirtualClock,
    ) {
        const keys = SIMULATOR_CREDENTIALS.accessKey;
        const rpc = (apiVersion: string): Client => new PopCore({ endpoint: url, apiVersion, ...keys });
        const ecs = rpc("2014-05-26");
        const ecd = rpc("2020-09-30");
        const sas = rpc("2018-12-03");
        const bdrc: Client = new PopCore.ROAClient({ endpoint: url, apiVersion: "2023-08-08", ...keys });
        const opts = { timeout: 10_000, agent: this.agent, formatParams: false };
        this.apis = {
            ecs: {
                refresh: async (task) => {
                    const body = (await ecs.request("DescribeTaskAttribute", { RegionId: task.region, TaskId: task.taskId }, opts)) as Record<string, unknown>;
                    return { status: String(body.TaskStatus), failedCount: Number(body.FailedCount ?? 0) };
                },
                pending: ["Waiting", "Processing"],
                succeeded: ["Finished"],
                failed: ["Failed"],
            },
            bdrc: {
                refresh: async (task) => {
                    const body = (await bdrc.request("GET", `/api/v1/tasks/${task.taskId}`, {}, "", {}, { timeout: 10_000, agent: this.agent })) as {
                        Data: { TaskStatus: string };
                    };
                    return { status: body.Data.TaskStatus };
                },
                pending: ["CREATED", "RUNNING"],
                succeeded: ["COMPLETE"],
                failed: ["FAILED", "CANCELED", "EXPIRED"],
            },
            ecd: {
                refresh: async (task) => {
                    const body = (await ecd.request("DescribeEcdReportTasks", { TaskId: task.taskId }, opts)) as { ExportTaskList: { Status: string }[] };
                    return { status: String(body.ExportTaskList[0]?.Status) };
                },
                pending: ["INIT", "RUNNING"],
                succeeded: ["FINISHED"],
                failed: ["FAILED", "EXPIRED"],
            },
            sas: {
                refresh: async (task) => {
                    const body = (await sas.request("DescribeExportInfo", { ExportId: task.taskId }, opts)) as { ExportStatus: string };
                    return { status: body.ExportStatus };
                },
                pending: ["init", "exporting"],
                succeeded: ["success"],
                failed: [],
            },
        };
    }

    async wait(task: SimTaskRef): Promise<{ observed: Observed; detail?: string }> {
        const api = this.apis[task.service];
        const deadline = this.clock.now() + TIMEOUT_MS;
        let wait = 0;
        for (;;) {
            if (wait > 0) await this.clock.sleep(wait);
            if (wait === 0) wait = 100;
            let found: Refreshed;
            try {
                found = await this.refresh(task, api);
            } catch (error) {
                return { observed: "error", detail: (error as Error).message };
            }
            if (api.succeeded.includes(found.status)) return (found.failedCount ?? 0) > 0 ? { observed: "partial" } : { observed: "success" };
            if (api.failed.includes(found.status)) return { observed: "failed" };
            if (!api.pending.includes(found.status)) return { observed: "error", detail: `unexpected state ${found.status}` };
            if (this.clock.now() >= deadline) return { observed: "timeout" };
            wait = Math.min(10_000, Math.max(3000, wait * 2));
        }
    }

    /** One refresh, retried on throttling and server errors like resource.Retry(5 min). */
    private async refresh(task: SimTaskRef, api: ServiceApi): Promise<Refreshed> {
        const giveUpAt = this.clock.now() + 5 * 60_000;
        let retryWait = 100;
        for (;;) {
            this.callsByTask.set(task.taskId, (this.callsByTask.get(task.taskId) ?? 0) + 1);
            try {
                return await api.refresh(task);
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
