import type { WaitResult } from "../engine/result";
import type { TaskSnapshot } from "../services/snapshot";
import { redactSecrets } from "../client/redact";
import type { ProgressSink } from "./progress";
import { providerSettings } from "./settings";

/**
 * The one result of a wait, for every face (the Pulumi lifecycle, the wait command): what happened,
 * what to store, what to say. The faces only deliver it: neither decides a verdict, builds a
 * message or assembles a record.
 */
export type Verdict = "succeeded" | "failed" | "timeout" | "not-found" | "error" | "interrupted";

export interface WaitOutcome {
    verdict: Verdict;
    /**
     * What the resource stores (plain JSON): its inputs with defaults and the resolved region, its
     * outputs, waitedSeconds and, unless it succeeded, failureReason.
     */
    record: Record<string, unknown>;
    /** Why it did not succeed, naming the resource, the task, its last status and progress, codes and RequestId; redacted. */
    message?: string;
    /** The API's error code when an error ended the wait. */
    errorCode?: string;
    /** What the ids are ("ECS task") and which: for summaries. */
    what: string;
    ids: string[];
    /**
     * For a deployment: a failure that still leaves the record in the state (a timeout, which the next
     * `pulumi up` resumes; a started export, which must not be started twice).
     */
    keep: boolean;
    /** onFailure "warn": a failed task is an accepted outcome, reported as a warning. */
    accepted: boolean;
    /** A line worth printing on success, naming the wait (a report's URL, without its query). */
    readyLine?: string;
}

/** How a face names what it runs and tells its user to go on. */
export interface Face {
    /** 'TaskWaiter "image-gate"', 'wait ecs': the start of every message and progress line. */
    label: string;
    progress: ProgressSink;
    words: FaceWords;
    /** Stops the wait at once with verdict "interrupted" (the wait command on SIGINT or SIGTERM). */
    signal?: AbortSignal;
}

export interface FaceWords {
    /** After a timeout: how to keep waiting. */
    keepWaiting: string;
    /** After a started export was interrupted (timeout or error): how to go on waiting on that export. */
    resumeExport(idKey: "taskId" | "exportId", id: string): string;
    /** After a started export expired: how to get a fresh one. */
    freshExport: string;
}

/** Why the engine's waits, together, did not all end with a terminal task; undefined when they did. */
export type Interruption = { kind: "error" | "not-found" | "interrupted" | "timeout"; result: WaitResult<TaskSnapshot> };

/** A permanent error outranks a missing task, which outranks an interruption, which outranks a timeout. */
export function interruptionOf(results: readonly WaitResult<TaskSnapshot>[]): Interruption | undefined {
    for (const [kind, reason] of [
        ["error", "error"],
        ["not-found", "not-found"],
        ["interrupted", "aborted"],
        ["timeout", "timeout"],
    ] as const) {
        const result = results.find((r) => r.reason === reason);
        if (result) return { kind, result };
    }
    return undefined;
}

/**
 * A record as it may leave the process (the state, --json): plain JSON (no undefined values, which
 * fail or vanish in the host, no class instances), and no known secret in any string, in any
 * encoding, whatever a server echoed into it. The download URL is a secret output of its own and
 * is kept whole.
 */
export function toPlainJson<T>(value: T): T {
    const secrets = providerSettings().secrets;
    return JSON.parse(JSON.stringify(value, (key, v: unknown) => (typeof v === "string" && key !== "downloadUrl" ? redactSecrets(v, secrets) : v))) as T;
}

export function waitedSeconds(startedAt: number, now: number = Date.now()): number {
    return Math.round((now - startedAt) / 100) / 10;
}
