import { createHash } from "crypto";
import type { WaitResult } from "../engine/result";
import type { EcsTaskWaiterInputs } from "../inputs";
import type { EcsOperationOutput, EcsTaskOutput } from "../outputs";
import { ECS_STATUS_TABLE, EcsSnapshot, completeEcsSnapshot, describeTasks, ecsTaskSource, newestTaskSource } from "../services/ecs";
import { isTerminalStatus } from "../services/snapshot";
import { toPlainJson } from "./outcome";
import type { ProgressSink } from "./progress";
import { backoffOf, maxGapOf, progressOf, remainingMs } from "./schedule";
import { poller, serviceContext } from "./settings";
import { StatusRules, aggregateStatus, effectiveStatus } from "./status";
import type { TaskPlan, TaskWaiterResult } from "./taskPlan";

/** TaskWaiter's plan for service "ecs": resolve resource ids to tasks if asked, then wait for every task on the shared poller. */
export function ecsTasksPlan(inputs: EcsTaskWaiterInputs & { region: string }): TaskPlan {
    const ctx = serviceContext(inputs.region);
    const rules: StatusRules = {
        table: ECS_STATUS_TABLE,
        successStatuses: inputs.successStatuses,
        failureStatuses: inputs.failureStatuses,
        failOnPartialFailure: inputs.failOnPartialFailure,
    };
    const statusOf = (s: EcsSnapshot) => effectiveStatus(s, rules);

    /** The newest task of taskAction for each resource, found through the poller like a task. */
    async function resolveResources(
        progress: ProgressSink,
        startedAt: number,
        signal?: AbortSignal,
    ): Promise<{ taskIds: string[] } | { unresolved: WaitResult<EcsSnapshot>[] }> {
        const source = newestTaskSource(ctx, inputs.taskAction!);
        const found = await Promise.all(
            inputs.resourceIds!.map((resourceId) =>
                poller().wait({
                    source,
                    taskId: resourceId,
                    timeoutMs: remainingMs(inputs, startedAt),
                    backoff: backoffOf(inputs),
                    isTerminal: () => true,
                    signal,
                }),
            ),
        );
        const unresolved = found.filter((r) => r.reason !== "terminal");
        // the lookups that failed are the results: they say which resource had no task
        if (unresolved.length > 0) return { unresolved: unresolved.map((r) => ({ ...r, taskId: `(newest ${inputs.taskAction} task of ${r.taskId})` })) };
        const taskIds = [...new Set(found.map((r) => r.snapshot!.taskId))];
        progress.note(`resolved ${inputs.resourceIds!.length} resource(s) to task(s) ${taskIds.join(", ")}`);
        return { taskIds };
    }

    function outputs(taskIds: string[], snapshots: ReadonlyMap<string, EcsSnapshot | undefined>): TaskWaiterResult {
        const tasks: EcsTaskOutput[] = taskIds.map((taskId) => {
            const s = snapshots.get(taskId);
            if (!s) return { taskId, status: "pending", rawStatus: "Unknown" };
            const status = statusOf(s);
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
        const operations: EcsOperationOutput[] = present.flatMap((s) =>
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
            failedCount: present.reduce((n, s) => n + (s.failedCount ?? 0), 0),
            operations,
            requestId: present
                .map((s) => s.requestId)
                .filter(Boolean)
                .pop(),
        };
    }

    return {
        what: "ECS task",
        id: ecsWaiterId(inputs),
        rules,
        async wait({ progress, knownTaskIds, signal }) {
            const startedAt = Date.now();
            let taskIds = knownTaskIds ?? (inputs.taskId ? [inputs.taskId] : inputs.taskIds);
            if (!taskIds) {
                const resolved = await resolveResources(progress, startedAt, signal);
                if ("unresolved" in resolved) return { taskIds: [], results: resolved.unresolved, outputs: outputs([], new Map()) };
                taskIds = resolved.taskIds;
            }
            const source = ecsTaskSource(ctx);
            const results = await Promise.all(
                taskIds.map((taskId) =>
                    poller().wait({
                        source,
                        taskId,
                        timeoutMs: remainingMs(inputs, startedAt),
                        backoff: backoffOf(inputs),
                        maxGapMs: maxGapOf(inputs),
                        progressOf,
                        isTerminal: (s) => isTerminalStatus(statusOf(s)),
                        finalize: (s, timeLeftMs) => completeEcsSnapshot({ ...ctx, timeLeftMs }, s),
                        onSnapshot: (s) => progress.observe(s, statusOf(s)),
                        signal,
                    }),
                ),
            );
            return { taskIds, results, outputs: outputs(taskIds, new Map(results.map((r) => [r.taskId, r.snapshot]))) };
        },
        describeFailure(result) {
            return (result.tasks ?? [])
                .filter((t) => t.status !== "succeeded")
                .map((t) => {
                    const opErrors = (result.operations ?? [])
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
        },
        recordedTaskIds,
        async refresh(props) {
            const taskIds = recordedTaskIds(props) ?? [];
            if (taskIds.length === 0) return props;
            // the list, then details for the tasks that ended
            const listed = await describeTasks(ctx, { taskIds });
            const detailed = await Promise.all(listed.map((s) => (isTerminalStatus(statusOf(s)) ? completeEcsSnapshot(ctx, s) : s)));
            const snapshots = new Map(detailed.map((s) => [s.taskId, s]));
            // a task gone from the history keeps what was last recorded about it
            const previous = new Map(((props.tasks as EcsTaskOutput[] | undefined) ?? []).map((t) => [t.taskId, t]));
            const missing = taskIds.filter((t) => !snapshots.has(t));
            const refreshed = outputs(taskIds, snapshots);
            refreshed.tasks = refreshed.tasks!.map((t) => (missing.includes(t.taskId) ? (previous.get(t.taskId) ?? t) : t));
            return toPlainJson({ ...props, ...refreshed, status: missing.length === taskIds.length ? props.status : refreshed.status });
        },
    };
}

/** Stable and readable: ecs:cn-hangzhou:t-123; long lists are shortened with a hash. */
function ecsWaiterId(inputs: EcsTaskWaiterInputs & { region: string }): string {
    const ids = inputs.taskId ? [inputs.taskId] : (inputs.taskIds ?? inputs.resourceIds!.map((r) => `${inputs.taskAction}@${r}`));
    const selector = ids.length <= 3 ? ids.join(",") : `${ids[0]}+${ids.length - 1}-${createHash("sha256").update(ids.join(",")).digest("hex").slice(0, 8)}`;
    return `${inputs.service}:${inputs.region}:${selector}`;
}

/** The tasks of the last wait: after resourceIds were resolved, resuming must not look them up again. */
function recordedTaskIds(props: Record<string, unknown>): string[] | undefined {
    const tasks = props.tasks;
    if (!Array.isArray(tasks) || tasks.length === 0) return undefined;
    return tasks.map((t) => String((t as { taskId: unknown }).taskId));
}
