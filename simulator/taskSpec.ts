/**
 * Turning a task request (from POST /__sim/tasks, Simulator.createTask, or an API call such as
 * CreateEcdReportTask) into a task, with the defaults of the service that owns it. The common
 * fields are read here; each service's TaskKind reads its own extra fields into the task's
 * details. Validation is strict: an unknown field is an error.
 */
import type { BdrcTaskFields } from "./bdrcTask";
import type { EcdTaskFields } from "./ecdTask";
import type { SasTaskFields } from "./sasTask";
import { PROGRESS_PROFILES, type ProgressProfile } from "./progressProfile";
import { ProblemList } from "./problems";
import { fail, InvalidTaskSpecError, SpecReader, type SpecObject } from "./specFields";
import { didYouMean } from "./suggest";
import type { NewTask, SimTask, TaskDetails, TaskOutcome } from "./tasks";

export { InvalidTaskSpecError } from "./specFields";

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
     * leave progress out). The timeline is the same whatever the profile. See progressProfile.ts.
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
    /**
     * Reads the extra fields into the task's details. Read them with `fields` (its readers record
     * a bad field and go on, so that one answer names every bad field); a throw (fail()) reports one.
     */
    buildDetails?(spec: SpecObject, task: BaseTask, fields: SpecReader): TaskDetails;
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

/** Where task kinds are found: the registry. */
export interface TaskKinds {
    taskKind(service: string): TaskKind | undefined;
    /** The services that have tasks, for messages. */
    taskServices(): readonly string[];
}

function checkFields(fields: SpecReader, kind: TaskKind | undefined, kinds: TaskKinds): void {
    // Without a service, a field of any service may be meant: only those of none are unknown.
    const others = kind ? [kind] : kinds.taskServices().map((service) => kinds.taskKind(service));
    fields.unknownFields([...COMMON_FIELDS, ...others.flatMap((k) => k?.extraFields ?? [])], kind ? ` for ${kind.service}` : "");
}

/** The counts for the outcome; with no valid outcome (already reported) only their own ranges are checked. */
function operationCounts(fields: SpecReader, outcome: TaskOutcome | undefined): { operations: number; failedOperations: number } {
    const operations = fields.count("operations", 1, MAX_OPERATIONS) ?? (outcome === "partial" ? 2 : 1);
    const requestedFailures = fields.count("failedOperations", 0, MAX_OPERATIONS);
    if (outcome === undefined) return { operations, failedOperations: requestedFailures ?? 0 };
    if (outcome === "partial") {
        if (operations < 2) fields.problems.add("operations", "a partial task needs at least 2 operations: set operations to 2 or more");
        const failedOperations = requestedFailures ?? 1;
        if (failedOperations < 1 || failedOperations >= operations)
            fields.problems.add("failedOperations", "failedOperations must be from 1 to operations - 1");
        return { operations, failedOperations };
    }
    const failedOperations = outcome === "failed" ? operations : 0;
    if (requestedFailures !== undefined && requestedFailures !== failedOperations) {
        fields.problems.add("failedOperations", `failedOperations must be ${failedOperations} for outcome ${outcome} (or left out)`);
    }
    return { operations, failedOperations };
}

/** The service's kind, or undefined once a missing or unknown service is recorded. */
function kindOf(fields: SpecReader, kinds: TaskKinds): TaskKind | undefined {
    const services = kinds.taskServices().join(", ");
    const service = fields.string("service");
    if (service === undefined && fields.spec.service === undefined) fields.problems.add("service", `service is required: one of ${services}`);
    if (service === undefined) return undefined;
    const kind = kinds.taskKind(service);
    if (!kind) fields.problems.add("service", `unknown service "${service}"${didYouMean(service, kinds.taskServices())}: use one of ${services}`);
    return kind;
}

/** The fields of the service's own kind (an action, a region, an outcome it has); undefined for a bad one. */
function kindFields(fields: SpecReader, kind: TaskKind) {
    const action = fields.check("action", () => {
        const action = fields.string("action") ?? kind.defaultAction;
        if (action === undefined && fields.spec.action === undefined) fail(`action is required: one of ${kind.actions.join(", ")}`);
        if (action !== undefined && !kind.actions.includes(action)) fail(`action must be one of ${kind.actions.join(", ")} for ${kind.service}`);
        return action;
    });
    const region = fields.check("region", () => {
        const region = fields.string("region") ?? kind.defaultRegion;
        if (kind.regions.length > 0 && !kind.regions.includes(region)) {
            const choices = kind.regions.length < 10 ? `one of ${kind.regions.join(", ")}` : "an Alibaba Cloud region id such as cn-hangzhou";
            fail(`unknown region "${region}" for ${kind.service}${didYouMean(region, kind.regions)}: use ${choices}`);
        }
        return region;
    });
    const outcome = fields.check("outcome", () => {
        const outcome = fields.spec.outcome as TaskOutcome;
        const guess = typeof outcome === "string" ? didYouMean(outcome, kind.outcomes) : "";
        if (!kind.outcomes.includes(outcome)) fail(`outcome must be one of ${kind.outcomes.join(", ")} for ${kind.service}${guess}`);
        return outcome;
    });
    const taskId = fields.check("taskId", () => {
        const taskId = fields.string("taskId");
        if (taskId !== undefined) kind.checkTaskId?.(taskId);
        return taskId;
    });
    return { action, region, outcome, taskId };
}

/**
 * Validates an untrusted spec and fills in defaults. Throws InvalidTaskSpecError naming every bad
 * field (fields of the service's own are checked once the service is known).
 */
export function buildTask(input: unknown, kinds: TaskKinds): NewTask {
    if (typeof input !== "object" || input === null || Array.isArray(input)) fail('the task spec must be a JSON object such as {"service": "ecs", ...}');
    const fields = new SpecReader(input as SpecObject, new ProblemList());
    const kind = kindOf(fields, kinds);
    checkFields(fields, kind, kinds);
    const own = kind && kindFields(fields, kind);
    const durationMs = fields.count("durationMs", 0, MAX_TIMELINE_MS);
    if (durationMs === undefined && fields.spec.durationMs === undefined) {
        fields.problems.add("durationMs", `durationMs is required: the running time in ms, from 0 to ${MAX_TIMELINE_MS}`);
    }
    const defaults = kind && own?.action ? kind.defaultError(own.action) : { code: "", message: "" };
    // Stand-ins for bad fields let the rest be read; the task is thrown away if anything was bad.
    const base: BaseTask = {
        id: own?.taskId ?? kind?.newTaskId() ?? "",
        service: kind?.service ?? "",
        region: own?.region ?? kind?.defaultRegion ?? "",
        action: own?.action ?? "",
        resourceId: fields.string("resourceId") ?? (kind && own?.action ? kind.defaultResourceId(own.action) : ""),
        queuedMs: fields.count("queuedMs", 0, MAX_TIMELINE_MS) ?? 0,
        durationMs: durationMs ?? 0,
        outcome: own?.outcome ?? "success",
        ...operationCounts(fields, own?.outcome),
        errorCode: fields.string("errorCode") ?? defaults.code,
        errorMsg: fields.string("errorMsg") ?? defaults.message,
        supportCancel: fields.boolean("supportCancel") ?? true,
        progressProfile: fields.choice("progressProfile", PROGRESS_PROFILES) ?? "linear",
    };
    const details = kind?.buildDetails && own?.action !== undefined ? fields.check("", () => kind.buildDetails!(fields.spec, base, fields)) : undefined;
    checkFieldSizes(fields.problems, { ...base, ...details });
    fields.problems.throwIfAny((problems) => new InvalidTaskSpecError(problems));
    return { ...base, details: Object.freeze(details ?? {}) };
}

/** Every field within MAX_TASK_FIELD_BYTES, so that a few huge tasks cannot eat the memory. */
function checkFieldSizes(problems: ProblemList, fields: Readonly<Record<string, unknown>>): void {
    for (const [name, value] of Object.entries(fields)) {
        if (typeof value === "number" || typeof value === "boolean" || value === undefined) continue;
        const bytes = Buffer.byteLength(typeof value === "string" ? value : JSON.stringify(value), "utf8");
        const field = name === "id" ? "taskId" : name;
        if (bytes > MAX_TASK_FIELD_BYTES) problems.add(field, `${field} is over ${MAX_TASK_FIELD_BYTES} bytes (${bytes}): shorten it`);
    }
}
