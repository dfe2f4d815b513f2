import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { ConfigSource } from "../client/credentials";
import { API_WAITER_INPUTS, apiWaiterInputsSchema } from "../inputs/apiWaiter";
import { CheckedApiWaiterInputs, apiWaiterId, runApiWait } from "../waits/apiWait";
import { checkInputs, parseCheckedInputs } from "../waits/check";
import { toPlainJson } from "../waits/outcome";
import { configureProvider } from "../waits/settings";
import { differs, finishedStatus, isUnfinished, pulumiFace, settle } from "./pulumiFace";

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

export async function configure(config: ConfigSource): Promise<void> {
    configureProvider(config);
}

export async function check(_olds: Record<string, unknown>, news: Record<string, unknown>): Promise<dynamic.CheckResult> {
    return checkInputs(API_WAITER_INPUTS, news);
}

export async function diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<dynamic.DiffResult> {
    const replaces = REPLACE_KEYS.filter((k) => differs(olds[k], news[k]));
    const optionsChanged = INPUT_KEYS.filter((k) => !REPLACE_KEYS.includes(k)).some((k) => differs(olds[k], news[k]));
    // a check is evaluated on every run: the change is the evaluation itself
    const everyRun = news.mode === "check";
    return { changes: replaces.length > 0 || optionsChanged || everyRun || isUnfinished(olds), replaces, deleteBeforeReplace: false };
}

export async function create(raw: Record<string, unknown>): Promise<dynamic.CreateResult> {
    const inputs = parse(raw);
    const id = apiWaiterId(inputs);
    return { id, outs: settle(id, await runApiWait(inputs, pulumiFace(KIND, inputs.resourceName))) };
}

export async function update(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<dynamic.UpdateResult> {
    const inputs = parse(news);
    // a finished wait whose options changed keeps its result; a check is evaluated again
    if (inputs.mode === "wait" && finishedStatus(olds)) return { outs: toPlainJson({ ...olds, ...inputs }) };
    return { outs: settle(id, await runApiWait(inputs, pulumiFace(KIND, inputs.resourceName))) };
}

export async function read(id: string, props: Record<string, unknown>): Promise<dynamic.ReadResult> {
    const inputs = parse(Object.fromEntries(Object.entries(props).filter(([k]) => INPUT_KEYS.includes(k))));
    // a wait that ended is history; a check is evaluated again (onFailure "fail" fails the refresh)
    if (inputs.mode !== "check") return { id, props };
    return { id, props: settle(id, await runApiWait(inputs, pulumiFace(KIND, inputs.resourceName))) };
}

export async function remove(): Promise<void> {
    // waiting and checking leave nothing behind in the cloud
}

function parse(raw: Record<string, unknown>): CheckedApiWaiterInputs {
    return parseCheckedInputs(KIND, API_WAITER_INPUTS, raw);
}
