import type { ApiWaiterInputs } from "../../inputs/apiWaiter";
import type { ApiWaiterOutputs } from "../../outputs";
import { ApiRequest, ApiSnapshot, apiName, apiSource, requestFingerprint } from "../../services/anyApi";
import { Expression, Json, compileExpression } from "../../services/jmespath";
import { ANSWER_OUTPUTS, carriesSecret } from "../../services/answerSecrets";
import { isReadAction, isReadMethod } from "../../services/readOnly";
import { flattenParams } from "../../services/rpcParams";
import type { TaskStatus } from "../../services/snapshot";
import { EvaluationProblem, Judgement, compileAcceptors, judge } from "../acceptor";
import type { WaitDefinition } from "../definition";
import { explainAnswer } from "../messages";
import type { WaitCaller } from "../outcome";
import { Runtime, serviceContext } from "../runtime";
import { answerReader } from "./apiAnswer";

/**
 * ApiWaiter: the request polled on the shared engine, each answer judged by the acceptors. In mode
 * "check" an answer that no acceptor matches ends the check as failed at once instead of waiting
 * for a better one. With onFailure "warn" a failure is a warning in both modes, whether an
 * acceptor or an error ended it; a check's timeout too (a wait's timeout resumes instead).
 */

export type CheckedApiWaiterInputs = ApiWaiterInputs & { region: string };

/**
 * The request the inputs describe. RPC params flattened as Alibaba's SDKs send them, RegionId
 * added from the region unless params set it (null leaves it out).
 */
export function apiRequestOf(inputs: CheckedApiWaiterInputs): ApiRequest {
    const common = { product: inputs.product, endpoint: inputs.endpoint, version: inputs.version };
    if (inputs.action) {
        const params = flattenParams({ RegionId: inputs.region, ...inputs.params });
        return { style: "rpc", ...common, reads: isReadAction(inputs.action), action: inputs.action, params };
    }
    const query = Object.fromEntries(Object.entries(inputs.query ?? {}).map(([k, v]) => [k, String(v)]));
    const method = inputs.method ?? "GET";
    return { style: "roa", ...common, reads: isReadMethod(method), method, path: inputs.path ?? "/", query, body: inputs.body };
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
    const { secrets, keyIds } = runtime.settings;
    const reader = answerReader(runtime.expressions, inputs.secret, () => [...secrets, ...keyIds]);
    let caller: WaitCaller | undefined;
    // an expression shown in lines that could not be evaluated is not asked again (each try costs a budget)
    const dropped = new Set<string>();
    const displayed = (s: ApiSnapshot, path: Expression | undefined): Json | undefined => {
        if (!path || dropped.has(path.text) || s.details.kind !== "body") return undefined;
        try {
            return reader.select(s)(path);
        } catch (error) {
            if (!(error instanceof EvaluationProblem)) throw error;
            dropped.add(path.text);
            caller?.progress.note(`${name}: the expression ${error.message}: progress lines no longer show it`);
            return undefined;
        }
    };
    // a wait judges the same answer several times (end check, progress line, outcome): once is enough
    const judged = new WeakMap<ApiSnapshot, Judgement>();
    const judgementOf = (s: ApiSnapshot) => {
        let j = judged.get(s);
        if (!j) judged.set(s, (j = judge(s.details, acceptors, inputs.caseSensitive, reader.select(s))));
        return j;
    };
    const explain = (s: ApiSnapshot | undefined) =>
        s ? explainAnswer({ acceptors, shown: reader.shown(s), select: reader.select(s) }, judgementOf(s), s.details, s.details.requestId) : undefined;
    let secretOutputs: string[] = [];
    return {
        what: name,
        inputs,
        begin: async (context) => {
            caller = context.caller;
            return { ids: [requestFingerprint(request)] };
        },
        request: () => ({
            source,
            judge: judgementOf,
            // a check ends on an answer no acceptor matches: it does not hold
            isFinal: (j) => j.state !== "retry" || (check && !j.acceptor),
            statusOf: (_s, j) => statusOf(j, check),
            progressOf: (s) => numberOrUndefined(displayed(s, progress)),
            shown: (s) => progressSnapshot(s, name, shownPath, displayed(s, shownPath), reader.shown(s)),
        }),
        outputs(_begun, results, end, { resumable, reason }) {
            const last = results[0]?.snapshot;
            const judgement = last && judgementOf(last);
            const succeeded = end.state === "judged" && judgement?.state === "success";
            const body = last?.details.kind === "body" ? last.details.body : undefined;
            const notes: string[] = [];
            let selected: Json | undefined = body;
            if (body !== undefined && output) {
                try {
                    selected = reader.select(last!)(output);
                } catch (error) {
                    if (!(error instanceof EvaluationProblem)) throw error;
                    selected = undefined;
                    notes.push(`answer was not recorded: the output expression ${error.message}`);
                }
            }
            const answer = reader.recorded(selected, "answer");
            const matched = reader.recorded(judgement?.acceptor ? judgement.value : undefined, "matchedValue");
            notes.push(...[answer.omitted, matched.omitted].filter((n): n is string => n !== undefined));
            const found = last ? reader.secrets(last) : { fields: [], values: [] };
            const recorded = { answer: answer.value, matchedValue: matched.value };
            secretOutputs = inputs.secret ? [] : ANSWER_OUTPUTS.filter((k) => carriesSecret(recorded[k], found.values));
            if (found.fields.length > 0 && !inputs.secret)
                notes.push(
                    `the answer holds secret fields (${found.fields.join(", ")}): their values are kept out of progress lines and messages` +
                        (secretOutputs.length ? `, and ${secretOutputs.join(" and ")} recorded as secret outputs` : "") +
                        "; set `secret: true` to say so, or `output` to leave them out",
                );
            for (const note of notes) caller?.progress.note(`${name}: ${note}`);
            // waitedSeconds is filled in by runWait; named here so that it keeps its place before evaluatedAt
            const outputs: Omit<ApiWaiterOutputs, "waitedSeconds"> & { waitedSeconds: undefined } = {
                status: succeeded ? "succeeded" : resumable ? "running" : "failed",
                reason: reason!,
                matchedAcceptor: judgement?.index,
                matchedValue: matched.value,
                answer: answer.value,
                secretFields: found.fields.length ? found.fields : undefined,
                errorCode: last?.details.kind === "error" ? last.details.code : undefined,
                requestId: last?.requestId,
                waitedSeconds: undefined,
                evaluatedAt: new Date().toISOString(),
            };
            return outputs;
        },
        secretOutputs: () => secretOutputs,
        phrasing: { kind: "answer", explain },
        resumes: { unfinished: !check, afterError: () => false, afterFailure: () => false },
        isCheck: check,
        warnsOnError: true,
    };
}

/** A check does not wait: an answer no acceptor matches is its failure, shown as such (not "running"). */
function statusOf(judgement: Judgement, check: boolean): TaskStatus {
    if (judgement.state === "success") return "succeeded";
    if (judgement.state === "failure" || (check && !judgement.acceptor)) return "failed";
    return "running";
}

/** The percentage for the engine's forecast: a number only (the engine's track clamps it to 0..100). Read even when secret: it only places checks. */
function numberOrUndefined(value: Json | undefined): number | undefined {
    return typeof value === "number" ? value : undefined;
}

/**
 * What a progress line shows for an answer: the progress expression's value (a number is a
 * percentage), else what the first acceptor looks at; an error's code. Values that are secret (the
 * `secret` input, or a secret field's text) are never shown.
 */
function progressSnapshot(snapshot: ApiSnapshot, name: string, path: Expression | undefined, value: Json | undefined, shown: (v: Json) => string): ApiSnapshot {
    const answer = snapshot.details;
    if (answer.kind === "error") return { ...snapshot, taskId: name, rawStatus: answer.code };
    if (path && typeof value === "number" && shown(value) !== "(secret)")
        return { ...snapshot, taskId: name, rawStatus: path.text, progress: Math.min(100, Math.max(0, value)) };
    const text =
        value === undefined || value === null ? "answered" : shown(value) === "(secret)" ? "(secret)" : typeof value === "string" ? value : shown(value);
    return { ...snapshot, taskId: name, rawStatus: text.length > 60 ? `${text.slice(0, 57)}...` : text };
}
