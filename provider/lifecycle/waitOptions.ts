import { BackoffPolicy, DEFAULT_BACKOFF } from "../engine/backoff";
import { parseDuration } from "../engine/duration";
import type { TaskWaiterInputs } from "../inputs";

export type EcsInputs = Extract<TaskWaiterInputs, { service: "ecs" }>;

interface HasPollInterval {
    pollInterval?: { min?: string; max?: string };
}

/** The backoff a resource's pollInterval asks for, on top of the documented defaults. */
export function backoffOf(inputs: HasPollInterval): BackoffPolicy {
    const minMs = inputs.pollInterval?.min ? parseDuration(inputs.pollInterval.min)! : DEFAULT_BACKOFF.minMs;
    const maxMs = inputs.pollInterval?.max ? parseDuration(inputs.pollInterval.max)! : Math.max(DEFAULT_BACKOFF.maxMs, minMs);
    return { ...DEFAULT_BACKOFF, minMs, maxMs: Math.max(minMs, maxMs) };
}
