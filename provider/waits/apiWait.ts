import { formatDuration } from "../engine/duration";
import type { ApiWaiterInputs } from "../inputs/apiWaiter";
import type { ApiWaiterOutputs } from "../outputs";
import { ApiRequest, ApiSnapshot, apiName, apiSource, requestFingerprint } from "../services/anyApi";
import { Json, select } from "../services/jmespath";
import type { TaskStatus } from "../services/snapshot";
import { Judgement, acceptorsOf, judge, matcherOf, subjectOf } from "./acceptors";
import { Face, WaitOutcome, Verdict, toPlainJson, waitedSeconds } from "./outcome";
import { backoffOf, maxGapOf, timeoutMs } from "./schedule";
import { poller, redact, serviceContext } from "./settings";

/**
 * An ApiWaiter's wait (or check), start to end: the request polled on the shared engine, each
 * answer judged by the acceptors, the result made one outcome. In mode "check" an answer that no
 * acceptor matches ends the check as failed at once instead of waiting for a better one, and with
 * onFailure "warn" every way of not succeeding is reported as a warning, as Terraform's check
 * blocks do.
 */

export type CheckedApiWaiterInputs = ApiWaiterInputs & { region: string };

/** The request the inputs describe. RPC calls get RegionId from the region unless params set it. */
export function apiRequestOf(inputs: CheckedApiWaiterInputs): ApiRequest {
    const common = { product: inputs.product, endpoint: inputs.endpoint, version: inputs.version };
    if (inputs.action) return { style: "rpc", ...common, action: inputs.action, params: { RegionId: inputs.region, ...inputs.params } };
    const query = Object.fromEntries(Object.entries(inputs.query ?? {}).map(([k, v]) => [k, String(v)]));
    return { style: "roa", ...common, method: inputs.method ?? "GET", path: inputs.path ?? "/", query, body: inputs.body };
}

/** The resource id: the region, the API and a digest of the request. */
export function apiWaiterId(inputs: CheckedApiWaiterInputs): string {
    const request = apiRequestOf(inputs);
    return `api:${inputs.region}:${apiName(request).replace(/\s+/g, ":")}:${requestFingerprint(request).slice(0, 8)}`;
}

export async function runApiWait(inputs: CheckedApiWaiterInputs, face: Face): Promise<WaitOutcome> {
    const startedAt = Date.now();
    const request = apiRequestOf(inputs);
    const name = apiName(request);
    const acceptors = acceptorsOf(inputs);
    const check = inputs.mode === "check";
    const judged = new WeakMap<ApiSnapshot, Judgement>();
    const judgementOf = (s: ApiSnapshot) => {
        let j = judged.get(s);
        if (!j) judged.set(s, (j = judge(s.details, acceptors, inputs.caseSensitive)));
        return j;
    };
    const isFinal = (j: Judgement) => j.state === "success" || j.state === "failure" || j.state === "error" || (check && j.state === "unmatched");
    const shown = (value: Json) => (inputs.secret ? "(secret)" : describe(value));

    const result = await poller().wait<ApiSnapshot>({
        source: apiSource(serviceContext(inputs.region), request),
        taskId: requestFingerprint(request),
        timeoutMs: timeoutMs(inputs),
        backoff: backoffOf(inputs),
        maxGapMs: maxGapOf(inputs),
        progressOf: (s) => progressOf(s, inputs),
        isTerminal: (s) => isFinal(judgementOf(s)),
        onSnapshot: (s) => face.progress.observe(progressSnapshot(s, name, inputs), statusOf(judgementOf(s))),
        signal: face.signal,
    });

    const last = result.snapshot;
    const judgement = last && judgementOf(last);
    let verdict: Verdict;
    let reason: string;
    if (result.reason === "terminal" && judgement) {
        verdict = judgement.state === "success" ? "succeeded" : judgement.state === "error" ? "error" : "failed";
        reason = explain(judgement, last!, acceptors, shown);
    } else if (result.reason === "aborted") {
        verdict = "interrupted";
        reason = `interrupted after ${formatDuration(result.elapsedMs)} (last answer: ${judgement ? explain(judgement, last!, acceptors, shown) : "no answer yet"})`;
    } else if (result.reason === "timeout") {
        verdict = "timeout";
        const lastState = judgement ? explain(judgement, last!, acceptors, shown) : "no answer yet";
        const lastError = result.failure ?? result.errors[result.errors.length - 1];
        reason = `no acceptor ended the wait within ${inputs.timeout} (last answer: ${lastState}${lastError ? `; last error: ${lastError.message}` : ""})`;
    } else {
        verdict = "error";
        reason = result.failure?.message ?? "the API could not be called";
    }
    const succeeded = verdict === "succeeded";
    const unfinished = (verdict === "timeout" || verdict === "interrupted") && !check;
    const message = succeeded ? undefined : redact(`${face.label}: ${name}: ${reason}${unfinished ? `. ${face.words.keepWaiting}` : ""}`);
    const outputs: ApiWaiterOutputs = {
        status: succeeded ? "succeeded" : unfinished ? "running" : "failed",
        reason: redact(reason),
        matchedAcceptor: judgement && "index" in judgement ? judgement.index : undefined,
        matchedValue: judgement && "value" in judgement ? judgement.value : undefined,
        answer: last?.details.kind === "body" ? (inputs.output ? select(inputs.output, last.details.body) : last.details.body) : undefined,
        errorCode: last?.details.kind === "error" ? last.details.code : undefined,
        requestId: last?.requestId,
        waitedSeconds: waitedSeconds(startedAt),
        evaluatedAt: new Date().toISOString(),
    };
    return {
        verdict,
        message,
        errorCode: last?.details.kind === "error" ? last.details.code : result.failure?.code,
        record: toPlainJson({ ...inputs, ...outputs }),
        what: name,
        ids: [apiWaiterId(inputs)],
        keep: unfinished,
        // a check that does not hold, for whatever reason, is a warning in "warn" mode; a wait only when it failed
        accepted: inputs.onFailure === "warn" && !succeeded && (check || verdict === "failed"),
        readyLine: undefined,
    };
}

/** Why an answer decided, in words: 'acceptor 1 (failure): Invocations.Invocation[0].InvocationStatus is "Failed"'. */
function explain(judgement: Judgement, snapshot: ApiSnapshot, acceptors: ReturnType<typeof acceptorsOf>, shown: (v: Json) => string): string {
    const answer = snapshot.details;
    const requestId = answer.requestId ? ` (RequestId ${answer.requestId})` : "";
    switch (judgement.state) {
        case "error": {
            if (answer.kind !== "error") return "unexpected answer";
            return (
                `the API answered ${answer.code}: ${answer.message}${requestId}, and no acceptor expects it ` +
                `(if it is expected while the resource appears, add { state: "retry", errorCode: "${answer.code}" })`
            );
        }
        case "unmatched": {
            const wanted = acceptors
                .filter((a) => a.state === "success" && a.expr !== undefined)
                .map((a) => `${a.expr} is ${shown(answer.kind === "body" ? select(a.expr!, answer.body) : null)}, success needs ${matcherOf(a)}`);
            return `no acceptor matched: ${wanted.join("; ") || "the answer"}${requestId}`;
        }
        default: {
            const a = judgement.acceptor;
            const what = a.errorCode !== undefined ? `the API answered ${shown(judgement.value)}` : `${subjectOf(a)} is ${shown(judgement.value)}`;
            return `acceptor ${judgement.index} (${judgement.state}) matched: ${what}${requestId}`;
        }
    }
}

function statusOf(judgement: Judgement): TaskStatus {
    if (judgement.state === "success") return "succeeded";
    if (judgement.state === "failure" || judgement.state === "error") return "failed";
    return "running";
}

/** A value in a message: JSON, cut short. */
function describe(value: Json): string {
    const text = JSON.stringify(value) ?? "null";
    return text.length <= 120 ? text : `${text.slice(0, 100)}... (${text.length} characters)`;
}

/**
 * The percentage the `progress` expression reads from an answer, for the engine's forecast (as for
 * the other waits: checks few while the end is far, dense around it). Only that expression: an
 * acceptor's number need not be a percentage. Read whether or not the answer is secret: it only
 * places checks.
 */
function progressOf(snapshot: ApiSnapshot, inputs: CheckedApiWaiterInputs): number | undefined {
    const answer = snapshot.details;
    if (!inputs.progress || answer.kind === "error") return undefined;
    const value = select(inputs.progress, answer.body);
    return typeof value === "number" ? value : undefined; // the engine's track clamps it to 0..100
}

/**
 * What a progress line shows for an answer: the progress expression's value (a number is a
 * percentage), else what the first acceptor looks at; an error's code. Values stay hidden with `secret`.
 */
function progressSnapshot(snapshot: ApiSnapshot, name: string, inputs: CheckedApiWaiterInputs): ApiSnapshot {
    const answer = snapshot.details;
    if (answer.kind === "error") return { ...snapshot, taskId: name, rawStatus: answer.code };
    const expr = inputs.progress ?? acceptorsOf(inputs).find((a) => a.expr !== undefined)?.expr;
    const value = expr && !inputs.secret ? select(expr, answer.body) : null;
    if (typeof value === "number") return { ...snapshot, taskId: name, rawStatus: expr!, progress: Math.min(100, Math.max(0, value)) };
    const text = value === null ? "answered" : typeof value === "string" ? value : describe(value);
    return { ...snapshot, taskId: name, rawStatus: text.length > 60 ? `${text.slice(0, 57)}...` : text };
}
