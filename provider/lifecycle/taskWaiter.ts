import { createHash } from "crypto";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { TaskWaiterInputs, ecsTaskWaiterSchema, taskWaiterInputsSchema, taskWaiterRules } from "../inputs";
import { isTerminalStatus, taskStatusSchema } from "../services/snapshot";
import type { ConfigSource } from "../client/credentials";
import { EcsInputs } from "./waitOptions";
import { describeEcsFailures, ecsOutputs, readEcsOnce, waitForEcs } from "./ecsWait";
import { errorMessage, notFoundMessage, partialFailure, resourceLabel, timeoutMessage, verdictOf } from "./outcome";
import { ProgressReporter, writeLine } from "./progress";
import { REGION_SOURCES, configureProvider, providerSettings, redact } from "./runtime";
import { UNKNOWN_VALUE, toPlainJson, validateInputs } from "./validate";

/** What the TaskWaiter provider's methods do. The provider object itself only forwards here. */

/** Changing what is waited on is a new wait: replace. The rest are options: update in place. */
const REPLACE_KEYS = ["service", "region", "taskId", "taskIds", "resourceIds", "taskAction"];
const INPUT_KEYS = Object.keys(ecsTaskWaiterSchema.shape);

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
    return { outs: await waitAndRecord(id, inputs, recordedTaskIds(olds)) };
}

export async function read(id: string, props: Record<string, unknown>): Promise<dynamic.ReadResult> {
    const inputs = parseInputs(pickInputs(props));
    const taskIds = recordedTaskIds(props) ?? [];
    if (taskIds.length === 0) return { id, props };
    const snapshots = await readEcsOnce(inputs as EcsInputs, taskIds);
    const previous = new Map(((props.tasks as { taskId: string }[]) ?? []).map((t) => [t.taskId, t]));
    const missing = taskIds.filter((t) => !snapshots.has(t));
    const outputs = ecsOutputs(inputs as EcsInputs, taskIds, snapshots);
    // a task gone from the history keeps what was last recorded about it
    outputs.tasks = outputs.tasks.map((t) => (missing.includes(t.taskId) && previous.has(t.taskId) ? (previous.get(t.taskId) as typeof t) : t));
    return { id, props: toPlainJson({ ...props, ...outputs, status: missing.length === taskIds.length ? props.status : outputs.status }) };
}

export async function remove(): Promise<void> {
    // waiting leaves nothing behind in the cloud
}

async function waitAndRecord(id: string, inputs: TaskWaiterInputs, knownTaskIds?: string[]): Promise<Record<string, unknown>> {
    const label = resourceLabel("TaskWaiter", inputs.resourceName);
    const startedAt = Date.now();
    const reporter = new ProgressReporter(label, startedAt);
    const ecs = inputs as EcsInputs;
    const waited = await waitForEcs(ecs, reporter, knownTaskIds);
    const snapshots = new Map(waited.results.map((r) => [r.taskId, r.snapshot]));
    const outputs = ecsOutputs(ecs, waited.taskIds, snapshots);
    const record = (extra: Record<string, unknown> = {}) =>
        toPlainJson({ ...inputs, ...outputs, waitedSeconds: Math.round((Date.now() - startedAt) / 100) / 10, ...extra });
    const verdict = verdictOf(waited.results);
    const what = "ECS task";
    switch (verdict.kind) {
        case "error":
            throw new Error(errorMessage(label, what, verdict.result));
        case "not-found":
            throw new Error(notFoundMessage(label, what, verdict.result, ecs.region!));
        case "timeout": {
            const message = timeoutMessage(label, what, verdict.result, inputs.timeout);
            throw partialFailure(id, record({ failureReason: message }), message);
        }
    }
    if (outputs.status === "succeeded") return record();
    const message = redact(`${label}: ${describeEcsFailures(outputs)}${outputs.requestId ? ` (RequestId ${outputs.requestId})` : ""}`);
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

function recordedTaskIds(props: Record<string, unknown>): string[] | undefined {
    const tasks = props.tasks;
    if (!Array.isArray(tasks) || tasks.length === 0) return undefined;
    return tasks.map((t) => String((t as { taskId: unknown }).taskId));
}

function differs(a: unknown, b: unknown): boolean {
    if (b === UNKNOWN_VALUE) return true;
    return JSON.stringify(a ?? null) !== JSON.stringify(b ?? null);
}

/** Stable and readable: ecs:cn-hangzhou:t-123; long lists are shortened with a hash. */
export function waiterId(inputs: TaskWaiterInputs): string {
    const ecs = inputs as EcsInputs;
    const ids = ecs.taskId ? [ecs.taskId] : ecs.taskIds ?? ecs.resourceIds!.map((r) => `${ecs.taskAction}@${r}`);
    const selector = ids.length <= 3 ? ids.join(",") : `${ids[0]}+${ids.length - 1}-${createHash("sha256").update(ids.join(",")).digest("hex").slice(0, 8)}`;
    return `${inputs.service}:${inputs.region}:${selector}`;
}
