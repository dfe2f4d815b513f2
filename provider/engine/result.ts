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
 * Why a wait ended:
 * - terminal: the task reached a status the waiter treats as final (success or failure alike);
 * - timeout: the deadline passed first; the last snapshot says where the task was;
 * - not-found: the task never became visible, or disappeared after it was seen;
 * - error: a permanent error (bad credentials, no permission, a changed response shape);
 * - aborted: the caller stopped waiting (the wait command on SIGINT or SIGTERM).
 */
export type WaitReason = "terminal" | "timeout" | "not-found" | "error" | "aborted";

export interface WaitResult<S> {
    reason: WaitReason;
    taskId: string;
    /** The last snapshot seen; for "terminal" the final one. */
    snapshot?: S;
    /** For "error", the permanent failure; for "timeout", the last failure if the last check failed. */
    failure?: Failure;
    /** For "not-found": whether the task had been seen before it went missing. */
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
