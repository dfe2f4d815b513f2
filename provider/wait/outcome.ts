import type { EndState, FailureCause } from "../engine/result";
import type { ProgressSink } from "./progress";

/**
 * A wait's end in the one vocabulary (engine/result.ts, smithy's WaiterState): success, failure
 * (with what failed), timeout, aborted. Every caller reads the outcome; messages, resumption and
 * Pulumi results are each decided in one place (run.ts with messages.ts, lifecycle/pulumi.ts).
 */
export type { EndState, FailureCause } from "../engine/result";

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
    /** Outputs to record as secret though the resource was not declared with them secret (an answer holding a secret field). */
    secretOutputs?: string[];
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
