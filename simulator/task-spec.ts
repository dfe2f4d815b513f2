/**
 * Turning a task request (from POST /__sim/tasks or Simulator.createTask) into a task, with the
 * defaults of the service that owns it. Validation is strict so a typo in a test fails loudly
 * instead of creating a task nobody can find.
 */
import { TASK_OUTCOMES, type NewTask, type TaskOutcome } from "./tasks";

/** What a caller asks for. Only service, action, durationMs and outcome are required. */
export interface TaskSpec {
  service: string;
  action: string;
  region?: string;
  resourceId?: string;
  /** Choose the id yourself; by default the service makes one up (t-xxxxxxxxxxxxxxxxxxxx). */
  taskId?: string;
  /** Time spent queued (ECS status Waiting) before it starts running. Default 0. */
  queuedMs?: number;
  /** Running time, after the queue. */
  durationMs: number;
  outcome: TaskOutcome;
  /** Default 1, or 2 for a partial task. */
  operations?: number;
  /** Only for partial: how many operations fail (1..operations-1, default 1). */
  failedOperations?: number;
  errorCode?: string;
  errorMsg?: string;
  supportCancel?: boolean;
}

/** What a service module registers so that tasks of its kind can be created. */
export interface TaskKind {
  readonly service: string;
  /** Actions that create tasks of this service, e.g. ImportImage. */
  readonly actions: readonly string[];
  /** Regions a task may live in; empty means any. */
  readonly regions: readonly string[];
  readonly defaultRegion: string;
  newTaskId(): string;
  defaultResourceId(action: string): string;
  /** The error code and message failed operations carry when the spec names none. */
  defaultError(action: string): { code: string; message: string };
}

/** The request is not a valid task spec; the control API answers 400 with the message. */
export class InvalidTaskSpecError extends Error {}

const MAX_OPERATIONS = 1000;
const SPEC_FIELDS = new Set([
  "service", "action", "region", "resourceId", "taskId", "queuedMs", "durationMs", "outcome",
  "operations", "failedOperations", "errorCode", "errorMsg", "supportCancel",
]);

function fail(message: string): never {
  throw new InvalidTaskSpecError(message);
}

function optionalString(spec: Record<string, unknown>, name: string): string | undefined {
  const value = spec[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value === "") fail(`${name} must be a non-empty string`);
  return value;
}

function optionalCount(spec: Record<string, unknown>, name: string, min: number, max: number): number | undefined {
  const value = spec[name];
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    fail(`${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

/** Validates an untrusted spec and fills in defaults. Throws InvalidTaskSpecError. */
export function buildTask(input: unknown, kindOf: (service: string) => TaskKind | undefined): NewTask {
  if (typeof input !== "object" || input === null || Array.isArray(input)) fail("the task spec must be a JSON object");
  const spec = input as Record<string, unknown>;
  const unknownFields = Object.keys(spec).filter((k) => !SPEC_FIELDS.has(k));
  if (unknownFields.length > 0) fail(`unknown field(s): ${unknownFields.join(", ")}`);

  const service = optionalString(spec, "service") ?? fail("service is required");
  const kind = kindOf(service) ?? fail(`unknown service "${service}"`);
  const action = optionalString(spec, "action") ?? fail("action is required");
  if (!kind.actions.includes(action)) fail(`action must be one of ${kind.actions.join(", ")} for ${service}`);

  const region = optionalString(spec, "region") ?? kind.defaultRegion;
  if (kind.regions.length > 0 && !kind.regions.includes(region)) fail(`unknown region "${region}" for ${service}`);

  const durationMs = optionalCount(spec, "durationMs", 0, Number.MAX_SAFE_INTEGER) ?? fail("durationMs is required");
  const queuedMs = optionalCount(spec, "queuedMs", 0, Number.MAX_SAFE_INTEGER) ?? 0;

  const outcome = spec.outcome;
  if (!TASK_OUTCOMES.includes(outcome as TaskOutcome)) fail(`outcome must be one of ${TASK_OUTCOMES.join(", ")}`);
  const typedOutcome = outcome as TaskOutcome;

  const operations = optionalCount(spec, "operations", 1, MAX_OPERATIONS) ?? (typedOutcome === "partial" ? 2 : 1);
  const requestedFailures = optionalCount(spec, "failedOperations", 0, MAX_OPERATIONS);
  let failedOperations: number;
  if (typedOutcome === "partial") {
    if (operations < 2) fail("a partial task needs at least 2 operations");
    failedOperations = requestedFailures ?? 1;
    if (failedOperations < 1 || failedOperations >= operations) fail("failedOperations must be from 1 to operations - 1");
  } else {
    failedOperations = typedOutcome === "failed" ? operations : 0;
    if (requestedFailures !== undefined && requestedFailures !== failedOperations) {
      fail(`failedOperations must be ${failedOperations} for outcome ${typedOutcome} (or left out)`);
    }
  }

  const supportCancel = spec.supportCancel ?? true;
  if (typeof supportCancel !== "boolean") fail("supportCancel must be a boolean");

  const defaults = kind.defaultError(action);
  return {
    id: optionalString(spec, "taskId") ?? kind.newTaskId(),
    service,
    region,
    action,
    resourceId: optionalString(spec, "resourceId") ?? kind.defaultResourceId(action),
    queuedMs,
    durationMs,
    outcome: typedOutcome,
    operations,
    failedOperations,
    errorCode: optionalString(spec, "errorCode") ?? defaults.code,
    errorMsg: optionalString(spec, "errorMsg") ?? defaults.message,
    supportCancel,
  };
}
