import { createHash } from "crypto";
import { parseDuration } from "../engine/duration";
import type { TaskSource } from "../engine/poller";
import type { WaitResult } from "../engine/result";
import type { EcsInputs } from "./waitOptions";
import { backoffOf } from "./waitOptions";
import { EcsContext, EcsSnapshot, completeEcsSnapshot, describeTasks, ecsEndpoint, ecsTaskSource } from "../services/ecs";
import { ECS_STATUS_TABLE } from "../services/ecs";
import { effectiveEndpoint } from "../client/call";
import { TaskStatus, isTerminalStatus, normalizeStatus } from "../services/snapshot";
import type { EcsOperationOutput, EcsTaskOutput } from "../outputs";
import { aggregateStatus } from "./outcome";
import type { WaiterPlan } from "./plan";
import { ProgressReporter } from "./progress";
import { poller, providerSettings, requireCredentials } from "./runtime";
import { toPlainJson } from "./validate";

/** Waiting on ECS tasks: resolve resource ids to tasks if asked, then wait for every task in one shared poller. */

export function ecsContext(inputs: EcsInputs): EcsContext {
    const settings = providerSettings();
    return { region: inputs.region!, credentials: requireCredentials(), endpointOverride: settings.endpointOverride };
}

/** The effective status of a task for this waiter: overrides first, then a partly failed Finished task counts as failed. */
export function ecsTaskStatus(snapshot: EcsSnapshot, inputs: EcsInputs): TaskStatus {
    const status = normalizeStatus(snapshot.rawStatus, ECS_STATUS_TABLE, inputs);
    if (status === "succeeded" && inputs.failOnPartialFailure && (snapshot.details.failedCount ?? 0) > 0) return "failed";
    return status;
}

/**
 * resourceIds + taskAction: the newest task of that action for each resource, found through the
 * poller so that "not visible yet", transient errors and the deadline behave as for tasks.
 */
function resourceTaskSource(ctx: EcsContext, taskAction: string): TaskSource<EcsSnapshot> {
    const endpoint = effectiveEndpoint(ecsEndpoint(ctx.region), ctx.endpointOverride);
    return {
        batchKey: `ecs-resources|${endpoint}|${ctx.region}|${ctx.credentials.accessKeyId}|${taskAction}`,
        maxBatchSize: 100,
        async fetch(resourceIds) {
            const tasks = await describeTasks(ctx, { resourceIds, taskAction });
            const newest = new Map<string, EcsSnapshot>();
            for (const task of tasks) {
                const key = task.details.resourceId;
                if (!key) continue;
                const known = newest.get(key);
                if (!known || (task.details.creationTime ?? "") > (known.details.creationTime ?? "")) newest.set(key, task);
            }
            return newest;
        },
    };
}

export interface EcsWait {
    taskIds: string[];
    results: WaitResult<EcsSnapshot>[];
}

export async function waitForEcs(inputs: EcsInputs, reporter: ProgressReporter, knownTaskIds?: string[]): Promise<EcsWait> {
    const ctx = ecsContext(inputs);
    const timeoutMs = parseDuration(inputs.timeout)!;
    const startedAt = Date.now();
    const backoff = backoffOf(inputs);
    let taskIds = knownTaskIds ?? (inputs.taskId ? [inputs.taskId] : inputs.taskIds);
    if (!taskIds) {
        const source = resourceTaskSource(ctx, inputs.taskAction!);
        const found = await Promise.all(
            inputs.resourceIds!.map((resourceId) => poller().wait({ source, taskId: resourceId, timeoutMs, backoff, isTerminal: () => true })),
        );
        const unresolved = found.filter((r) => r.reason !== "terminal");
        if (unresolved.length > 0) {
            // report the resource lookups as the results: they say which resource had no task
            return { taskIds: [], results: unresolved.map((r) => ({ ...r, taskId: `(newest ${inputs.taskAction} task of ${r.taskId})` })) };
        }
        taskIds = [...new Set(found.map((r) => r.snapshot!.taskId))];
        reporter.note(`resolved ${inputs.resourceIds!.length} resource(s) to task(s) ${taskIds.join(", ")}`);
    }
    const source = ecsTaskSource(ctx);
    const remainingMs = Math.max(0, timeoutMs - (Date.now() - startedAt));
    const results = await Promise.all(
        taskIds.map((taskId) =>
            poller().wait({
                source,
                taskId,
                timeoutMs: remainingMs,
                backoff,
                isTerminal: (s) => isTerminalStatus(normalizeStatus(s.rawStatus, ECS_STATUS_TABLE, inputs)),
                finalize: (s) => completeEcsSnapshot(ctx, s),
                onSnapshot: (s) => reporter.observe(s),
            }),
        ),
    );
    return { taskIds, results };
}

/** Re-reads the tasks once (refresh): the list, then details for those that are terminal. */
export async function readEcsOnce(inputs: EcsInputs, taskIds: string[]): Promise<Map<string, EcsSnapshot>> {
    const ctx = ecsContext(inputs);
    const listed = await describeTasks(ctx, { taskIds });
    const detailed = await Promise.all(
        listed.map((s) => (isTerminalStatus(normalizeStatus(s.rawStatus, ECS_STATUS_TABLE, inputs)) ? completeEcsSnapshot(ctx, s) : s)),
    );
    return new Map(detailed.map((s) => [s.taskId, s]));
}

export interface EcsResultOutputs {
    status: TaskStatus;
    rawStatus: string;
    progress: number;
    tasks: EcsTaskOutput[];
    resourceId?: string;
    successCount: number;
    failedCount: number;
    operations: EcsOperationOutput[];
    requestId?: string;
}

export function ecsOutputs(inputs: EcsInputs, taskIds: string[], snapshots: Map<string, EcsSnapshot | undefined>): EcsResultOutputs {
    const tasks: EcsTaskOutput[] = taskIds.map((taskId) => {
        const s = snapshots.get(taskId);
        if (!s) return { taskId, status: "pending", rawStatus: "Unknown" };
        const status = ecsTaskStatus(s, inputs);
        return {
            taskId,
            taskAction: s.details.taskAction,
            status,
            rawStatus: s.rawStatus,
            progress: s.progress ?? (status === "succeeded" ? 100 : undefined),
            resourceId: s.details.resourceId,
            creationTime: s.details.creationTime,
            finishedTime: s.details.finishedTime,
            supportCancel: s.details.supportCancel,
        };
    });
    const present = taskIds.map((id) => snapshots.get(id)).filter((s): s is EcsSnapshot => s !== undefined);
    const operations = present.flatMap((s) =>
        (s.details.operations ?? []).map((op) => ({
            taskId: s.taskId,
            status: op.status,
            errorCode: op.errorCode,
            errorMsg: op.errorMsg,
            relatedItems: op.relatedItems,
        })),
    );
    const progressValues = tasks.map((t) => t.progress ?? 0);
    return {
        status: aggregateStatus(tasks.map((t) => t.status)),
        rawStatus: [...new Set(tasks.map((t) => t.rawStatus))].join(","),
        progress: progressValues.length ? Math.round((progressValues.reduce((a, b) => a + b, 0) / progressValues.length) * 10) / 10 : 0,
        tasks,
        resourceId: tasks.length === 1 ? tasks[0].resourceId : undefined,
        successCount: present.reduce((n, s) => n + (s.details.successCount ?? 0), 0),
        failedCount: present.reduce((n, s) => n + (s.details.failedCount ?? 0), 0),
        operations,
        requestId: present
            .map((s) => s.requestId)
            .filter(Boolean)
            .pop(),
    };
}

/** "task t-1 (ImportImage m-1): Failed, progress 40%: operation errors ImportImage.InvalidFormat: ...". */
export function describeEcsFailures(outputs: EcsResultOutputs): string {
    return outputs.tasks
        .filter((t) => t.status !== "succeeded")
        .map((t) => {
            const opErrors = outputs.operations
                .filter((op) => op.taskId === t.taskId && op.status.toLowerCase() !== "success")
                .map((op) => `${op.errorCode ?? "no code"}: ${op.errorMsg ?? "no message"}`);
            const progress = t.progress !== undefined ? `, progress ${t.progress}%` : "";
            const what = [t.taskAction, t.resourceId].filter(Boolean).join(" ");
            return (
                `ECS task ${t.taskId}${what ? ` (${what})` : ""} ${t.rawStatus} (${t.status})${progress}` +
                (opErrors.length ? `: failed operations ${opErrors.join("; ")}` : "")
            );
        })
        .join("; ");
}

/** Stable and readable: ecs:cn-hangzhou:t-123; long lists are shortened with a hash. */
export function ecsWaiterId(inputs: EcsInputs): string {
    const ids = inputs.taskId ? [inputs.taskId] : (inputs.taskIds ?? inputs.resourceIds!.map((r) => `${inputs.taskAction}@${r}`));
    const selector = ids.length <= 3 ? ids.join(",") : `${ids[0]}+${ids.length - 1}-${createHash("sha256").update(ids.join(",")).digest("hex").slice(0, 8)}`;
    return `${inputs.service}:${inputs.region}:${selector}`;
}

/** The tasks of the last wait: after resourceIds were resolved, resuming must not look them up again. */
function recordedEcsTaskIds(props: Record<string, unknown>): string[] | undefined {
    const tasks = props.tasks;
    if (!Array.isArray(tasks) || tasks.length === 0) return undefined;
    return tasks.map((t) => String((t as { taskId: unknown }).taskId));
}

/** Refresh: re-read the recorded tasks; a task gone from the history keeps what was last recorded about it. */
async function refreshEcs(inputs: EcsInputs, props: Record<string, unknown>): Promise<Record<string, unknown>> {
    const taskIds = recordedEcsTaskIds(props) ?? [];
    if (taskIds.length === 0) return props;
    const snapshots = await readEcsOnce(inputs, taskIds);
    const previous = new Map(((props.tasks as { taskId: string }[]) ?? []).map((t) => [t.taskId, t]));
    const missing = taskIds.filter((t) => !snapshots.has(t));
    const outputs = ecsOutputs(inputs, taskIds, snapshots);
    outputs.tasks = outputs.tasks.map((t) => (missing.includes(t.taskId) && previous.has(t.taskId) ? (previous.get(t.taskId) as typeof t) : t));
    return toPlainJson({ ...props, ...outputs, status: missing.length === taskIds.length ? props.status : outputs.status });
}

/** TaskWaiter's plan for service "ecs". */
export const ecsPlan: WaiterPlan<EcsInputs, EcsResultOutputs> = {
    what: "ECS task",
    id: ecsWaiterId,
    recordedTaskIds: recordedEcsTaskIds,
    async wait(inputs, reporter, knownTaskIds) {
        const waited = await waitForEcs(inputs, reporter, knownTaskIds);
        const snapshots = new Map(waited.results.map((r) => [r.taskId, r.snapshot]));
        return { ...waited, outputs: ecsOutputs(inputs, waited.taskIds, snapshots) };
    },
    describeFailure: (_inputs, outputs) => describeEcsFailures(outputs),
    refresh: refreshEcs,
};
