/**
 * The outcome of a wait, and the shape of errors as the engine understands them. The engine
 * never looks at an error's provider-specific fields: a source's errors carry a `kind` that
 * says whether waiting may go on.
 */

/** throttling and transient errors are retried until the deadline; permanent ones end the wait. */
export type FailureKind = "throttling" | "transient" | "permanent";

export interface Failure {
    kind: FailureKind;
    message: string;
    code?: string;
    requestId?: string;
    /** The server asked to wait this long before the next call. */
    retryAfterMs?: number;
}

export interface FailureRecord extends Failure {
    at: number;
}

/**
 * The one vocabulary of a wait, smithy's WaiterState: an acceptor judges each snapshot success,
 * failure or retry (keep waiting); a wait ends in success or failure, or when the deadline passes
 * first (timeout; the last snapshot says where the task was), or when its caller stops it (aborted:
 * the wait command on SIGINT or SIGTERM).
 */
export type WaitState = "success" | "failure" | "retry" | "timeout" | "aborted";
export type AcceptorState = Extract<WaitState, "success" | "failure" | "retry">;
export type EndState = Exclude<WaitState, "retry">;
/**
 * What failed: the task itself (its status, or an acceptor), the task was not found (never
 * visible, or gone after it was seen), or an error ended the wait (bad credentials, no
 * permission, a changed response shape).
 */
export type FailureCause = "status" | "not-found" | "error";

export interface WaitResult<S> {
    state: EndState;
    /** For a failure: what failed. */
    cause?: FailureCause;
    taskId: string;
    /** The last snapshot seen; once judged, the final one. */
    snapshot?: S;
    /** For a failure by error, the permanent failure; for "timeout", the last failure if the last poll failed. */
    failure?: Failure;
    /** For a task not found: whether it had been seen before it went missing. */
    disappeared?: boolean;
    polls: number;
    errors: FailureRecord[];
    startedAt: number;
    elapsedMs: number;
}

const FAILURE_KINDS: ReadonlySet<string> = new Set(["throttling", "transient", "permanent"]);

/**
 * Reads the engine's view of any thrown value. Errors without a known kind are programming or
 * shape errors: retrying them would only hide the cause, so they are permanent.
 */
export function toFailure(error: unknown): Failure {
    if (error && typeof error === "object") {
        const e = error as Partial<Failure> & { message?: unknown };
        const message = typeof e.message === "string" ? e.message : String(error);
        if (typeof e.kind === "string" && FAILURE_KINDS.has(e.kind)) {
            return { kind: e.kind, message, code: e.code, requestId: e.requestId, retryAfterMs: e.retryAfterMs };
        }
        return { kind: "permanent", message };
    }
    return { kind: "permanent", message: String(error) };
}
