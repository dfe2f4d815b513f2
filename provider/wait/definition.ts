import type { TaskSource, WaitRequest } from "../engine/poller";
import type { WaitResult } from "../engine/result";
import type { TaskSnapshot, TaskStatus } from "../services/snapshot";
import type { Judgement } from "./acceptor";
import { WaitOptions, engineSchedule } from "./options";
import type { StatusRules } from "./status";
import type { WaitCaller } from "./outcome";

/**
 * What makes one kind of wait (ECS tasks, a bdrc task, an ECD or Security Center export, any API):
 * a definition, as AWS's waiters are defaults plus acceptors. `runWait` (run.ts) does the rest the
 * same way for all: the engine, the outcome, its message, whether it resumes.
 */
export interface WaitDefinition<S extends TaskSnapshot = TaskSnapshot> {
    /** "ECS task", "Ecs DescribeInstances": what messages call one thing waited on. */
    readonly what: string;
    /** The resource's inputs, checked (defaults, region): what its outputs start from. */
    readonly inputs: { region: string; onFailure: "fail" | "warn" } & Record<string, unknown>;
    /** Which ids to wait on: those the inputs name, or found first (ECS resources' tasks, an export adopted, found or started). */
    begin(context: BeginContext): Promise<Begun<S>>;
    /** How to fetch and judge one id: the engine's request, the schedule aside. */
    request(id: string, begun: Started): WaitSpec<S>;
    /** The outputs for what the waits saw last (judged in `end`), told whether the next run resumes the wait; an API wait records the reason its answer gave too. */
    outputs(begun: Started, results: readonly WaitResult<S>[], end: End<S>, ended: { resumable: boolean; reason?: string }): Record<string, unknown>;
    /** How messages tell this wait's ends: a task's status, or an API's answer. */
    readonly phrasing: TaskPhrasing<S> | AnswerPhrasing<S>;
    /** What the next run does with an unfinished or failed wait (run.ts: resumableOf). */
    readonly resumes: { unfinished: boolean; afterError(begun: Started): boolean; afterFailure(begun: Started): boolean };
    /** A check (ApiWaiter mode "check"): with onFailure "warn", every way of not succeeding is a warning. */
    readonly isCheck?: boolean;
    /** With onFailure "warn", an error that ends the wait is a warning too, not only a failed status (ApiWaiter, in both modes). */
    readonly warnsOnError?: boolean;
    /** Outputs that, after `outputs`, hold a secret the user did not mark: recorded as secret outputs (ApiWaiter's answer, matchedValue). */
    secretOutputs?(): string[];
}

export interface BeginContext {
    caller: WaitCaller;
    options: WaitOptions;
    startedAt: number;
}

/** Ids to wait on (with the export started for them, if one was), lookups that ended the wait, or a refusal before any wait. */
export type Begun<S> =
    Started | { ended: WaitResult<S>[] } | { refused: { state: "failure" | "aborted"; cause?: "error"; message: string; errorCode?: string } };

export interface Started {
    ids: string[];
    /** An export this run started (its file name and RequestId until the first snapshot). */
    started?: { id: string; requestId?: string; fileName?: string };
}

export interface WaitSpec<S> {
    source: TaskSource<S>;
    /** The acceptors' judgement of a snapshot (a task's status, an API's answer). */
    judge(snapshot: S): Judgement;
    /** Whether a judgement ends the wait: anything but retry, unless the definition says otherwise (a check ends on an unmatched answer). */
    isFinal?(judgement: Judgement): boolean;
    /** The status progress lines show. */
    statusOf(snapshot: S, judgement: Judgement): TaskStatus;
    progressOf?(snapshot: S): number | undefined;
    finalize?(snapshot: S, timeLeftMs: number): Promise<S>;
    notFoundTolerance?: number;
    /** The snapshot as progress lines show it (an API wait shows what its acceptors look at). */
    shown?(snapshot: S): TaskSnapshot;
}

/** How the waits ended together: the one result that decided, by precedence, or the ids judged (every one, or one that failed). */
export type End<S> =
    | { state: "failure"; cause: "error" | "not-found"; result: WaitResult<S> }
    | { state: "aborted" | "timeout"; result: WaitResult<S> }
    | { state: "judged"; results: readonly WaitResult<S>[] };

export interface TaskPhrasing<S> {
    kind: "task";
    rules: StatusRules;
    /** Why a wait whose tasks all ended did not succeed, without the caller's label. */
    describeFailure(outputs: Record<string, unknown>, begun: Started, results: readonly WaitResult<S>[], caller: WaitCaller): string;
    /** Added before the next step after a timeout (Security Center documents no failure status). */
    timeoutHint?: string;
    /** The next step after a timeout, an interruption or an error, when it is not the caller's keepWaiting (a started export's id). */
    nextStep?(caller: WaitCaller, begun: Started): string | undefined;
    /** A line worth printing on success. */
    readyLine?(outputs: Record<string, unknown>, begun: Started): string;
}

export interface AnswerPhrasing<S> {
    kind: "answer";
    /** Why the last answer decided, or undefined with none. */
    explain(snapshot: S | undefined): string | undefined;
}

/**
 * One id's request as the engine takes it: the definition's fetch and judgement on the options'
 * schedule, progress to the caller. Built here, beside the spec, so that the engine calls into the
 * definition and the caller's progress, never back into run.ts.
 */
export function engineRequest<S extends TaskSnapshot>(
    spec: WaitSpec<S>,
    id: string,
    /** What the wait has left of its timeout. */
    timeoutMs: number,
    options: WaitOptions,
    caller: WaitCaller,
): WaitRequest<S> {
    // a judgement that ends the wait though no acceptor said so (a check's unmatched answer) is a failure
    const isFinal = spec.isFinal ?? ((j) => j.state !== "retry");
    return {
        source: spec.source,
        taskId: id,
        ...engineSchedule(options, timeoutMs),
        progressOf: spec.progressOf,
        notFoundTolerance: spec.notFoundTolerance,
        judge: (s) => {
            const judgement = spec.judge(s);
            return !isFinal(judgement) ? "retry" : judgement.state === "retry" ? "failure" : judgement.state;
        },
        finalize: spec.finalize,
        onSnapshot: (s) => caller.progress.observe(spec.shown ? spec.shown(s) : s, spec.statusOf(s, spec.judge(s))),
        onRetry: (failure, leftMs) => caller.progress.retrying(failure.message, leftMs),
        signal: caller.signal,
    };
}
