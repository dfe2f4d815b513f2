import { API_WAITER_INPUTS, ApiWaiterInputs, apiWaiterInputsSchema } from "../inputs/apiWaiter";
import { ANSWER_OUTPUTS } from "../services/answerSecrets";
import { CheckedInputs, checkInputs, parseCheckedInputs } from "../wait/check";
import { apiWaiterId } from "../wait/definitions/api";
import { runCheckedWait } from "../wait/index";
import { Runtime, plainJson } from "../wait/runtime";
import { Lifecycle, configureHost, onRuntime } from "./host";
import { compareInputs, recordedEnd, pulumiCaller, pulumiResult, spoken, withSecretOutputs } from "./pulumi";

/**
 * What the ApiWaiter provider's methods do. Mode "wait" waits once, like the other resources, and
 * resumes after a timeout. Mode "check" is evaluated again on every `pulumi up` (diff always reports
 * a change, so the engine calls update, which evaluates) and on every `pulumi refresh` (read
 * evaluates); `pulumi preview` shows the pending evaluation as an update and calls no API.
 *
 * A stable contract: every stack's state holds a `__provider` that requires this module as
 * `pulumi-alicloud-tasks/lifecycle/apiWaiter` for every later operation, `delete` included.
 * Never rename or remove it, nor the functions it exports.
 */

const KIND = "ApiWaiter";
/** What is asked and what is accepted: a new wait, so a replacement. The rest are options. */
const REPLACE_KEYS = [
    "product",
    "endpoint",
    "version",
    "action",
    "params",
    "method",
    "path",
    "query",
    "body",
    "region",
    "acceptors",
    "until",
    "caseSensitive",
    "mode",
];
const INPUT_KEYS = Object.keys(apiWaiterInputsSchema.shape);
const OPTION_KEYS = INPUT_KEYS.filter((k) => !REPLACE_KEYS.includes(k));

/** ApiWaiter's lifecycle on a runtime: the host's (the functions below), or a test's own. */
export function apiWaiterLifecycle(runtime: Runtime): Lifecycle {
    const evaluate = async (id: string, { inputs, options }: CheckedInputs<ApiWaiterInputs>) =>
        pulumiResult(id, await runCheckedWait({ kind: KIND, inputs, options }, runtime, pulumiCaller(KIND, inputs.resourceName, runtime)), runtime);
    return {
        async check(_olds, news) {
            return spoken(KIND, news, checkInputs(API_WAITER_INPUTS, news, runtime.settings), runtime);
        },
        async diff(_id, olds, news) {
            const { replaces, optionsChanged } = compareInputs(olds, news, REPLACE_KEYS, OPTION_KEYS);
            // a check is evaluated on every run: the change is the evaluation itself
            const everyRun = news.mode === "check";
            return { changes: replaces.length > 0 || optionsChanged || everyRun || recordedEnd(olds) === "unfinished", replaces, deleteBeforeReplace: false };
        },
        async create(raw) {
            const checked = parse(raw);
            const id = apiWaiterId(checked.inputs);
            return { id, outs: await evaluate(id, checked) };
        },
        async update(id, olds, news) {
            const checked = parse(news);
            // a finished wait whose options changed keeps its result; a check is evaluated again
            if (checked.inputs.mode === "wait" && recordedEnd(olds) === "finished") {
                // the engine hands olds over without their secretness: an answer that held a secret field is marked again
                const held = Array.isArray(olds.secretFields) && olds.secretFields.length > 0 && !checked.inputs.secret;
                return { outs: withSecretOutputs(plainJson(runtime, { ...olds, ...checked.inputs }), held ? ANSWER_OUTPUTS : []) };
            }
            return { outs: await evaluate(id, checked) };
        },
        async read(id, props) {
            const checked = parse(Object.fromEntries(Object.entries(props).filter(([k]) => INPUT_KEYS.includes(k))));
            // a wait that ended is history; a check is evaluated again (onFailure "fail" fails the refresh)
            if (checked.inputs.mode !== "check") return { id, props };
            return { id, props: await evaluate(id, checked) };
        },
        async remove() {
            // waiting and checking leave nothing behind in the cloud
        },
    };
}

function parse(raw: Record<string, unknown>): CheckedInputs<ApiWaiterInputs> {
    return parseCheckedInputs(KIND, API_WAITER_INPUTS, raw);
}

export const configure = configureHost;
export const { check, diff, create, update, read, remove } = onRuntime(apiWaiterLifecycle);
