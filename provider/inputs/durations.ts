import { parseDuration } from "../engine/duration";
import { quoteInput } from "./quote";

/**
 * The wait options' durations (timeout, pollInterval.min and .max), parsed once when the inputs are
 * validated: the issues `check` reports, and the milliseconds every later step of a wait uses
 * (wait/options.ts). The schemas only say that they are strings.
 */
export interface WaitDurations {
    timeoutMs: number;
    minMs?: number;
    maxMs?: number;
}

const MIN_TIMEOUT_MS = 1000;
const MAX_TIMEOUT_MS = 24 * 3_600_000;
const MIN_INTERVAL_MS = 100;
/** The documented default of `timeout`. */
export const DEFAULT_TIMEOUT = "30m";

type Issue = { path: string; message: string };

/** `unknown`: a value Pulumi does not know yet at preview, which is not judged. */
export function parseWaitDurations(value: Record<string, unknown>, unknown: string): { durations?: WaitDurations; issues: Issue[] } {
    const issues: Issue[] = [];
    const read = (path: string, text: unknown, bounds: { min: number; minText: string; max?: number; maxText?: string }): number | undefined => {
        // not a string: the schema says so; unknown at preview: not judged
        if (typeof text !== "string" || text === unknown) return undefined;
        const ms = parseDuration(text);
        if (ms === undefined) {
            issues.push({
                path,
                message: `${quoteInput(text)} is not a duration: use a number with a unit, such as "30s", "45m" or "1h30m" (units h, m, s, ms: each unit once, largest first)`,
            });
        } else if (ms < bounds.min) issues.push({ path, message: bounds.minText });
        else if (bounds.max !== undefined && ms > bounds.max) issues.push({ path, message: bounds.maxText! });
        return ms;
    };
    const timeoutMs = read("timeout", value.timeout ?? DEFAULT_TIMEOUT, {
        min: MIN_TIMEOUT_MS,
        minText: "must be at least 1s",
        max: MAX_TIMEOUT_MS,
        maxText: "must be at most 24h: a longer wait belongs to a later `pulumi up`, which resumes it",
    });
    const poll = value.pollInterval && typeof value.pollInterval === "object" ? (value.pollInterval as Record<string, unknown>) : {};
    const interval = { min: MIN_INTERVAL_MS, minText: "must be at least 100ms" };
    const minMs = read("pollInterval.min", poll.min, interval);
    const maxMs = read("pollInterval.max", poll.max, interval);
    // both given as text (zod judged min <= max on any two strings, durations or not)
    if (typeof poll.min === "string" && typeof poll.max === "string" && poll.min && poll.max && poll.min !== unknown && poll.max !== unknown) {
        if (!(minMs! <= maxMs!)) issues.push({ path: "pollInterval.min", message: "min must not be longer than max" });
    }
    return { durations: issues.length === 0 && timeoutMs !== undefined ? { timeoutMs, minMs, maxMs } : undefined, issues };
}
