import { z } from "zod";
import { productEndpoint } from "../client/endpoints";
import { ApiError } from "../client/errors";
import type { TaskSource } from "../engine/poller";
import { ServiceContext, ServiceDefinition, batchKey, callTarget } from "./context";
import { looseNumber, parseResponse } from "./parse";
import { listedSource } from "./listSource";
import { TaskSnapshot, clampProgress } from "./snapshot";

/**
 * Backup and Disaster Recovery Center (bdrc) asynchronous tasks (ROA): DescribeTask, one task a call,
 * and DescribeTasks, the account's tasks newest first, up to 500 a page (no filter by id).
 */

/** Progress is documented on 0..10000. */
const BDRC_PROGRESS_SCALE = 10_000;

export const BDRC_SERVICE: ServiceDefinition = {
    name: "bdrc",
    product: "BDRC",
    apiVersion: "2023-08-08",
    // the reference page spells CANCELED; CANCELLED is accepted too
    statusTable: {
        created: "pending",
        running: "running",
        complete: "succeeded",
        failed: "failed",
        expired: "expired",
        canceled: "cancelled",
        cancelled: "cancelled",
    },
    endpoint: bdrcEndpoint,
};

export const BDRC_STATUS_TABLE = BDRC_SERVICE.statusTable;

const optionalText = z.string().nullish();
const optionalNumber = looseNumber.nullish();

// Every field is optional in the official model; a wait needs the task's status, nothing else.
const taskDataSchema = z.object({
    TaskId: z.string().nullish(),
    TaskStatus: z.string(),
    TaskName: optionalText,
    TaskDescription: optionalText,
    TaskType: optionalText,
    TaskPriority: optionalText,
    TaskDetail: optionalText,
    TaskResult: optionalText,
    Progress: optionalNumber,
    ErrorMessage: optionalText,
    StartTime: optionalNumber,
    CompleteTime: optionalNumber,
    ExpireTime: optionalNumber,
});

const describeTaskSchema = z.object({ RequestId: z.string().nullish(), Data: taskDataSchema });

// DescribeTasks: Data.Content[] holds what DescribeTask's Data holds; a task a wait needs has a TaskId.
const describeTasksSchema = z.object({
    RequestId: z.string().nullish(),
    Data: z
        .object({
            Content: z.array(taskDataSchema.extend({ TaskId: z.string() })).nullish(),
            NextToken: optionalText,
        })
        .nullish(),
});

interface BdrcTaskDetails {
    taskType?: string;
    taskName?: string;
    taskDescription?: string;
    taskPriority?: string;
    /** TaskResult parsed as JSON; the raw text when it is not JSON. */
    result?: unknown;
    /** TaskDetail parsed likewise. */
    detail?: unknown;
    startedAt?: string;
    completedAt?: string;
    expiresAt?: string;
}

export type BdrcSnapshot = TaskSnapshot<BdrcTaskDetails>;

/** The endpoint for a region, or why bdrc cannot be reached there (client/endpointData.ts lists where it is offered). */
function bdrcEndpoint(region: string): { url: string } | { unsupported: string } {
    return productEndpoint("bdrc", region);
}

/** Unix seconds to ISO; 0 or absent means "not set". Values too large for seconds are read as milliseconds. */
export function unixSecondsToIso(value: number | null | undefined): string | undefined {
    if (value === null || value === undefined || !Number.isFinite(value) || value <= 0) return undefined;
    const ms = value > 1e11 ? value : value * 1000;
    return new Date(ms).toISOString();
}

/** A JSON string parsed; the raw text when it is not JSON (kept, never lost); undefined when empty. */
export function parseJsonText(text: string | null | undefined): unknown {
    if (text === null || text === undefined || text.trim() === "") return undefined;
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}

/** Maps DescribeTask's body to a snapshot (exported for tests that start from documented samples). */
export function bdrcSnapshotOf(body: unknown, api = "BDRC DescribeTask", taskId?: string): BdrcSnapshot {
    const parsed = parseResponse(api, describeTaskSchema, body);
    return snapshotOfTask(parsed.Data, parsed.RequestId ?? undefined, taskId);
}

function snapshotOfTask(task: z.infer<typeof taskDataSchema>, requestId: string | undefined, taskId?: string): BdrcSnapshot {
    const progress = task.Progress === null || task.Progress === undefined ? undefined : (task.Progress / BDRC_PROGRESS_SCALE) * 100;
    return {
        taskId: task.TaskId || taskId || "",
        rawStatus: task.TaskStatus,
        progress: clampProgress(progress),
        errorMessage: task.ErrorMessage?.trim() || undefined,
        requestId,
        details: {
            taskType: task.TaskType || undefined,
            taskName: task.TaskName || undefined,
            taskDescription: task.TaskDescription?.trim() || undefined,
            taskPriority: task.TaskPriority || undefined,
            result: parseJsonText(task.TaskResult),
            detail: parseJsonText(task.TaskDetail),
            startedAt: unixSecondsToIso(task.StartTime),
            completedAt: unixSecondsToIso(task.CompleteTime),
            expiresAt: unixSecondsToIso(task.ExpireTime),
        },
    };
}

/**
 * A 404, or a code that says the task is unknown, means "not visible": the engine's not-found
 * tolerance decides. Access key errors also end in NotFound and stay permanent.
 */
function isMissingTaskError(error: unknown): boolean {
    if (!(error instanceof ApiError) || /AccessKey|Endpoint|Region/i.test(error.code)) return false;
    return error.httpStatus === 404 || /task.*not.?(found|exist)|^(not.?found|resource.?not.?found)$/i.test(error.code);
}

/** The task, or undefined when bdrc does not know it (yet, or any more). */
export async function describeBdrcTask(ctx: ServiceContext, taskId: string): Promise<BdrcSnapshot | undefined> {
    const target = callTarget(BDRC_SERVICE, ctx, "DescribeTask");
    let body: unknown;
    try {
        body = await ctx.client.roa(target, "GET", `/api/v1/tasks/${encodeURIComponent(taskId)}`);
    } catch (error) {
        if (isMissingTaskError(error)) return undefined;
        throw error;
    }
    return bdrcSnapshotOf(body, target.api, taskId);
}

/** DescribeTasks' limits on MaxResults. */
export const BDRC_LIST_PAGE = { min: 10, max: 500 } as const;

/** One page of the account's tasks, newest first (DescribeTasks, ROA GET /api/v1/tasks). */
async function listBdrcTasks(ctx: ServiceContext, size: number, token?: string): Promise<{ snapshots: BdrcSnapshot[]; next?: string }> {
    const target = callTarget(BDRC_SERVICE, ctx, "DescribeTasks");
    const query: Record<string, string> = { MaxResults: String(Math.min(BDRC_LIST_PAGE.max, Math.max(BDRC_LIST_PAGE.min, size))) };
    if (token) query.NextToken = token;
    const parsed = parseResponse(target.api, describeTasksSchema, await ctx.client.roa(target, "GET", "/api/v1/tasks", query));
    const requestId = parsed.RequestId ?? undefined;
    return { snapshots: (parsed.Data?.Content ?? []).map((t) => snapshotOfTask(t, requestId)), next: parsed.Data?.NextToken || undefined };
}

/**
 * Concurrent waits in one account and region share DescribeTasks pages; a task not on them (older
 * than the pages read) is asked for with DescribeTask, as is a lone wait's.
 */
export function bdrcTaskSource(ctx: ServiceContext): TaskSource<BdrcSnapshot> {
    return listedSource({
        batchKey: batchKey(BDRC_SERVICE, ctx),
        maxPageSize: BDRC_LIST_PAGE.max,
        listPage: (size, token, timeLeftMs) => listBdrcTasks({ ...ctx, timeLeftMs }, size, token),
        describe: (id, timeLeftMs) => describeBdrcTask({ ...ctx, timeLeftMs }, id),
    });
}
