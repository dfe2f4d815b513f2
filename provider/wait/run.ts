import type { WaitResult } from "../engine/result";
import type { TaskSnapshot } from "../services/snapshot";
import { Begun, End, Started, WaitDefinition, engineRequest } from "./definition";
import { answerMessage, answerReason, taskMessage } from "./messages";
import { WaitOptions, remainingMs } from "./options";
import type { EndState, FailureCause, WaitCaller, WaitOutcome } from "./outcome";
import { Runtime, plainJson, redact } from "./runtime";

/**
 * runWait(definition, options, runtime): a definition's ids waited on together on the runtime's
 * poller, until every one is judged or the wait ends otherwise, and made one WaitOutcome. The only
 * place an engine result becomes an outcome, a message and a decision to resume.
 */
export async function runWait<S extends TaskSnapshot>(
    definition: WaitDefinition<S>,
    options: WaitOptions,
    runtime: Runtime,
    caller: WaitCaller,
): Promise<WaitOutcome> {
    // the deadline on the engine's clock: a test's fake one moves both
    const clock = runtime.poller.clock;
    const startedAt = clock.now();
    const begun: Begun<S> = await definition.begin({ caller, options, startedAt });
    const outputsOf = (fields: Record<string, unknown>, failureReason?: string) =>
        plainJson(runtime, { ...definition.inputs, ...fields, waitedSeconds: waitedSeconds(startedAt, clock.now()), failureReason });
    if ("refused" in begun) {
        const { state, cause, message, errorCode } = begun.refused;
        const text = redact(runtime, `${caller.label}: ${message}`);
        return { state, cause, message: text, errorCode, outputs: outputsOf({}, text), what: definition.what, ids: [], resumable: false, asWarning: false };
    }
    const started: Started = "ids" in begun ? begun : { ids: [] };
    const results =
        "ended" in begun
            ? begun.ended
            : await Promise.all(
                  started.ids.map((id) =>
                      runtime.poller.wait(engineRequest(definition.request(id, started), id, remainingMs(options, startedAt, clock.now()), options, caller)),
                  ),
              );
    // how long the wait took from its start, the lookup or the export's start included: what messages say it waited
    const end = withWaited(endOf(results), clock.now() - startedAt);
    const judged =
        end.state === "judged"
            ? results
                  .filter((r) => r.state === "success" || r.state === "failure")
                  .map((r) => judgedEnd(definition, started, r))
                  .find((j) => j.state !== "success")
            : undefined;
    const state: EndState = end.state === "judged" ? (judged?.state ?? "success") : end.state;
    const cause: FailureCause | undefined = end.state === "failure" ? end.cause : judged?.cause;
    const resumable = resumableOf(definition, started, state, cause);
    const phrasing = definition.phrasing;
    let message: string | undefined;
    let fields: Record<string, unknown>;
    if (phrasing.kind === "answer") {
        const reason = answerReason(end, phrasing.explain(results[0]?.snapshot), options.timeout);
        fields = definition.outputs(started, results, end, { resumable, reason: redact(runtime, reason) });
        if (state !== "success") message = answerMessage(caller, definition.what, reason, end, resumable);
    } else {
        fields = definition.outputs(started, results, end, { resumable });
        if (state !== "success")
            message = taskMessage(phrasing, started, results, end, {
                what: definition.what,
                fields,
                caller,
                timeout: options.timeout,
                region: definition.inputs.region,
                resumable,
            });
    }
    // a resumed started export that failed or expired meanwhile is recorded without its URL: no use once
    // expired, and the STS token in its query may outlive Expires; the next diff replaces it with a fresh one
    if (resumable && cause === "status") fields = { ...fields, downloadUrl: undefined };
    const text = message === undefined ? undefined : redact(runtime, message);
    const errorCode = cause === "error" ? errorCodeOf(end) : undefined;
    const readyLine =
        state === "success" && phrasing.kind === "task" && phrasing.readyLine ? `${caller.label}: ${phrasing.readyLine(fields, started)}` : undefined;
    return {
        state,
        cause,
        message: text,
        errorCode,
        // an API wait's reason is an output of its own
        outputs: outputsOf(fields, phrasing.kind === "task" ? text : undefined),
        what: definition.what,
        ids: started.ids.length ? started.ids : results.map((r) => r.taskId),
        resumable,
        asWarning: definition.inputs.onFailure === "warn" && state !== "success" && warns(definition, cause),
        readyLine,
        secretOutputs: definition.secretOutputs?.(),
    };
}

/** What onFailure "warn" turns into a warning: a failed status; an error too where the definition says so; anything in a check. */
function warns<S extends TaskSnapshot>(definition: WaitDefinition<S>, cause: FailureCause | undefined): boolean {
    return cause === "status" || (cause === "error" && definition.warnsOnError === true) || definition.isCheck === true;
}

/** Whether the next run resumes this wait rather than starting over (the one place that decides it). */
function resumableOf<S extends TaskSnapshot>(definition: WaitDefinition<S>, started: Started, state: EndState, cause: FailureCause | undefined): boolean {
    if (state === "timeout" || state === "aborted") return definition.resumes.unfinished;
    if (cause === "error") return definition.resumes.afterError(started);
    if (cause === "status") return definition.resumes.afterFailure(started);
    return false;
}

/**
 * An error outranks a missing task, which outranks a failed one, which outranks an abort, which
 * outranks a timeout; else every id was judged. A task that failed fails the whole, certainly:
 * another still running at the deadline does not make it a timeout to resume.
 */
function endOf<S>(results: readonly WaitResult<S>[]): End<S> {
    const error = results.find((r) => r.cause === "error");
    if (error) return { state: "failure", cause: "error", result: error };
    const missing = results.find((r) => r.cause === "not-found");
    if (missing) return { state: "failure", cause: "not-found", result: missing };
    if (results.some((r) => r.state === "failure" && r.cause === "status")) return { state: "judged", results };
    const aborted = results.find((r) => r.state === "aborted");
    if (aborted) return { state: "aborted", result: aborted };
    const timeout = results.find((r) => r.state === "timeout");
    if (timeout) return { state: "timeout", result: timeout };
    return { state: "judged", results };
}

/** An end that stopped the wait (a timeout, an abort) as long as the whole wait took, not its engine part. */
function withWaited<S>(end: End<S>, waitedMs: number): End<S> {
    return end.state === "timeout" || end.state === "aborted"
        ? { ...end, result: { ...end.result, elapsedMs: Math.max(end.result.elapsedMs, waitedMs) } }
        : end;
}

/**
 * How one judged id ended: an acceptor's success or failure; an unmatched answer that ends a check
 * is a failure too; an error answer that no acceptor expects is a failure by error.
 */
function judgedEnd<S extends TaskSnapshot>(
    definition: WaitDefinition<S>,
    started: Started,
    result: WaitResult<S>,
): { state: "success" | "failure"; cause?: FailureCause } {
    const judgement = definition.request(result.taskId, started).judge(result.snapshot!);
    if (judgement.state === "success") return { state: "success" };
    return { state: "failure", cause: judgement.state === "failure" && !judgement.acceptor ? "error" : "status" };
}

function errorCodeOf<S>(end: End<S>): string | undefined {
    if (end.state === "failure") return end.result.failure?.code;
    // an error answer that no acceptor expects
    const details = (end.state === "judged" ? end.results[0]?.snapshot : undefined) as { details?: { kind?: string; code?: string } } | undefined;
    return details?.details?.kind === "error" ? details.details.code : undefined;
}

/** Seconds since `startedAt`, to a tenth: the waitedSeconds output. */
function waitedSeconds(startedAt: number, now: number): number {
    return Math.round((now - startedAt) / 100) / 10;
}
