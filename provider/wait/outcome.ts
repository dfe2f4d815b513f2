import type { AcceptorState } from "./acceptor";
import type { ProgressSink } from "./progress";

/**
 * The one vocabulary of a wait's end, smithy's WaiterState: an acceptor said success or failure
 * (retry only ever keeps a wait going), the deadline passed (timeout), or the caller stopped it
 * (aborted). A failure says what failed: the task itself (its status, or an acceptor), the task
 * could not be found, or an API error ended the wait. Every caller reads the outcome; messages,
 * resumption and Pulumi results are each decided in one place (messages.ts, run.ts, lifecycle/pulumi.ts).
 */
export type WaitState = AcceptorState | "timeout" | "aborted";
export type EndState = Exclude<WaitState, "retry">;
export type FailureCause = "status" | "not-found" | "error";

export interface WaitOutcome {
    state: EndState;
    /** For a failure: what failed. */
    cause?: FailureCause;
    /**
     * What the resource stores (plain JSON): its inputs with defaults and the resolved region, its
     * outputs, waitedSeconds and, unless it succeeded, failureReason.
     */
    outputs: Record<string, unknown>;
    /** Why it did not succeed, naming the resource, the task, its last status and progress, codes and RequestId; redacted. */
    message?: string;
    /** The API's error code when an error ended the wait. */
    errorCode?: string;
    /** What the ids are ("ECS task") and which: for summaries. */
    what: string;
    ids: string[];
    /** The next run resumes it (a timeout; a started export, which must not be started twice): a deployment records it. */
    resumable: boolean;
    /** onFailure "warn": a failure reported as a warning, the deployment going on. */
    asWarning: boolean;
    /** A line worth printing on success, naming the wait (a report's URL, without its query). */
    readyLine?: string;
}

/** Who runs a wait (a `pulumi up`, the wait command): how it is named, where progress goes, what to do next. */
export interface WaitCaller {
    /** 'TaskWaiter "image-gate"', 'wait ecs': the start of every message and progress line. */
    label: string;
    progress: ProgressSink;
    nextSteps: NextSteps;
    /** Ends the wait at once as aborted (the wait command on SIGINT or SIGTERM). */
    signal?: AbortSignal;
}

export interface NextSteps {
    /** After a timeout: how to keep waiting. */
    keepWaiting: string;
    /** After a started export was interrupted (timeout or error): how to go on waiting on that export. */
    resumeExport(idKey: "taskId" | "exportId", id: string): string;
    /** After a started export expired: how to get a fresh one. */
    freshExport: string;
}

export function waitedSeconds(startedAt: number, now: number = Date.now()): number {
    return Math.round((now - startedAt) / 100) / 10;
}
