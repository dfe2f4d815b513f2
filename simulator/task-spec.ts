/**
 * Turning a task request (from POST /__sim/tasks, Simulator.createTask, or an API call such as
 * CreateEcdReportTask) into a task, with the defaults of the service that owns it. The common
 * fields are read here; each service's TaskKind reads its own extra fields into the task's
 * details. Validation is strict: an unknown field is an error.
 */
import type { BdrcTaskFields } from "./bdrc-task";
import type { EcdTaskFields } from "./ecd-task";
import type { SasTaskFields } from "./sas-task";
import { PROGRESS_PROFILES, type ProgressProfile } from "./progress-profile";
import { fail, optionalBoolean, optionalChoice, optionalCount, optionalString, type SpecObject } from "./spec-fields";
import type { NewTask, SimTask, TaskDetails, TaskOutcome } from "./tasks";

export { InvalidTaskSpecError } from "./spec-fields";

/** The fields every service understands. Only service, durationMs and outcome are always required. */
export interface CommonTaskFields {
    service: string;
    /** The operation that made the task. Required for ECS; the other services have a default. */
    action?: string;
    region?: string;
    resourceId?: string;
    /** Choose the id yourself; by default the service makes one up (ECS t-..., ECD ret-..., Sas an integer). */
    taskId?: string;
    /** Time spent queued (ECS Waiting, bdrc CREATED, ECD INIT, Sas init) before it runs. Default 0. */
    queuedMs?: number;
    /** Running time, after the queue. For a stuck task: the time its progress takes to reach 99%. */
    durationMs: number;
    outcome: TaskOutcome;
    /** ECS: default 1, or 2 for a partial task. */
    operations?: number;
    /** ECS, only for partial: how many operations fail (1..operations-1, default 1). */
    failedOperations?: number;
    /** The error a failed task reports (ECS operations, bdrc ErrorMessage, ECD ErrorCode / ErrorMsg). */
    errorCode?: string;
    errorMsg?: string;
    /** ECS SupportCancel. Default true. */
    supportCancel?: boolean;
    /**
     * How the reported progress moves while the task runs: "linear" (default), "s-curve", "jump"
     * (0 until done), "stall" (rises, falls back, stalls, then climbs faster) or "none" (the APIs
     * leave progress out). The timeline is the same whatever the profile. See progress-profile.ts.
     */
    progressProfile?: ProgressProfile;
}

/** What a caller asks for: the common fields plus those of the task's service. */
export type TaskSpec = CommonTaskFields & BdrcTaskFields & EcdTaskFields & SasTaskFields;

/** The common fields, as the service's buildDetails sees them once validated. */
export type BaseTask = Omit<NewTask, "details">;

/** What a service module registers so that tasks of its kind can be created. */
export interface TaskKind {
    readonly service: string;
    /** Actions that create tasks of this service, e.g. ImportImage. */
    readonly actions: readonly string[];
    /** The action a spec without one gets; without a default, action is required. */
    readonly defaultAction?: string;
    /** The outcomes this service's tasks can have. */
    readonly outcomes: readonly TaskOutcome[];
    /** Regions a task may live in; empty means any. */
    readonly regions: readonly string[];
    readonly defaultRegion: string;
    newTaskId(): string;
    /** Refuses (with fail()) an id the service could not have made, e.g. a non-integer Sas export id. */
    checkTaskId?(id: string): void;
    defaultResourceId(action: string): string;
    /** The error code and message a failed task carries when the spec names none. */
    defaultError(action: string): { code: string; message: string };
    /** Spec fields of this service beyond the common ones. */
    readonly extraFields?: readonly string[];
    /** Reads the extra fields (throwing with fail()) into the task's details. */
    buildDetails?(spec: SpecObject, task: BaseTask): TaskDetails;
    /** The status word the service's API shows for the task now. */
    statusOf(task: SimTask, now: number): string;
    /** Timeline of a task an API call creates, before any template: e.g. queued 2 s, 30 s, success. */
    readonly apiTaskDefaults?: Partial<TaskSpec>;
}

const MAX_OPERATIONS = 1000;
/** Bytes one text field of a task may take (as UTF-8; an object field as its JSON). */
export const MAX_TASK_FIELD_BYTES = 64 * 1024;
/** The longest queue, and the longest run: ten years (longer ones would end past the last date). */
export const MAX_TIMELINE_MS = 10 * 365 * 24 * 60 * 60 * 1000;
const COMMON_FIELDS = new Set([
    "service",
    "action",
    "region",
    "resourceId",
    "taskId",
    "queuedMs",
    "durationMs",
    "outcome",
    "operations",
    "failedOperations",
    "errorCode",
    "errorMsg",
    "supportCancel",
    "progressProfile",
]);

function checkFields(spec: SpecObject, kind: TaskKind | undefined): void {
    const allowed = (field: string) => COMMON_FIELDS.has(field) || (kind?.extraFields ?? []).includes(field);
    const unknownFields = Object.keys(spec).filter((k) => !allowed(k));
    if (unknownFields.length > 0) fail(`unknown field(s)${kind ? ` for ${kind.service}` : ""}: ${unknownFields.join(", ")}`);
}

function operationCounts(spec: SpecObject, outcome: TaskOutcome): { operations: number; failedOperations: number } {
    const operations = optionalCount(spec, "operations", 1, MAX_OPERATIONS) ?? (outcome === "partial" ? 2 : 1);
    const requestedFailures = optionalCount(spec, "failedOperations", 0, MAX_OPERATIONS);
    if (outcome === "partial") {
        if (operations < 2) fail("a partial task needs at least 2 operations");
        const failedOperations = requestedFailures ?? 1;
        if (failedOperations < 1 || failedOperations >= operations) fail("failedOperations must be from 1 to operations - 1");
        return { operations, failedOperations };
    }
    const failedOperations = outcome === "failed" ? operations : 0;
    if (requestedFailures !== undefined && requestedFailures !== failedOperations) {
        fail(`failedOperations must be ${failedOperations} for outcome ${outcome} (or left out)`);
    }
    return { operations, failedOperations };
}

/** Validates an untrusted spec and fills in defaults. Throws InvalidTaskSpecError. */
export function buildTask(input: unknown, kindOf: (service: string) => TaskKind | undefined): NewTask {
    if (typeof input !== "object" || input === null || Array.isArray(input)) fail("the task spec must be a JSON object");
    const spec = input as SpecObject;
    const service = optionalString(spec, "service");
    const kind = service === undefined ? undefined : kindOf(service);
    checkFields(spec, kind);
    if (service === undefined) fail("service is required");
    if (!kind) fail(`unknown service "${service}"`);

    const action = optionalString(spec, "action") ?? kind.defaultAction ?? fail("action is required");
    if (!kind.actions.includes(action)) fail(`action must be one of ${kind.actions.join(", ")} for ${service}`);

    const region = optionalString(spec, "region") ?? kind.defaultRegion;
    if (kind.regions.length > 0 && !kind.regions.includes(region)) {
        fail(`unknown region "${region}" for ${service}${kind.regions.length < 10 ? ` (one of ${kind.regions.join(", ")})` : ""}`);
    }

    const durationMs = optionalCount(spec, "durationMs", 0, MAX_TIMELINE_MS) ?? fail("durationMs is required");
    const queuedMs = optionalCount(spec, "queuedMs", 0, MAX_TIMELINE_MS) ?? 0;

    const outcome = spec.outcome as TaskOutcome;
    if (!kind.outcomes.includes(outcome)) fail(`outcome must be one of ${kind.outcomes.join(", ")} for ${service}`);

    const taskId = optionalString(spec, "taskId");
    if (taskId !== undefined) kind.checkTaskId?.(taskId);

    const defaults = kind.defaultError(action);
    const base: BaseTask = {
        id: taskId ?? kind.newTaskId(),
        service,
        region,
        action,
        resourceId: optionalString(spec, "resourceId") ?? kind.defaultResourceId(action),
        queuedMs,
        durationMs,
        outcome,
        ...operationCounts(spec, outcome),
        errorCode: optionalString(spec, "errorCode") ?? defaults.code,
        errorMsg: optionalString(spec, "errorMsg") ?? defaults.message,
        supportCancel: optionalBoolean(spec, "supportCancel") ?? true,
        progressProfile: optionalChoice(spec, "progressProfile", PROGRESS_PROFILES) ?? "linear",
    };
    const task = { ...base, details: Object.freeze(kind.buildDetails?.(spec, base) ?? {}) };
    checkFieldSizes({ ...base, ...task.details });
    return task;
}

/** Every field within MAX_TASK_FIELD_BYTES, so that a few huge tasks cannot eat the memory. */
function checkFieldSizes(fields: Readonly<Record<string, unknown>>): void {
    for (const [name, value] of Object.entries(fields)) {
        if (typeof value === "number" || typeof value === "boolean" || value === undefined) continue;
        const bytes = Buffer.byteLength(typeof value === "string" ? value : JSON.stringify(value), "utf8");
        if (bytes > MAX_TASK_FIELD_BYTES) fail(`${name} is over ${MAX_TASK_FIELD_BYTES} bytes (${bytes})`);
    }
}
