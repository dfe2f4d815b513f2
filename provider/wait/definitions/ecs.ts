import { createHash } from "crypto";
import type { EcsTaskWaiterInputs } from "../../inputs";
import type { EcsOperationOutput, EcsTaskOutput, TaskWaiterOutputs } from "../../outputs";
import { ECS_STATUS_TABLE, EcsSnapshot, completeEcsSnapshot, ecsTaskSource, newestTaskSource } from "../../services/ecs";
import { isTerminalStatus } from "../../services/snapshot";
import { STATUS_ACCEPTORS, judge } from "../acceptor";
import type { BeginContext, Begun, WaitDefinition } from "../definition";
import { engineSchedule, remainingMs } from "../options";
import { readShared } from "../read";
import { Runtime, plainJson, serviceContext } from "../runtime";
import { StatusRules, aggregateStatus, effectiveStatus } from "../status";

/** What a TaskWaiter records about its tasks, besides its inputs, waitedSeconds and failureReason. */
export type TaskWaiterFields = Omit<TaskWaiterOutputs, "waitedSeconds" | "failureReason">;

type Inputs = EcsTaskWaiterInputs & { region: string };

/**
 * TaskWaiter's service "ecs": DescribeTasks for many tasks at once, DescribeTaskAttribute for the
 * details of one. resourceIds + taskAction are resolved to the newest such task of each resource
 * first; `knownTaskIds` resumes on the tasks an earlier, unfinished wait resolved.
 */
export function ecsDefinition(inputs: Inputs, runtime: Runtime, knownTaskIds?: string[]): WaitDefinition<EcsSnapshot> {
    const ctx = serviceContext(runtime, inputs.region);
    const rules = ecsRules(inputs);
    const statusOf = (s: EcsSnapshot) => effectiveStatus(s, rules);
    const source = ecsTaskSource(ctx, runtime.ecsListed);
    return {
        what: "ECS task",
        inputs,
        async begin(context) {
            const taskIds = knownTaskIds ?? (inputs.taskId ? [inputs.taskId] : inputs.taskIds);
            return taskIds ? { ids: taskIds } : resolveResources(inputs, runtime, context);
        },
        request: () => ({
            source,
            judge: (s) => judge({ kind: "status", status: statusOf(s) }, STATUS_ACCEPTORS),
            statusOf,
            progressOf: (s) => s.progress,
            finalize: (s, timeLeftMs) => completeEcsSnapshot({ ...ctx, timeLeftMs }, s),
        }),
        outputs: (begun, results) => ecsOutputs(begun.ids, new Map(results.map((r) => [r.taskId, r.snapshot])), statusOf),
        phrasing: { kind: "task", rules, describeFailure: (outputs) => describeEcsFailure(outputs as TaskWaiterFields) },
        resumes: { unfinished: true, afterError: () => false, afterFailure: () => false },
    };
}

export function ecsRules(inputs: Inputs): StatusRules {
    return {
        table: ECS_STATUS_TABLE,
        successStatuses: inputs.successStatuses,
        failureStatuses: inputs.failureStatuses,
        failOnPartialFailure: inputs.failOnPartialFailure,
    };
}

/** The newest task of taskAction for each resource, found through the poller like a task, on the wait's schedule. */
async function resolveResources(inputs: Inputs, runtime: Runtime, context: BeginContext): Promise<Begun<EcsSnapshot>> {
    const source = newestTaskSource(serviceContext(runtime, inputs.region), inputs.taskAction!);
    const found = await Promise.all(
        inputs.resourceIds!.map((resourceId) =>
            runtime.poller.wait({
                source,
                taskId: resourceId,
                ...engineSchedule(context.options, remainingMs(context.options, context.startedAt, runtime.poller.clock.now())),
                judge: () => "success",
                signal: context.caller.signal,
            }),
        ),
    );
    const unresolved = found.filter((r) => r.state !== "success");
    // the lookups that failed are the results: they say which resource had no task
    if (unresolved.length > 0) return { ended: unresolved.map((r) => ({ ...r, taskId: `(newest ${inputs.taskAction} task of ${r.taskId})` })) };
    const taskIds = [...new Set(found.map((r) => r.snapshot!.taskId))];
    context.caller.progress.note(`resolved ${inputs.resourceIds!.length} resource(s) to task(s) ${taskIds.join(", ")}`);
    return { ids: taskIds };
}

function ecsOutputs(
    taskIds: string[],
    snapshots: ReadonlyMap<string, EcsSnapshot | undefined>,
    statusOf: (s: EcsSnapshot) => EcsTaskOutput["status"],
): TaskWaiterFields {
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

/** Why tasks that all ended did not succeed: each one's status and progress, and its failed operations. */
function describeEcsFailure(result: TaskWaiterFields): string {
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
}

/** Stable and readable: ecs:cn-hangzhou:t-123; long lists are shortened with a hash. */
export function ecsWaiterId(inputs: Inputs): string {
    const ids = inputs.taskId ? [inputs.taskId] : (inputs.taskIds ?? inputs.resourceIds!.map((r) => `${inputs.taskAction}@${r}`));
    const selector = ids.length <= 3 ? ids.join(",") : `${ids[0]}+${ids.length - 1}-${createHash("sha256").update(ids.join(",")).digest("hex").slice(0, 8)}`;
    return `${inputs.service}:${inputs.region}:${selector}`;
}

/** The tasks of the last wait: after resourceIds were resolved, resuming must not look them up again. */
export function recordedEcsTaskIds(props: Record<string, unknown>): string[] | undefined {
    const tasks = props.tasks;
    if (!Array.isArray(tasks) || tasks.length === 0) return undefined;
    return tasks.map((t) => String((t as { taskId: unknown }).taskId));
}

/** `pulumi refresh`: the recorded properties updated from one read of the tasks (the list, then details for tasks that ended). */
export async function refreshEcs(inputs: Inputs, runtime: Runtime, props: Record<string, unknown>): Promise<Record<string, unknown>> {
    const taskIds = recordedEcsTaskIds(props) ?? [];
    if (taskIds.length === 0) return props;
    const ctx = serviceContext(runtime, inputs.region);
    const rules = ecsRules(inputs);
    const statusOf = (s: EcsSnapshot) => effectiveStatus(s, rules);
    const source = ecsTaskSource(ctx, runtime.ecsListed);
    const listed = (await Promise.all(taskIds.map((id) => readShared(runtime, source, id)))).filter((s): s is EcsSnapshot => s !== undefined);
    const previous = new Map(((props.tasks as EcsTaskOutput[] | undefined) ?? []).map((t) => [t.taskId, t]));
    // a task that ended as recorded has nothing new: its details (DescribeTaskAttribute, a call per task) are not read again
    const settled = listed.length === taskIds.length && listed.every((s) => isTerminalStatus(statusOf(s)) && previous.get(s.taskId)?.rawStatus === s.rawStatus);
    if (settled) return props;
    const detailed = await Promise.all(listed.map((s) => (isTerminalStatus(statusOf(s)) ? completeEcsSnapshot(ctx, s) : s)));
    const snapshots = new Map(detailed.map((s) => [s.taskId, s]));
    // a task gone from the history keeps what was last recorded about it
    const missing = taskIds.filter((t) => !snapshots.has(t));
    const refreshed = ecsOutputs(taskIds, snapshots, statusOf);
    refreshed.tasks = refreshed.tasks!.map((t) => (missing.includes(t.taskId) ? (previous.get(t.taskId) ?? t) : t));
    return plainJson(runtime, { ...props, ...refreshed, status: missing.length === taskIds.length ? props.status : refreshed.status });
}
