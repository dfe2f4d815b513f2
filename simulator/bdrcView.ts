/**
 * A bdrc task as DescribeTask (Data) and DescribeTasks (Data.Content[]) show it: the same fields,
 * in the reference page's order. See bdrc.ts for the choices made where the page is silent.
 */
import { bdrcDetails, bdrcStatusOf } from "./bdrcTask";
import { taskState, type SimTask } from "./tasks";

const EXPIRY_MS = 7 * 24 * 60 * 60 * 1000;

function unixSeconds(ms: number): number {
    return Math.floor(ms / 1000);
}

export function bdrcTaskData(task: SimTask, now: number) {
    const details = bdrcDetails(task);
    const state = taskState(task, now);
    const status = bdrcStatusOf(state.phase);
    const endsAt = task.createdAt + task.queuedMs + task.durationMs;
    const expiresAt = task.outcome === "expired" ? endsAt : Math.max(task.createdAt + EXPIRY_MS, endsAt);
    return {
        TaskId: task.id,
        TaskName: details.taskName,
        TaskDescription: details.taskDescription,
        TaskType: details.taskType,
        TaskPriority: details.taskPriority,
        RequestId: details.createRequestId,
        TaskDetail: details.taskDetail,
        ExecutionId: "",
        Progress: !state.progressReported ? undefined : state.terminal ? 10000 : Math.min(9999, Math.floor(state.fraction * 10000)),
        TaskStatus: status,
        ErrorMessage: status === "FAILED" ? task.errorMsg : "",
        StartTime: state.phase === "waiting" ? 0 : unixSeconds(state.startsAt),
        CompleteTime: state.terminal ? unixSeconds(state.endsAt) : 0,
        ExpireTime: unixSeconds(expiresAt),
        TaskResult: status === "COMPLETE" ? details.taskResult : "",
    };
}
