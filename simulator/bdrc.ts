/**
 * bdrc (API version 2023-08-08, ROA): GET /api/v1/tasks/{TaskId} (DescribeTask).
 *
 * Choices where the reference page is silent or odd:
 * - Times are Unix seconds. StartTime is 0 until the task leaves CREATED, CompleteTime 0 until it
 *   ends (whatever the outcome). ExpireTime is when an unfinished task would expire: its end for
 *   an EXPIRED task, else 7 days after creation (or its end, if later).
 * - Progress is on the documented 0..10000 scale, 10000 once the task has ended whatever the
 *   outcome (as ECS reports 100% for a failed task): check TaskStatus, not Progress.
 * - TaskResult is "" until COMPLETE; ErrorMessage is "" unless FAILED.
 * - Data.RequestId is the id of the request that created the task; the top-level RequestId is
 *   this request's, as in the sample.
 * - Every bdrc task is visible through the single simulator endpoint, whatever its region.
 * - An unknown TaskId answers 404 InvalidTaskId.NotFound.
 */
import { bdrcDetails, bdrcStatusOf, bdrcTaskKind } from "./bdrc-task";
import { SimError } from "./errors";
import type { RpcContext, ServiceModule } from "./registry";
import { taskState } from "./tasks";

export const BDRC_VERSION = "2023-08-08";
const SERVICE = "bdrc";
const PRODUCT = "BDRC";
const EXPIRY_MS = 7 * 24 * 60 * 60 * 1000;

function unixSeconds(ms: number): number {
    return Math.floor(ms / 1000);
}

function describeTask(ctx: RpcContext): object {
    const taskId = ctx.pathParams.TaskId;
    const task = ctx.tasks.get(taskId);
    if (!task || task.service !== SERVICE) throw new SimError(404, "InvalidTaskId.NotFound", 'The specified "TaskId" is not found.');
    const details = bdrcDetails(task);
    const state = taskState(task, ctx.now);
    const status = bdrcStatusOf(state.phase);
    const endsAt = task.createdAt + task.queuedMs + task.durationMs;
    const expiresAt = task.outcome === "expired" ? endsAt : Math.max(task.createdAt + EXPIRY_MS, endsAt);
    return {
        Data: {
            TaskId: task.id,
            TaskName: details.taskName,
            TaskDescription: details.taskDescription,
            TaskType: details.taskType,
            TaskPriority: details.taskPriority,
            RequestId: details.createRequestId,
            TaskDetail: details.taskDetail,
            ExecutionId: "",
            Progress: state.terminal ? 10000 : Math.min(9999, Math.floor(state.fraction * 10000)),
            TaskStatus: status,
            ErrorMessage: status === "FAILED" ? task.errorMsg : "",
            StartTime: state.phase === "waiting" ? 0 : unixSeconds(state.startsAt),
            CompleteTime: state.terminal ? unixSeconds(state.endsAt) : 0,
            ExpireTime: unixSeconds(expiresAt),
            TaskResult: status === "COMPLETE" ? details.taskResult : "",
        },
        RequestId: ctx.requestId,
    };
}

export const bdrcService: ServiceModule = {
    name: SERVICE,
    register(registry) {
        registry.addTaskKind(bdrcTaskKind);
        registry.addRoaAction({
            service: SERVICE,
            product: PRODUCT,
            version: BDRC_VERSION,
            method: "GET",
            path: "/api/v1/tasks/{TaskId}",
            action: "DescribeTask",
            handler: describeTask,
        });
    },
};
