import { formatDuration } from "../engine/duration";
import type { WaitResult } from "../engine/result";
import type { Json } from "../services/jmespath";
import type { TaskSnapshot } from "../services/snapshot";
import { Acceptor, Answer, EvaluationProblem, Judgement, Select, describeMatcher, subjectOf } from "./acceptor";
import type { End, Started, TaskPhrasing } from "./definition";
import type { WaitCaller } from "./outcome";
import type { StatusRules } from "./status";
import { effectiveStatus } from "./status";

/**
 * Every text of a wait that did not end well, in one place. A task's message names the wait (its
 * caller's label), the task, its last status and progress, the error code and the RequestId; an
 * API wait's names the API and explains its last answer by the acceptors. Callers redact them.
 */

/**
 * "last status Processing (running), progress 40%, RequestId R-1"; without a snapshot, "not found
 * yet" when the last poll answered without the task, else "status not read yet".
 */
export function describeLastState(
    snapshot: TaskSnapshot | undefined,
    rules: StatusRules,
    result?: Pick<WaitResult<TaskSnapshot>, "polls" | "failure">,
): string {
    if (!snapshot) {
        // the last poll answered, without the task
        return result && result.polls > 0 && !result.failure
            ? `not found yet (${result.polls} ${result.polls === 1 ? "poll" : "polls"}): a new task takes a moment to appear; else check the id, the region and the account the credentials belong to`
            : "status not read yet";
    }
    const progress = snapshot.progress !== undefined ? `progress ${snapshot.progress}%` : "progress not reported";
    const request = snapshot.requestId ? `, RequestId ${snapshot.requestId}` : "";
    return `last status ${snapshot.rawStatus} (${effectiveStatus(snapshot, rules)}), ${progress}${request}`;
}

/** What the task messages need besides the engine's result of the task that decided. */
export interface TaskSubject {
    label: string;
    what: string;
    rules: StatusRules;
}

/** The deadline passed first. `next` says how to go on, in the caller's words. */
export function timeoutMessage(s: TaskSubject, result: WaitResult<TaskSnapshot>, timeout: string, next: string): string {
    const lastError = result.failure ? `; last error ${result.failure.code ?? "error"}: ${result.failure.message}` : "";
    return (
        `${s.label}: timed out after ${timeout} (${result.polls} poll${result.polls === 1 ? "" : "s"} in ${formatDuration(result.elapsedMs)}) for ${s.what} ${result.taskId}: ` +
        `${describeLastState(result.snapshot, s.rules, result)}${lastError}. ${next}`
    );
}

/** The wait was stopped (SIGINT, SIGTERM): the task goes on. `next` says how to go on waiting. */
export function abortedMessage(s: TaskSubject, result: WaitResult<TaskSnapshot>, next: string): string {
    return (
        `${s.label}: interrupted after ${formatDuration(result.elapsedMs)} waiting for ${s.what} ${result.taskId}: ${describeLastState(result.snapshot, s.rules, result)}. ` +
        `The task goes on in the cloud. ${next}`
    );
}

/** A permanent error ended the wait. */
export function errorMessage(s: TaskSubject, result: WaitResult<TaskSnapshot>): string {
    const cause = result.failure ? result.failure.message : "unknown error";
    return `${s.label}: stopped waiting for ${s.what} ${result.taskId} (${describeLastState(result.snapshot, s.rules)}): ${cause}`;
}

/** The task never became visible, or disappeared after it was seen. */
export function notFoundMessage(s: TaskSubject, result: WaitResult<TaskSnapshot>, region: string): string {
    if (result.disappeared) {
        return (
            `${s.label}: ${s.what} ${result.taskId} disappeared after it was seen (${describeLastState(result.snapshot, s.rules)}): ` +
            "the API no longer returns it (expired from the task history, or deleted)."
        );
    }
    return `${s.label}: ${s.what} ${result.taskId} was not found in region ${region} after ${result.polls} polls: check the id, the region and the account the credentials belong to.`;
}

/** The tasks ended, but not all well: the definition's own description, and the RequestId for a support ticket. */
export function failureMessage(label: string, description: string, requestId: string | undefined): string {
    return `${label}: ${description}${requestId ? ` (RequestId ${requestId})` : ""}`;
}

/** An API wait's answer, for its reasons: how values are shown (hidden with `secret`, or when they hold a secret field's text), and read. */
export interface AnswerSubject {
    acceptors: readonly Acceptor[];
    shown(value: Json): string;
    select: Select;
}

/** Why an answer decided, in words: 'acceptor 1 (failure) matched: Invocations.Invocation[0].InvocationStatus is "Failed"'. */
export function explainAnswer(s: AnswerSubject, judgement: Judgement, answer: Answer, requestId: string | undefined): string {
    const id = requestId ? ` (RequestId ${requestId})` : "";
    const acceptor = judgement.acceptor;
    if (judgement.problem) return `${judgement.problem}${id}`;
    if (!acceptor) {
        if (answer.kind === "error") {
            return `the API answered ${answer.code}: ${answer.message}${id}, and no acceptor expects it ${errorHint(answer.code)}`;
        }
        const wanted = s.acceptors
            .filter((a) => a.state === "success" && a.matcher.kind !== "errorCode" && a.matcher.kind !== "status")
            .map((a) => {
                const m = a.matcher as Extract<Acceptor["matcher"], { path: unknown }>;
                return `${m.path.text} is ${shownValue(s, m.path)}, success needs ${describeMatcher(m)}`;
            });
        return `no acceptor matched: ${wanted.join("; ") || "the answer"}${id}`;
    }
    const what =
        acceptor.matcher.kind === "errorCode"
            ? `the API answered ${s.shown(judgement.value ?? null)}`
            : `${subjectOf(acceptor.matcher)} is ${s.shown(judgement.value ?? null)}`;
    return `acceptor ${judgement.index} (${judgement.state}) matched: ${what}${id}`;
}

/**
 * Codes that say the call itself is wrong (no such action, version or product, a bad parameter):
 * no answer to come will differ, so retrying them is never the fix.
 */
const CALL_ERROR = /^(InvalidAction|InvalidApi|InvalidVersion|InvalidProduct|UnsupportedOperation|MissingParameter|InvalidParameter|MissingRegionId)\b/i;

/** The hint after an unexpected error code: fix the call, or (JSON, which the acceptors file and a program both take) retry it while a resource appears. */
function errorHint(code: string): string {
    if (CALL_ERROR.test(code)) return "(the call itself is wrong: check the action or path, the version, the product and the parameters)";
    return `(if it is expected while the resource appears, add {"state": "retry", "errorCode": "${code}"} to the acceptors)`;
}

/** What an expression selects, as a message shows it; what kept it from being evaluated, if something did. */
function shownValue(s: AnswerSubject, path: { text: string }): string {
    try {
        return s.shown(s.select(path));
    } catch (error) {
        if (error instanceof EvaluationProblem) return `not known (${error.problem})`;
        throw error;
    }
}

/** An API wait that the deadline ended. */
export function answerTimeoutReason(timeout: string, lastAnswer: string | undefined, lastError: { message: string } | undefined): string {
    return `no acceptor ended the wait within ${timeout} (last answer: ${lastAnswer ?? "no answer yet"}${lastError ? `; last error: ${lastError.message}` : ""})`;
}

/** An API wait that its caller stopped. */
export function answerAbortedReason(elapsedMs: number, lastAnswer: string | undefined): string {
    return `interrupted after ${formatDuration(elapsedMs)} (last answer: ${lastAnswer ?? "no answer yet"})`;
}

/** A value in a message: JSON, cut short. */
export function describeValue(value: Json): string {
    const text = JSON.stringify(value) ?? "null";
    return text.length <= 120 ? text : `${text.slice(0, 100)}... (${text.length} characters)`;
}

/** What a task wait's message needs besides its phrasing and how the waits ended. */
export interface TaskMessageContext {
    /** What one thing waited on is called ("ECS task"). */
    what: string;
    fields: Record<string, unknown>;
    caller: WaitCaller;
    timeout: string;
    region: string;
    /** Whether the next run resumes the wait (run.ts decides): only then does a timeout's message say to wait on. */
    resumable: boolean;
}

/** A task wait's message for an end that was not a success. */
export function taskMessage<S extends TaskSnapshot>(
    phrasing: TaskPhrasing<S>,
    started: Started,
    results: readonly WaitResult<S>[],
    end: End<S>,
    { what, fields, caller, timeout, region, resumable }: TaskMessageContext,
): string {
    const subject: TaskSubject = { label: caller.label, what, rules: phrasing.rules };
    const next = phrasing.nextStep?.(caller, started);
    const goOn = next ?? (resumable ? caller.nextSteps.keepWaiting : "");
    switch (end.state) {
        case "failure":
            if (end.cause === "not-found") return notFoundMessage(subject, end.result, region);
            return errorMessage(subject, end.result) + (next ? ` ${next}` : "");
        case "aborted":
            return abortedMessage(subject, end.result, goOn);
        case "timeout":
            return timeoutMessage(subject, end.result, timeout, `${phrasing.timeoutHint ? `${phrasing.timeoutHint}. ` : ""}${unansweredHint(end)}${goOn}`);
        case "judged":
            return failureMessage(subject.label, phrasing.describeFailure(fields, started, results, caller), fields.requestId as string | undefined);
    }
}

/** An API wait's reason for how it ended: its last answer explained, with the timeout or the interruption that ended it first, or the error. */
export function answerReason<S>(end: End<S>, explained: string | undefined, timeout: string): string {
    switch (end.state) {
        case "judged":
            return explained!;
        case "aborted":
            return answerAbortedReason(end.result.elapsedMs, explained);
        case "timeout":
            return answerTimeoutReason(timeout, explained, end.result.failure ?? end.result.errors[end.result.errors.length - 1]);
        case "failure":
            return end.result.failure?.message ?? "the API could not be called";
    }
}

/** An API wait's message when it did not succeed: its reason, and how to go on when the next run resumes it. */
export function answerMessage<S>(caller: WaitCaller, what: string, reason: string, end: End<S>, resumable: boolean): string {
    const resumes = resumable && (end.state === "timeout" || end.state === "aborted");
    return `${caller.label}: ${what}: ${reason}${resumes ? `. ${unansweredHint(end)}${caller.nextSteps.keepWaiting}` : ""}`;
}

/** A wait whose polls all failed (a host that refuses, a wrong endpoint) is not helped by waiting longer: said before the next step. */
function unansweredHint<S>(end: End<S>): string {
    if (end.state !== "timeout" || end.result.snapshot !== undefined || end.result.errors.length === 0) return "";
    return "No poll got an answer: fix what the last error names (the endpoint, the region, the network) before waiting longer. ";
}
