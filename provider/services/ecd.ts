import { z } from "zod";
import { productEndpoint } from "../client/endpoints";
import { ApiError } from "../client/errors";
import type { TaskSource } from "../engine/poller";
import { ServiceContext, ServiceDefinition, batchKey, callTarget } from "./context";
import { urlExpiry } from "./downloadUrl";
import { looseBoolean, looseNumber, parseResponse } from "./parse";
import { listedSource } from "./listSource";
import { TaskSnapshot, clampProgress } from "./snapshot";

/** Elastic Desktop Service (ecd) report exports: CreateEcdReportTask starts one, DescribeEcdReportTasks lists them. */

/** CreateEcdReportTask's LangType: the API takes these and nothing else. */
export const ECD_LANG_TYPES = ["zh-CN", "en-GB"] as const;

/** DescribeEcdReportTasks' documented page size limit: one list call serves up to this many waits. */
export const ECD_MAX_PAGE_SIZE = 200;

export const ECD_SERVICE: ServiceDefinition = {
    name: "ecd",
    product: "ECD",
    apiVersion: "2020-09-30",
    // the sample response says "Running": compared case-insensitively like every table
    statusTable: { init: "pending", running: "running", finished: "succeeded", failed: "failed", expired: "expired" },
    // a regional endpoint in every region ECD is offered in; the API itself rejects the others
    endpoint: (region) => productEndpoint("ecd", region),
};

export const ECD_STATUS_TABLE = ECD_SERVICE.statusTable;

const optionalText = z.string().nullish();

const reportTaskSchema = z.object({
    TaskId: z.string(),
    Status: z.string(),
    TaskType: optionalText,
    SubType: optionalText,
    ReportFileName: optionalText,
    Progress: looseNumber.nullish(),
    GmtCreate: optionalText,
    GmtModified: optionalText,
    DownloadUrl: optionalText,
    ErrorCode: optionalText,
    ErrorMsg: optionalText,
});

/** The page shows a bare array; RPC JSON sometimes wraps lists as { ExportTask: [...] }: both are read. */
const taskListSchema = z.preprocess((value) => {
    if (value && typeof value === "object" && !Array.isArray(value)) {
        const inner = (value as Record<string, unknown>).ExportTask ?? (value as Record<string, unknown>).exportTask;
        if (inner !== undefined) return inner;
    }
    return value;
}, z.array(reportTaskSchema));

// Every field is optional in the official model; a wait needs each task's TaskId and Status.
const describeReportTasksSchema = z.object({
    RequestId: z.string().nullish(),
    TotalCount: looseNumber.nullish(),
    ExportTaskList: taskListSchema.nullish(),
});

const createReportTaskSchema = z.object({
    RequestId: z.string().nullish(),
    TaskId: z.string().nullish(),
    Code: optionalText,
    Message: optionalText,
    Success: looseBoolean.nullish(),
});

/** Checked only once the body says it succeeded, so that a refusal is reported as such, not as a shape error. */
const createdTaskIdSchema = z.object({ TaskId: z.string().min(1) });

interface EcdReportDetails {
    taskType?: string;
    subType?: string;
    reportFileName?: string;
    /** A pre-signed URL: a credential until it expires. Never print it whole. */
    downloadUrl?: string;
    createdAt?: string;
    modifiedAt?: string;
}

export type EcdReportSnapshot = TaskSnapshot<EcdReportDetails>;

/** "Success" is what ErrorCode says when nothing went wrong; ErrorMsg then is only a remark ("No Data."). */
function isSuccessCode(code: string | null | undefined): boolean {
    return !code || /^(success|ok|200)$/i.test(code.trim());
}

function snapshotOfTask(task: z.infer<typeof reportTaskSchema>, requestId: string | undefined): EcdReportSnapshot {
    const failed = !isSuccessCode(task.ErrorCode) || task.Status.trim().toLowerCase() === "failed";
    const downloadUrl = task.DownloadUrl || undefined;
    return {
        taskId: task.TaskId,
        rawStatus: task.Status,
        progress: clampProgress(task.Progress ?? undefined),
        expiresAt: urlExpiry(downloadUrl),
        errorCode: isSuccessCode(task.ErrorCode) ? undefined : task.ErrorCode!,
        errorMessage: failed ? task.ErrorMsg || undefined : undefined,
        requestId,
        details: {
            taskType: task.TaskType || undefined,
            subType: task.SubType || undefined,
            reportFileName: task.ReportFileName || undefined,
            downloadUrl,
            createdAt: task.GmtCreate || undefined,
            modifiedAt: task.GmtModified || undefined,
        },
    };
}

/** Maps a DescribeEcdReportTasks body to snapshots (exported for tests that start from documented samples). */
export function ecdSnapshotsOf(body: unknown, api = "ECD DescribeEcdReportTasks"): { snapshots: EcdReportSnapshot[]; totalCount?: number } {
    const parsed = parseResponse(api, describeReportTasksSchema, body);
    return {
        snapshots: (parsed.ExportTaskList ?? []).map((t) => snapshotOfTask(t, parsed.RequestId ?? undefined)),
        totalCount: parsed.TotalCount ?? undefined,
    };
}

interface EcdReportFilter {
    taskId?: string;
    pageSize?: number;
    pageNum?: number;
}

/** One page of report tasks (no RegionId parameter: the endpoint is the region). */
export async function listEcdReportTasks(ctx: ServiceContext, filter: EcdReportFilter = {}): Promise<{ snapshots: EcdReportSnapshot[]; totalCount?: number }> {
    const params: Record<string, unknown> = { PageSize: Math.min(filter.pageSize ?? ECD_MAX_PAGE_SIZE, ECD_MAX_PAGE_SIZE), PageNum: filter.pageNum ?? 1 };
    if (filter.taskId) params.TaskId = filter.taskId;
    const target = callTarget(ECD_SERVICE, ctx, "DescribeEcdReportTasks");
    return ecdSnapshotsOf(await ctx.client.rpc(target, "DescribeEcdReportTasks", params), target.api);
}

/** The task, or undefined when ECD does not list it. */
async function describeEcdReportTask(ctx: ServiceContext, taskId: string): Promise<EcdReportSnapshot | undefined> {
    const { snapshots } = await listEcdReportTasks(ctx, { taskId, pageSize: 10 });
    return snapshots.find((s) => s.taskId === taskId);
}

interface EcdReportRequest {
    taskType: string;
    subType: string;
    reportFileName?: string;
    langType?: string;
    filters?: readonly { key: string; values: readonly string[] }[];
}

/** Starts a report export; pop-core flattens FilterList to FilterList.1.FilterKey, FilterList.1.FilterValues.1. */
export async function createEcdReportTask(ctx: ServiceContext, request: EcdReportRequest): Promise<{ taskId: string; requestId?: string }> {
    const params: Record<string, unknown> = { TaskType: request.taskType, SubType: request.subType };
    if (request.reportFileName) params.ReportFileName = request.reportFileName;
    if (request.langType) params.LangType = request.langType;
    if (request.filters?.length) params.FilterList = request.filters.map((f) => ({ FilterKey: f.key, FilterValues: [...f.values] }));
    const target = callTarget(ECD_SERVICE, ctx, "CreateEcdReportTask");
    return createdTaskOf(await ctx.client.rpc(target, "CreateEcdReportTask", params), target.api);
}

/** Reads CreateEcdReportTask's body: Success false or a failure Code is an error even when HTTP said 200. */
export function createdTaskOf(body: unknown, api = "ECD CreateEcdReportTask"): { taskId: string; requestId?: string } {
    const parsed = parseResponse(api, createReportTaskSchema, body);
    if (parsed.Success === false || !isSuccessCode(parsed.Code)) {
        throw new ApiError("permanent", api, parsed.Code || "Unsuccessful", parsed.Message || "Success was false", parsed.RequestId ?? undefined);
    }
    const { TaskId } = parseResponse(api, createdTaskIdSchema, body);
    return { taskId: TaskId, requestId: parsed.RequestId ?? undefined };
}

/**
 * Several waits share list calls: pages of the newest exports serve every id on them. An id not on
 * them (an older export) is asked for by TaskId, as is a lone wait's, so batching never loses a task.
 */
export function ecdReportTaskSource(ctx: ServiceContext): TaskSource<EcdReportSnapshot> {
    return listedSource({
        batchKey: batchKey(ECD_SERVICE, ctx),
        maxPageSize: ECD_MAX_PAGE_SIZE,
        async listPage(size, token, timeLeftMs) {
            const pageNum = token ? Number(token) : 1;
            const { snapshots, totalCount } = await listEcdReportTasks({ ...ctx, timeLeftMs }, { pageSize: size, pageNum });
            const more = totalCount !== undefined ? pageNum * size < totalCount : snapshots.length >= size;
            return { snapshots, next: more && snapshots.length > 0 ? String(pageNum + 1) : undefined };
        },
        describe: (id, timeLeftMs) => describeEcdReportTask({ ...ctx, timeLeftMs }, id),
    });
}
