import { z } from "zod";
import { productEndpoint } from "../client/endpoints";
import { ApiError } from "../client/errors";
import type { TaskSource } from "../engine/poller";
import { ServiceContext, ServiceDefinition, batchKey, callTarget } from "./context";
import { looseNumber, parseResponse, textBoolean } from "./parse";
import { TaskSnapshot, clampProgress } from "./snapshot";

/** ECS asynchronous tasks: DescribeTasks (batched, up to 100 ids a call) and DescribeTaskAttribute (details). */

export const ECS_TASK_ACTIONS = ["ImportImage", "ExportImage", "RedeployInstance", "ModifyDiskSpec", "ArchiveSnapshot"] as const;
export const ECS_MAX_TASK_IDS = 100;

export const ECS_SERVICE: ServiceDefinition = {
    name: "ecs",
    product: "ECS",
    apiVersion: "2014-05-26",
    // Waiting is not in the documented filter but is seen while a task is queued
    statusTable: { waiting: "pending", processing: "running", finished: "succeeded", failed: "failed", cancelled: "cancelled", canceled: "cancelled" },
    // Alibaba's endpoint data: regional, with exceptions (cn-hangzhou answers on ecs-cn-hangzhou.aliyuncs.com)
    endpoint: (region) => productEndpoint("ecs", region),
};

export const ECS_STATUS_TABLE = ECS_SERVICE.statusTable;

// Every field is optional in the official models; what a wait cannot do without is required:
// which task (TaskId in a list) and where it is (TaskStatus). The rest is taken when it comes.
const taskSchema = z.object({
    TaskId: z.string(),
    TaskStatus: z.string(),
    TaskAction: z.string().optional(),
    ResourceId: z.string().optional(),
    CreationTime: z.string().optional(),
    FinishedTime: z.string().optional(),
    SupportCancel: textBoolean.optional(),
});

const describeTasksSchema = z.object({
    RequestId: z.string().optional(),
    TotalCount: looseNumber.optional(),
    PageNumber: looseNumber.optional(),
    PageSize: looseNumber.optional(),
    TaskSet: z.object({ Task: z.array(taskSchema).optional() }).optional(),
});

const operationSchema = z.object({
    OperationStatus: z.string().optional(),
    ErrorCode: z.string().optional(),
    ErrorMsg: z.string().optional(),
    RelatedItemSet: z.object({ RelatedItem: z.array(z.object({ Name: z.string().optional(), Value: z.string().optional() })).optional() }).optional(),
});

const describeTaskAttributeSchema = z.object({
    RequestId: z.string().optional(),
    TaskId: z.string().optional(),
    TaskStatus: z.string(),
    TaskAction: z.string().optional(),
    TaskProcess: z.string().optional(),
    CreationTime: z.string().optional(),
    FinishedTime: z.string().optional(),
    SupportCancel: textBoolean.optional(),
    TotalCount: looseNumber.optional(),
    SuccessCount: looseNumber.optional(),
    FailedCount: looseNumber.optional(),
    OperationProgressSet: z.object({ OperationProgress: z.array(operationSchema).optional() }).optional(),
});

interface EcsOperation {
    status: string;
    errorCode?: string;
    errorMsg?: string;
    relatedItems: { name: string; value: string }[];
}

interface EcsTaskDetails {
    taskAction?: string;
    resourceId?: string;
    creationTime?: string;
    finishedTime?: string;
    supportCancel?: boolean;
    /** Only after DescribeTaskAttribute: the task's operations and their counts. */
    totalCount?: number;
    successCount?: number;
    operations?: EcsOperation[];
}

export type EcsSnapshot = TaskSnapshot<EcsTaskDetails>;

function snapshotOfTask(task: z.infer<typeof taskSchema>, requestId: string | undefined): EcsSnapshot {
    return {
        taskId: task.TaskId,
        rawStatus: task.TaskStatus,
        requestId,
        details: {
            taskAction: task.TaskAction,
            resourceId: task.ResourceId || undefined,
            creationTime: task.CreationTime || undefined,
            finishedTime: task.FinishedTime || undefined,
            supportCancel: task.SupportCancel,
        },
    };
}

interface DescribeTasksFilter {
    taskIds?: readonly string[];
    resourceIds?: readonly string[];
    taskAction?: string;
}

const PAGE_SIZE = 100;

/** Every task matching the filter, across pages (100 a page, the maximum). */
export async function describeTasks(ctx: ServiceContext, filter: DescribeTasksFilter): Promise<EcsSnapshot[]> {
    const params: Record<string, unknown> = { RegionId: ctx.region, PageSize: PAGE_SIZE };
    if (filter.taskIds?.length) params.TaskIds = filter.taskIds.join(",");
    if (filter.taskAction) params.TaskAction = filter.taskAction;
    filter.resourceIds?.forEach((id, i) => (params[`ResourceIds.${i + 1}`] = id));
    const snapshots: EcsSnapshot[] = [];
    const target = callTarget(ECS_SERVICE, ctx, "DescribeTasks");
    for (let page = 1; ; page++) {
        const body = parseResponse(target.api, describeTasksSchema, await ctx.client.rpc(target, "DescribeTasks", { ...params, PageNumber: page }));
        const tasks = body.TaskSet?.Task ?? [];
        snapshots.push(...tasks.map((t) => snapshotOfTask(t, body.RequestId)));
        // without a TotalCount, a page that is not full is the last
        const last = body.TotalCount !== undefined ? snapshots.length >= body.TotalCount : tasks.length < PAGE_SIZE;
        if (tasks.length === 0 || last) return snapshots;
    }
}

/** The task with its operations, counts and progress; undefined when ECS does not know it. */
export async function describeTaskAttribute(ctx: ServiceContext, taskId: string): Promise<EcsSnapshot | undefined> {
    const target = callTarget(ECS_SERVICE, ctx, "DescribeTaskAttribute");
    let raw: unknown;
    try {
        raw = await ctx.client.rpc(target, "DescribeTaskAttribute", { RegionId: ctx.region, TaskId: taskId });
    } catch (error) {
        if (error instanceof ApiError && error.code === "InvalidTaskId.NotFound") return undefined;
        throw error;
    }
    const body = parseResponse(target.api, describeTaskAttributeSchema, raw);
    const operations = body.OperationProgressSet?.OperationProgress?.map((op) => ({
        status: op.OperationStatus ?? "Unknown",
        errorCode: op.ErrorCode || undefined,
        errorMsg: op.ErrorMsg || undefined,
        relatedItems: (op.RelatedItemSet?.RelatedItem ?? []).map((item) => ({ name: item.Name ?? "", value: item.Value ?? "" })),
    }));
    const progress = body.TaskProcess ? Number.parseFloat(body.TaskProcess.replace("%", "")) : undefined;
    const failed = operations?.filter((op) => op.status.toLowerCase() !== "success") ?? [];
    return {
        taskId: body.TaskId ?? taskId,
        rawStatus: body.TaskStatus,
        progress: clampProgress(progress),
        failedCount: body.FailedCount,
        requestId: body.RequestId,
        errorCode: failed[0]?.errorCode,
        errorMessage: failed[0]?.errorMsg,
        details: {
            taskAction: body.TaskAction,
            creationTime: body.CreationTime || undefined,
            finishedTime: body.FinishedTime || undefined,
            supportCancel: body.SupportCancel,
            totalCount: body.TotalCount,
            successCount: body.SuccessCount,
            operations,
        },
    };
}

/**
 * What only DescribeTasks says about a task (its resource, e.g. the imported image), remembered so
 * that a lone wait can poll DescribeTaskAttribute instead. Bounded: oldest entries go first. One
 * per runtime: the waits of one process share what their lists showed.
 */
export class ListedFacts {
    private readonly facts = new Map<string, { resourceId?: string; taskAction?: string }>();

    constructor(private readonly max = 10_000) {}

    get(taskId: string): { resourceId?: string; taskAction?: string } | undefined {
        return this.facts.get(taskId);
    }

    remember(snapshot: EcsSnapshot): void {
        this.facts.delete(snapshot.taskId);
        this.facts.set(snapshot.taskId, { resourceId: snapshot.details.resourceId, taskAction: snapshot.details.taskAction });
        if (this.facts.size > this.max) this.facts.delete(this.facts.keys().next().value!);
    }
}

function withListedFacts(detailed: EcsSnapshot, facts: { resourceId?: string; taskAction?: string }): EcsSnapshot {
    return { ...detailed, details: { ...detailed.details, resourceId: facts.resourceId, taskAction: detailed.details.taskAction ?? facts.taskAction } };
}

/**
 * Batched polling: concurrent waits in one account and region share DescribeTasks calls of up to
 * 100 ids. A lone wait whose task was listed once polls DescribeTaskAttribute instead: one call
 * per poll either way, and it brings progress and the operations, so no detail call is left for
 * the end.
 */
export function ecsTaskSource(ctx: ServiceContext, listed: ListedFacts): TaskSource<EcsSnapshot> {
    return {
        batchKey: batchKey(ECS_SERVICE, ctx),
        maxBatchSize: ECS_MAX_TASK_IDS,
        async fetch(taskIds, timeLeftMs) {
            const call = { ...ctx, timeLeftMs };
            const facts = taskIds.length === 1 ? listed.get(taskIds[0]) : undefined;
            if (facts) {
                const detailed = await describeTaskAttribute(call, taskIds[0]);
                return new Map(detailed ? [[detailed.taskId, withListedFacts(detailed, facts)]] : []);
            }
            const found = await describeTasks(call, { taskIds });
            found.forEach((s) => listed.remember(s));
            return new Map(found.map((s) => [s.taskId, s]));
        },
    };
}

/**
 * resourceIds + taskAction: the newest task of that action for each resource, as a source keyed by
 * resource id, so that "not visible yet", transient errors and the deadline behave as for tasks.
 */
export function newestTaskSource(ctx: ServiceContext, taskAction: string): TaskSource<EcsSnapshot> {
    return {
        batchKey: batchKey(ECS_SERVICE, ctx, "resources", taskAction),
        maxBatchSize: ECS_MAX_TASK_IDS,
        async fetch(resourceIds, timeLeftMs) {
            const newest = new Map<string, EcsSnapshot>();
            for (const task of await describeTasks({ ...ctx, timeLeftMs }, { resourceIds, taskAction })) {
                const key = task.details.resourceId;
                if (!key) continue;
                const known = newest.get(key);
                if (!known || (task.details.creationTime ?? "") > (known.details.creationTime ?? "")) newest.set(key, task);
            }
            return newest;
        },
    };
}

/** Adds DescribeTaskAttribute's details to a terminal snapshot from DescribeTasks (unless it has them already). */
export async function completeEcsSnapshot(ctx: ServiceContext, listed: EcsSnapshot): Promise<EcsSnapshot> {
    if (listed.details.operations !== undefined) return listed;
    const detailed = await describeTaskAttribute(ctx, listed.taskId);
    return detailed ? withListedFacts(detailed, listed.details) : listed;
}
