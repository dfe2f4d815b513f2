import type * as dynamic from "@pulumi/pulumi/dynamic";
import { TaskWaiterInputs, bdrcTaskWaiterSchema, ecsTaskWaiterSchema, taskWaiterInputsSchema, taskWaiterRules } from "../inputs";
import { regionProblem } from "../services/registry";
import { isTerminalStatus, taskStatusSchema } from "../services/snapshot";
import type { ConfigSource } from "../client/credentials";
import { bdrcPlan } from "./bdrcWait";
import { ecsPlan } from "./ecsWait";
import { errorMessage, notFoundMessage, partialFailure, resourceLabel, timeoutMessage, verdictOf } from "./outcome";
import type { PlanOutputs, WaiterPlan } from "./plan";
import { ProgressReporter, writeLine } from "./progress";
import { REGION_SOURCES, configureProvider, providerSettings, redact } from "./runtime";
import { UNKNOWN_VALUE, toPlainJson, validateInputs } from "./validate";

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
    const validation = validateInputs(taskWaiterInputsSchema, news, taskWaiterRules);
    const failures = [...validation.failures];
    const inputs: Record<string, unknown> = validation.value ? { ...validation.value } : stripInternal(news);
    if (inputs.region === undefined) {
        const region = providerSettings().defaultRegion;
        if (region) inputs.region = region;
        else failures.push({ property: "region", reason: `no region: set one of ${REGION_SOURCES.join(", ")}` });
    }
    const problem = regionCheck(inputs);
    if (problem) failures.push({ property: "region", reason: problem });
    return { inputs, failures };
}

export async function diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<dynamic.DiffResult> {
    const replaces = REPLACE_KEYS.filter((k) => differs(olds[k], news[k]));
    const optionsChanged = INPUT_KEYS.filter((k) => !REPLACE_KEYS.includes(k)).some((k) => differs(olds[k], news[k]));
    // a wait that timed out is unfinished: report a change so the engine calls update, which resumes it
    const unfinished = typeof olds.status === "string" && !isTerminalStatus(taskStatusSchema.catch("pending").parse(olds.status));
    return { changes: replaces.length > 0 || optionsChanged || unfinished, replaces, deleteBeforeReplace: false };
}

export async function create(raw: Record<string, unknown>): Promise<dynamic.CreateResult> {
    const inputs = parseInputs(raw);
    const id = waiterId(inputs);
    return { id, outs: await waitAndRecord(id, inputs) };
}

export async function update(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<dynamic.UpdateResult> {
    const inputs = parseInputs(news);
    const oldStatus = taskStatusSchema.safeParse(olds.status);
    if (oldStatus.success && isTerminalStatus(oldStatus.data)) {
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
    const record = (extra: Record<string, unknown> = {}) =>
        toPlainJson({ ...inputs, ...outputs, waitedSeconds: Math.round((Date.now() - startedAt) / 100) / 10, ...extra });
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
        writeLine(`warning: ${message} (onFailure "warn": the deployment goes on; dependents can read status)`);
        return record({ failureReason: message });
    }
    throw new Error(message);
}

function parseInputs(raw: Record<string, unknown>): TaskWaiterInputs {
    const validation = validateInputs(taskWaiterInputsSchema, stripInternal(raw), taskWaiterRules);
    if (!validation.value) {
        const detail = validation.failures.map((f) => `${f.property}: ${f.reason}`).join("; ");
        throw new Error(`invalid TaskWaiter inputs: ${detail || "unknown values"}`);
    }
    if (!validation.value.region) throw new Error(`TaskWaiter: no region: set one of ${REGION_SOURCES.join(", ")}`);
    return validation.value;
}

function pickInputs(props: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(props).filter(([k]) => INPUT_KEYS.includes(k)));
}

function stripInternal(raw: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(raw ?? {}).filter(([k]) => k !== "__provider"));
}

function differs(a: unknown, b: unknown): boolean {
    if (b === UNKNOWN_VALUE) return true;
    return JSON.stringify(a ?? null) !== JSON.stringify(b ?? null);
}

/** Stable and readable: ecs:cn-hangzhou:t-123, bdrc:cn-shanghai:t-456. */
export function waiterId(inputs: TaskWaiterInputs): string {
    return planFor(inputs).id(inputs);
}

/** A region the service has no endpoint in fails at preview, unless an endpoint override serves every region. */
function regionCheck(inputs: Record<string, unknown>): string | undefined {
    const { service, region } = inputs;
    if (typeof region !== "string" || region === UNKNOWN_VALUE || (service !== "ecs" && service !== "bdrc")) return undefined;
    return regionProblem(service, region, providerSettings().endpointOverride);
}
