import { z } from "zod";

/**
 * The common task snapshot: what every Alibaba API module turns its response into, and the one
 * status vocabulary of the project. A snapshot holds what the API said (raw status, progress,
 * counts, errors); what that means for one wait (the user's extra statuses, partial failures, an
 * expired download) is decided in one place, `effectiveStatus` in wait/status.ts.
 */
export const TASK_STATUSES = ["pending", "running", "succeeded", "failed", "cancelled", "expired"] as const;
export const taskStatusSchema = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof taskStatusSchema>;

const TERMINAL_STATUSES: ReadonlySet<TaskStatus> = new Set(["succeeded", "failed", "cancelled", "expired"]);

export function isTerminalStatus(status: TaskStatus): boolean {
    return TERMINAL_STATUSES.has(status);
}

export interface TaskSnapshot<D = unknown> {
    taskId: string;
    /** The status exactly as the API spelled it. */
    rawStatus: string;
    /** 0..100 when the API reports progress. */
    progress?: number;
    /** Operations of the task that failed, where the API counts them (ECS DescribeTaskAttribute FailedCount). */
    failedCount?: number;
    /** When what the task produced stops being available (a report's pre-signed URL), ISO 8601. */
    expiresAt?: string;
    /** The API's own error code and message for a failed task. */
    errorCode?: string;
    errorMessage?: string;
    /** RequestId of the response this snapshot came from, for support tickets. */
    requestId?: string;
    /** What is particular to the API, already mapped to plain JSON. */
    details: D;
}

/** Per-wait additions to an API's status table, for raw statuses the documentation does not list. */
export interface StatusOverrides {
    successStatuses?: readonly string[];
    failureStatuses?: readonly string[];
}

/** An API's raw statuses (keys in lower case) in the common vocabulary. */
export type StatusTable = Readonly<Record<string, TaskStatus>>;

/**
 * Maps a raw status through an API's table and the user's overrides, case-insensitively. A raw
 * status nobody knows is treated as still running: the deadline bounds it, and the progress lines
 * show the raw value so the user can add it to successStatuses or failureStatuses.
 */
export function normalizeStatus(raw: string, table: StatusTable, overrides: StatusOverrides = {}): TaskStatus {
    const key = raw.trim().toLowerCase();
    if (overrides.successStatuses?.some((s) => s.trim().toLowerCase() === key)) return "succeeded";
    if (overrides.failureStatuses?.some((s) => s.trim().toLowerCase() === key)) return "failed";
    return table[key] ?? "running";
}

/** Clamps a progress value into 0..100, cut to one decimal; undefined stays undefined. */
export function clampProgress(value: number | undefined): number | undefined {
    if (value === undefined || !Number.isFinite(value)) return undefined;
    // cut, not rounded: 99.99 (bdrc's 9999 of 10000) is 99.9, never a 100 the API did not say
    return Math.floor(Math.min(100, Math.max(0, value)) * 10) / 10;
}
