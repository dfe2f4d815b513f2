import type * as dynamic from "@pulumi/pulumi/dynamic";
import { TASK_WAITER_SERVICES, TaskWaiterInputs, bdrcTaskWaiterSchema, ecsTaskWaiterSchema, taskWaiterInputsSchema, taskWaiterRules } from "../inputs";
import type { ConfigSource } from "../client/credentials";
import { bdrcPlan } from "./bdrcWait";
import { ecsPlan } from "./ecsWait";
import { errorMessage, notFoundMessage, partialFailure, resourceLabel, timeoutMessage, verdictOf } from "./outcome";
import type { PlanOutputs, WaiterPlan } from "./plan";
import { checkInputs, differs, finishedStatus, isUnfinished, parseInputs as parseChecked, waitedSeconds, warnFailure } from "./common";
import { ProgressReporter } from "./progress";
import { configureProvider, redact } from "./runtime";
import { toPlainJson } from "./validate";

/** What the TaskWaiter provider's methods do. The provider object itself only forwards here. */

/** Changing what is waited on is a new wait: replace. The rest are options: update in place. */
const REPLACE_KEYS = ["service", "region", "taskId", "taskIds", "resourceIds", "taskAction"];
const INPUT_KEYS = [...new Set([...Object.keys(ecsTaskWaiterSchema.shape), ...Object.keys(bdrcTaskWaiterSchema.shape)])];

/** One plan per service: how to wait, what to output, how to say why it failed, how to refresh. */
const PLANS: { [S in TaskWaiterInputs["service"]]: WaiterPlan<Extract<TaskWaiterInputs, { service: S }>, PlanOutputs> } = {
    ecs: ecsPlan,
    bdrc: bdrcPlan,
};

/** The plan for the inputs' service; also what the wait command (cli/) runs. */
export function planFor(inputs: TaskWaiterInputs): WaiterPlan<TaskWaiterInputs, PlanOutputs> {
    return PLANS[inputs.service] as WaiterPlan<TaskWaiterInputs, PlanOutputs>;
}

export async function configure(config: ConfigSource): Promise<void> {
    configureProvider(config);
}

export async function check(_olds: Record<string, unknown>, news: Record<string, unknown>): Promise<dynamic.CheckResult> {
    return checkInputs(taskWaiterInputsSchema, taskWaiterRules, TASK_WAITER_SERVICES, news);
}

export async function diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<dynamic.DiffResult> {
    const replaces = REPLACE_KEYS.filter((k) => differs(olds[k], news[k]));
    const optionsChanged = INPUT_KEYS.filter((k) => !REPLACE_KEYS.includes(k)).some((k) => differs(olds[k], news[k]));
    return { changes: replaces.length > 0 || optionsChanged || isUnfinished(olds), replaces, deleteBeforeReplace: false };
}

export async function create(raw: Record<string, unknown>): Promise<dynamic.CreateResult> {
    const inputs = parseInputs(raw);
    const id = waiterId(inputs);
    return { id, outs: await waitAndRecord(id, inputs) };
}

export async function update(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<dynamic.UpdateResult> {
    const inputs = parseInputs(news);
    if (finishedStatus(olds)) {
        // only wait options changed: keep the recorded result, do not wait again
        return { outs: toPlainJson({ ...olds, ...inputs }) };
    }
    return { outs: await waitAndRecord(id, inputs, planFor(inputs).recordedTaskIds(olds)) };
}

export async function read(id: string, props: Record<string, unknown>): Promise<dynamic.ReadResult> {
    const inputs = parseInputs(pickInputs(props));
    return { id, props: await planFor(inputs).refresh(inputs, props) };
}

export async function remove(): Promise<void> {
    // waiting leaves nothing behind in the cloud
}

async function waitAndRecord(id: string, inputs: TaskWaiterInputs, knownTaskIds?: string[]): Promise<Record<string, unknown>> {
    const label = resourceLabel("TaskWaiter", inputs.resourceName);
    const startedAt = Date.now();
    const reporter = new ProgressReporter(label, startedAt);
    const plan = planFor(inputs);
    const { results, outputs } = await plan.wait(inputs, reporter, knownTaskIds);
    const record = (extra: Record<string, unknown> = {}) => toPlainJson({ ...inputs, ...outputs, waitedSeconds: waitedSeconds(startedAt), ...extra });
    const verdict = verdictOf(results);
    const what = plan.what;
    switch (verdict.kind) {
        case "error":
            throw new Error(errorMessage(label, what, verdict.result));
        case "not-found":
            throw new Error(notFoundMessage(label, what, verdict.result, inputs.region!));
        case "timeout": {
            const message = timeoutMessage(label, what, verdict.result, inputs.timeout);
            throw partialFailure(id, record({ failureReason: message }), message);
        }
    }
    if (outputs.status === "succeeded") return record();
    const message = redact(`${label}: ${plan.describeFailure(inputs, outputs)}${outputs.requestId ? ` (RequestId ${outputs.requestId})` : ""}`);
    if (inputs.onFailure === "warn") {
        warnFailure(message);
        return record({ failureReason: message });
    }
    throw new Error(message);
}

function parseInputs(raw: Record<string, unknown>): TaskWaiterInputs {
    return parseChecked("TaskWaiter", taskWaiterInputsSchema, taskWaiterRules, raw);
}

function pickInputs(props: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(props).filter(([k]) => INPUT_KEYS.includes(k)));
}

/** Stable and readable: ecs:cn-hangzhou:t-123, bdrc:cn-shanghai:t-456. */
export function waiterId(inputs: TaskWaiterInputs): string {
    return planFor(inputs).id(inputs);
}
