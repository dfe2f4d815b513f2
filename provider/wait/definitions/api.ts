import type { ApiWaiterInputs } from "../../inputs/apiWaiter";
import type { ApiWaiterOutputs } from "../../outputs";
import { ApiRequest, ApiSnapshot, apiName, apiSource, requestFingerprint } from "../../services/anyApi";
import { Json, compileExpression } from "../../services/jmespath";
import type { TaskStatus } from "../../services/snapshot";
import { Judgement, compileAcceptors, judge } from "../acceptor";
import type { WaitDefinition } from "../definition";
import { describeValue, explainAnswer } from "../messages";
import { Runtime, serviceContext } from "../runtime";

/**
 * ApiWaiter: the request polled on the shared engine, each answer judged by the acceptors. In mode
 * "check" an answer that no acceptor matches ends the check as failed at once instead of waiting
 * for a better one, and with onFailure "warn" every way of not succeeding is reported as a
 * warning, as Terraform's check blocks do.
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

export function apiDefinition(inputs: CheckedApiWaiterInputs, runtime: Runtime): WaitDefinition<ApiSnapshot> {
    const request = apiRequestOf(inputs);
    const name = apiName(request);
    const acceptors = compileAcceptors(inputs);
    const check = inputs.mode === "check";
    const progress = inputs.progress ? compileExpression(inputs.progress) : undefined;
    const output = inputs.output ? compileExpression(inputs.output) : undefined;
    // what progress lines show: the progress expression, else what the first path acceptor looks at
    const firstPath = acceptors.map((a) => a.matcher).find((m) => "path" in m);
    const shownPath = progress ?? (firstPath && "path" in firstPath ? firstPath.path : undefined);
    const source = apiSource(serviceContext(runtime, inputs.region), request);
    const shown = (value: Json) => (inputs.secret ? "(secret)" : describeValue(value));
    // a wait judges the same answer several times (end check, progress line, outcome): once is enough
    const judged = new WeakMap<ApiSnapshot, Judgement>();
    const judgementOf = (s: ApiSnapshot) => {
        let j = judged.get(s);
        if (!j) judged.set(s, (j = judge(s.details, acceptors, inputs.caseSensitive)));
        return j;
    };
    const explain = (s: ApiSnapshot | undefined) => (s ? explainAnswer({ acceptors, shown }, judgementOf(s), s.details, s.details.requestId) : undefined);
    return {
        what: name,
        inputs,
        begin: async () => ({ ids: [requestFingerprint(request)] }),
        request: () => ({
            source,
            judge: judgementOf,
            // a check ends on an answer no acceptor matches: it does not hold
            isFinal: (j) => j.state !== "retry" || (check && !j.acceptor),
            statusOf: (_s, j) => statusOf(j),
            progressOf: (s) => (progress && s.details.kind === "body" ? numberOrUndefined(progress.search(s.details.body)) : undefined),
            shown: (s) => progressSnapshot(s, name, shownPath, inputs.secret),
        }),
        outputs(_begun, results, end, reason) {
            const last = results[0]?.snapshot;
            const judgement = last && judgementOf(last);
            const succeeded = end.state === "judged" && judgement?.state === "success";
            const unfinished = (end.state === "timeout" || end.state === "aborted") && !check;
            // waitedSeconds is filled in by runWait; named here so that it keeps its place before evaluatedAt
            const outputs: Omit<ApiWaiterOutputs, "waitedSeconds"> & { waitedSeconds: undefined } = {
                status: succeeded ? "succeeded" : unfinished ? "running" : "failed",
                reason: reason!,
                matchedAcceptor: judgement?.index,
                matchedValue: judgement?.acceptor ? judgement.value : undefined,
                answer: last?.details.kind === "body" ? (output ? output.search(last.details.body) : last.details.body) : undefined,
                errorCode: last?.details.kind === "error" ? last.details.code : undefined,
                requestId: last?.requestId,
                waitedSeconds: undefined,
                evaluatedAt: new Date().toISOString(),
            };
            return outputs;
        },
        phrasing: { kind: "answer", explain },
        resumes: { unfinished: !check, afterError: () => false, afterFailure: () => false },
        isCheck: check,
    };
}

function statusOf(judgement: Judgement): TaskStatus {
    if (judgement.state === "success") return "succeeded";
    if (judgement.state === "failure") return "failed";
    return "running";
}

/** The percentage for the engine's forecast: a number only (the engine's track clamps it to 0..100). Read even when secret: it only places checks. */
function numberOrUndefined(value: Json): number | undefined {
    return typeof value === "number" ? value : undefined;
}

/**
 * What a progress line shows for an answer: the progress expression's value (a number is a
 * percentage), else what the first acceptor looks at; an error's code. Values stay hidden with `secret`.
 */
function progressSnapshot(snapshot: ApiSnapshot, name: string, path: { text: string; search(data: unknown): Json } | undefined, secret: boolean): ApiSnapshot {
    const answer = snapshot.details;
    if (answer.kind === "error") return { ...snapshot, taskId: name, rawStatus: answer.code };
    const value = path && !secret ? path.search(answer.body) : null;
    if (typeof value === "number") return { ...snapshot, taskId: name, rawStatus: path!.text, progress: Math.min(100, Math.max(0, value)) };
    const text = value === null ? "answered" : typeof value === "string" ? value : describeValue(value);
    return { ...snapshot, taskId: name, rawStatus: text.length > 60 ? `${text.slice(0, 57)}...` : text };
}
