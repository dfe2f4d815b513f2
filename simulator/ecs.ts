/**
 * ECS (API version 2014-05-26): DescribeTasks and DescribeTaskAttribute over simulated tasks
 * of the ImportImage, ExportImage, RedeployInstance, ModifyDiskSpec and ArchiveSnapshot
 * operations (the TaskAction values of the official SDK model).
 *
 * Choices where the reference pages are silent or inconsistent:
 * - FinishedTime is "" until the task ends (the field is typed string; an empty string keeps
 *   every response the same shape). Times use the ECS format 2020-11-24T12:50Z (UTC, minutes).
 * - SupportCancel is the string "true"/"false" in both APIs. DescribeTaskAttribute's sample shows
 *   a boolean but its table says string; clients should accept both.
 * - A queued task reports TaskStatus "Waiting" (seen in practice, not in the filter's value list),
 *   and its operations report OperationStatus "Waiting"; a running one "Processing". The
 *   TaskStatus filter compares exactly, so TaskStatus=Processing does not list Waiting tasks.
 * - An unknown TaskAction filter value simply matches nothing (no error). TaskGroupId (invitational
 *   preview; "other query conditions do not take effect" with it) matches nothing: no simulated
 *   task belongs to a task group.
 * - SuccessCount and FailedCount stay 0 until the task ends; TotalCount is the operation count.
 * - A Failed task reports TaskProcess "100%": the task has run its course. Check TaskStatus.
 * - The failed operations of a partial task are the last ones.
 * - The default error codes and messages for failed operations are invented but shaped like
 *   ECS's (Action.Reason).
 */
import { SimError } from "./errors";
import { randomId } from "./ids";
import { ALIBABA_REGION_IDS } from "./regions";
import type { RpcContext, ServiceModule } from "./registry";
import { commaList, optionalInteger, optionalParam, optionalUtcTime, repeatList, requiredParam, requiredRegion } from "./rpcParams";
import type { TaskKind } from "./taskSpec";
import { taskState, type SimTask, type TaskPhase } from "./tasks";

export const ECS_VERSION = "2014-05-26";
const PRODUCT = "Ecs";
const SERVICE = "ecs";

export const ECS_TASK_ACTIONS = ["ImportImage", "ExportImage", "RedeployInstance", "ModifyDiskSpec", "ArchiveSnapshot"] as const;
export type EcsTaskAction = (typeof ECS_TASK_ACTIONS)[number];

/** The statuses the TaskStatus filter understands; any other value is ignored, as documented. */
const FILTERABLE_STATUSES = new Set(["Finished", "Processing", "Failed"]);

const DEFAULT_ERRORS: Record<EcsTaskAction, { code: string; message: string }> = {
    ImportImage: { code: "ImportImage.InvalidImageFormat", message: "The image format is not supported." },
    ExportImage: { code: "ExportImage.OSSBucketNotFound", message: "The specified OSS bucket does not exist." },
    RedeployInstance: { code: "RedeployInstance.ResourceNotAvailable", message: "The resources required to redeploy the instance are not available." },
    ModifyDiskSpec: { code: "ModifyDiskSpec.OperationFailed", message: "The performance level of the disk could not be changed." },
    ArchiveSnapshot: { code: "ArchiveSnapshot.OperationFailed", message: "The snapshot could not be archived." },
};

/** The prefix of the resource each action works on: images, instances, disks or snapshots. */
const RESOURCE_PREFIX: Record<EcsTaskAction, string> = {
    ImportImage: "m-",
    ExportImage: "m-",
    RedeployInstance: "i-",
    ModifyDiskSpec: "d-",
    ArchiveSnapshot: "s-",
};

function isEcsAction(action: string): action is EcsTaskAction {
    return (ECS_TASK_ACTIONS as readonly string[]).includes(action);
}

export const ecsTaskKind: TaskKind = {
    service: SERVICE,
    actions: ECS_TASK_ACTIONS,
    outcomes: ["success", "failed", "partial"],
    regions: ALIBABA_REGION_IDS,
    defaultRegion: "cn-hangzhou",
    newTaskId: () => randomId("t-"),
    defaultResourceId: (action) => randomId(isEcsAction(action) ? RESOURCE_PREFIX[action] : "r-"),
    defaultError: (action) => (isEcsAction(action) ? DEFAULT_ERRORS[action] : { code: `${action}.Failed`, message: "The operation failed." }),
    statusOf: (task, now) => ecsTaskStatus(taskState(task, now).phase),
};

/** 2020-11-24T12:50Z: UTC, to the minute. */
export function formatEcsTime(ms: number): string {
    return new Date(ms).toISOString().slice(0, 16) + "Z";
}

export function ecsTaskStatus(phase: TaskPhase): string {
    switch (phase) {
        case "waiting":
            return "Waiting";
        case "running":
            return "Processing";
        case "succeeded":
        case "partial":
            return "Finished";
        default:
            // ECS tasks only end in success, failure or partial success; the other phases cannot occur.
            return "Failed";
    }
}

function taskSummary(task: SimTask, now: number) {
    const state = taskState(task, now);
    return {
        state,
        CreationTime: formatEcsTime(task.createdAt),
        TaskStatus: ecsTaskStatus(state.phase),
        FinishedTime: state.terminal ? formatEcsTime(state.endsAt) : "",
        SupportCancel: String(task.supportCancel),
    };
}

function describeTasks(ctx: RpcContext): object {
    const p = ctx.params;
    const region = requiredRegion(p);
    const taskIds = commaList(p, "TaskIds", 100);
    const resourceIds = repeatList(p, "ResourceIds", 100);
    const action = optionalParam(p, "TaskAction");
    const statusFilter = optionalParam(p, "TaskStatus");
    const status = statusFilter !== undefined && FILTERABLE_STATUSES.has(statusFilter) ? statusFilter : undefined;
    const start = optionalUtcTime(p, "StartTime");
    const end = optionalUtcTime(p, "EndTime");
    const pageNumber = optionalInteger(p, "PageNumber", 1, Number.MAX_SAFE_INTEGER, 1);
    const pageSize = optionalInteger(p, "PageSize", 1, 100, 10);
    // "When this parameter is specified, other query conditions do not take effect": no simulated task is in a group.
    const inGroup = optionalParam(p, "TaskGroupId") !== undefined;

    const matches = ctx.tasks.list(
        (t) =>
            !inGroup &&
            t.service === SERVICE &&
            t.region === region &&
            (taskIds === undefined || taskIds.includes(t.id)) &&
            (resourceIds === undefined || resourceIds.includes(t.resourceId)) &&
            (action === undefined || t.action === action) &&
            (start === undefined || t.createdAt >= start) &&
            (end === undefined || t.createdAt <= end) &&
            (status === undefined || ecsTaskStatus(taskState(t, ctx.now).phase) === status),
    );
    const page = matches.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);

    return {
        PageSize: pageSize,
        PageNumber: pageNumber,
        RequestId: ctx.requestId,
        TotalCount: matches.length,
        RegionId: region,
        TaskSet: {
            Task: page.map((t) => {
                const { state: _state, ...summary } = taskSummary(t, ctx.now);
                return { ...summary, TaskId: t.id, TaskAction: t.action, ResourceId: t.resourceId };
            }),
        },
    };
}

function relatedItems(task: SimTask, succeeded: boolean): Array<{ Name: string; Value: string }> {
    switch (task.action) {
        case "ImportImage":
            return [{ Name: "ImageId", Value: task.resourceId }];
        case "ExportImage":
            // The exported object only exists once the export has worked.
            return succeeded ? [{ Name: "OSSObject", Value: `EXPORT_${task.resourceId}_${task.id}.vhd` }] : [];
        case "RedeployInstance":
            return [{ Name: "InstanceId", Value: task.resourceId }];
        case "ModifyDiskSpec":
            return [{ Name: "DiskId", Value: task.resourceId }];
        case "ArchiveSnapshot":
            return [{ Name: "SnapshotId", Value: task.resourceId }];
        default:
            return [];
    }
}

function operationProgress(task: SimTask, phase: TaskPhase, terminal: boolean) {
    const firstFailed = task.operations - task.failedOperations;
    return Array.from({ length: task.operations }, (_, index) => {
        const failed = terminal && index >= firstFailed;
        const status = !terminal ? ecsTaskStatus(phase) : failed ? "Failed" : "Success";
        return {
            ErrorMsg: failed ? task.errorMsg : "",
            ErrorCode: failed ? task.errorCode : "",
            OperationStatus: status,
            RelatedItemSet: { RelatedItem: relatedItems(task, status === "Success") },
        };
    });
}

function describeTaskAttribute(ctx: RpcContext): object {
    const region = requiredRegion(ctx.params);
    const taskId = requiredParam(ctx.params, "TaskId");
    const task = ctx.tasks.get(taskId);
    if (!task || task.service !== SERVICE || task.region !== region) {
        throw new SimError(400, "InvalidTaskId.NotFound", 'The specified "TaskId" is not found.');
    }
    const { state, ...summary } = taskSummary(task, ctx.now);
    return {
        CreationTime: summary.CreationTime,
        SupportCancel: summary.SupportCancel,
        TotalCount: task.operations,
        SuccessCount: state.terminal ? task.operations - task.failedOperations : 0,
        RegionId: region,
        TaskAction: task.action,
        FailedCount: state.terminal ? task.failedOperations : 0,
        RequestId: ctx.requestId,
        TaskStatus: summary.TaskStatus,
        // profile "none": the field is left out (every field is optional in the official model)
        TaskProcess: state.progressReported ? `${state.progress}%` : undefined,
        FinishedTime: summary.FinishedTime,
        TaskId: task.id,
        OperationProgressSet: { OperationProgress: operationProgress(task, state.phase, state.terminal) },
    };
}

export const ecsService: ServiceModule = {
    name: SERVICE,
    register(registry) {
        registry.addTaskKind(ecsTaskKind);
        registry.addRpcAction({ service: SERVICE, product: PRODUCT, version: ECS_VERSION, action: "DescribeTasks", handler: describeTasks });
        registry.addRpcAction({ service: SERVICE, product: PRODUCT, version: ECS_VERSION, action: "DescribeTaskAttribute", handler: describeTaskAttribute });
    },
};
