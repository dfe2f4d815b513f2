import { formatDuration } from "../engine/duration";
import type { WaitResult } from "../engine/result";
import type { TaskSnapshot } from "../services/snapshot";
import { redact } from "./settings";
import type { StatusRules } from "./status";
import { effectiveStatus } from "./status";

/**
 * The texts of a wait that did not end well. Each names the wait (its face's label), the task, its
 * last status and progress, the error code and the RequestId; each passes redaction.
 */

/** "last status Processing (running), progress 40%, RequestId R-1", or "status not read yet". */
export function describeLastState(snapshot: TaskSnapshot | undefined, rules: StatusRules): string {
    if (!snapshot) return "status not read yet";
    const progress = snapshot.progress !== undefined ? `progress ${snapshot.progress}%` : "progress not reported";
    const request = snapshot.requestId ? `, RequestId ${snapshot.requestId}` : "";
    return `last status ${snapshot.rawStatus} (${effectiveStatus(snapshot, rules)}), ${progress}${request}`;
}

/** The deadline passed first. `next` says how to go on, in the face's words. */
export function timeoutMessage(label: string, what: string, result: WaitResult<TaskSnapshot>, rules: StatusRules, timeout: string, next: string): string {
    const lastError = result.failure ? `; last error ${result.failure.code ?? "error"}: ${result.failure.message}` : "";
    return redact(
        `${label}: timed out after ${timeout} (waited ${formatDuration(result.elapsedMs)}, ${result.polls} polls) for ${what} ${result.taskId}: ` +
            `${describeLastState(result.snapshot, rules)}${lastError}. ${next}`,
    );
}

/** The wait was stopped (SIGINT, SIGTERM): the task goes on. `next` says how to go on waiting. */
export function interruptedMessage(label: string, what: string, result: WaitResult<TaskSnapshot>, rules: StatusRules, next: string): string {
    return redact(
        `${label}: interrupted after ${formatDuration(result.elapsedMs)} waiting for ${what} ${result.taskId}: ${describeLastState(result.snapshot, rules)}. ` +
            `The task goes on in the cloud. ${next}`,
    );
}

/** A permanent error ended the wait. */
export function errorMessage(label: string, what: string, result: WaitResult<TaskSnapshot>, rules: StatusRules): string {
    const cause = result.failure ? result.failure.message : "unknown error";
    return redact(`${label}: stopped waiting for ${what} ${result.taskId} (${describeLastState(result.snapshot, rules)}): ${cause}`);
}

/** The task never became visible, or disappeared after it was seen. */
export function notFoundMessage(label: string, what: string, result: WaitResult<TaskSnapshot>, rules: StatusRules, region: string): string {
    if (result.disappeared) {
        return redact(
            `${label}: ${what} ${result.taskId} disappeared after it was seen (${describeLastState(result.snapshot, rules)}): ` +
                "the API no longer returns it (expired from the task history, or deleted).",
        );
    }
    return redact(
        `${label}: ${what} ${result.taskId} was not found in region ${region} after ${result.polls} polls: check the id, the region and the account the credentials belong to.`,
    );
}

/** The tasks ended, but not all well: the plan's own description, and the RequestId for a support ticket. */
export function failureMessage(label: string, description: string, requestId: string | undefined): string {
    return redact(`${label}: ${description}${requestId ? ` (RequestId ${requestId})` : ""}`);
}
