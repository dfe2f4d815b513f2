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
import { ProgressReporter } from "./progress";
import { poller, providerSettings, requireCredentials } from "./runtime";

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
            inputs.resourceIds!.map((resourceId) =>
                poller.wait({ source, taskId: resourceId, timeoutMs, backoff, isTerminal: () => true }),
            ),
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
            poller.wait({
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
        (s.details.operations ?? []).map((op) => ({ taskId: s.taskId, status: op.status, errorCode: op.errorCode, errorMsg: op.errorMsg, relatedItems: op.relatedItems })),
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
        requestId: present.map((s) => s.requestId).filter(Boolean).pop(),
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
            return `ECS task ${t.taskId}${what ? ` (${what})` : ""} ${t.rawStatus} (${t.status})${progress}` + (opErrors.length ? `: failed operations ${opErrors.join("; ")}` : "");
        })
        .join("; ");
}
