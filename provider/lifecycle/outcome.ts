import { formatDuration } from "../engine/duration";
import type { WaitResult } from "../engine/result";
import type { TaskSnapshot, TaskStatus } from "../services/snapshot";
import { redact } from "./runtime";

/**
 * Turning the engine's per-task results into one verdict and into messages that name the
 * resource, the task, its last status and progress, the API's error code and the RequestId.
 */

export type Verdict =
    | { kind: "done" } // every task terminal; statuses decide success or failure
    | { kind: "timeout"; result: WaitResult<TaskSnapshot<unknown>> }
    | { kind: "not-found"; result: WaitResult<TaskSnapshot<unknown>> }
    | { kind: "error"; result: WaitResult<TaskSnapshot<unknown>> };

/** A permanent error outranks a missing task, which outranks a timeout. */
export function verdictOf(results: readonly WaitResult<TaskSnapshot<unknown>>[]): Verdict {
    const error = results.find((r) => r.reason === "error");
    if (error) return { kind: "error", result: error };
    const notFound = results.find((r) => r.reason === "not-found");
    if (notFound) return { kind: "not-found", result: notFound };
    const timeout = results.find((r) => r.reason === "timeout" || r.reason === "aborted");
    if (timeout) return { kind: "timeout", result: timeout };
    return { kind: "done" };
}

/** Several tasks: any failure fails the whole, all must succeed for success. */
export function aggregateStatus(statuses: readonly TaskStatus[]): TaskStatus {
    for (const bad of ["failed", "cancelled", "expired"] as const) if (statuses.includes(bad)) return bad;
    if (statuses.length > 0 && statuses.every((s) => s === "succeeded")) return "succeeded";
    if (statuses.includes("running") || statuses.includes("succeeded")) return "running";
    return "pending";
}

/** "Processing, progress 40%" or "not read yet". */
export function describeLastState(snapshot: TaskSnapshot<unknown> | undefined): string {
    if (!snapshot) return "status not read yet";
    const progress = snapshot.progress !== undefined ? `progress ${snapshot.progress}%` : "progress not reported";
    const request = snapshot.requestId ? `, RequestId ${snapshot.requestId}` : "";
    return `last status ${snapshot.rawStatus} (${snapshot.status}), ${progress}${request}`;
}

export function timeoutMessage(label: string, what: string, result: WaitResult<TaskSnapshot<unknown>>, timeout: string): string {
    const lastError = result.failure ? `; last error ${result.failure.code ?? "error"}: ${result.failure.message}` : "";
    return redact(
        `${label}: timed out after ${timeout} (waited ${formatDuration(result.elapsedMs)}, ${result.polls} polls) for ${what} ${result.taskId}: ` +
            `${describeLastState(result.snapshot)}${lastError}. The resource was recorded with its task: run \`pulumi up\` again to keep waiting, or raise \`timeout\`.`,
    );
}

export function errorMessage(label: string, what: string, result: WaitResult<TaskSnapshot<unknown>>): string {
    const failure = result.failure;
    const cause = failure ? failure.message : "unknown error";
    return redact(`${label}: stopped waiting for ${what} ${result.taskId} (${describeLastState(result.snapshot)}): ${cause}`);
}

export function notFoundMessage(label: string, what: string, result: WaitResult<TaskSnapshot<unknown>>, region: string): string {
    if (result.disappeared) {
        return `${label}: ${what} ${result.taskId} disappeared after it was seen (${describeLastState(result.snapshot)}): the API no longer returns it (expired from the task history, or deleted).`;
    }
    return `${label}: ${what} ${result.taskId} was not found in region ${region} after ${result.polls} polls: check the id, the region and the account the credentials belong to.`;
}

/**
 * An error that the host reports as a partial failure: the engine records the resource with
 * these properties, and the next `pulumi up` calls update, which resumes the wait.
 */
export function partialFailure(id: string, properties: Record<string, unknown>, message: string): Error {
    return Object.assign(new Error(message), { id, properties, reasons: [message] });
}

export function resourceLabel(kind: string, name: string | undefined): string {
    return name ? `${kind} "${name}"` : kind;
}
