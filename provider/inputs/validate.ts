import type { z } from "zod";
import { WaitDurations, parseWaitDurations } from "./durations";

/** What `check` reports per property, shown by `pulumi preview` next to the property. */
export interface CheckFailure {
    property: string;
    reason: string;
}

/**
 * A rule across properties ("set only one of ..."). The schemas judge each property; a resource's
 * rules judge how they go together, and `validateInputs` runs both, so that `check` reports every
 * problem at once (zod would skip an object refinement once a property failed). A rule only looks
 * at which keys are set, so an invalid value cannot break it.
 */
export type CrossFieldRule = (value: Record<string, unknown>, context?: RuleContext) => { path: string; message: string }[];

/** What a caller adds that a rule may depend on: the wait command's `--endpoint` is somewhere to send a request. */
export interface RuleContext {
    endpointOption?: string;
}

/** The value Pulumi passes for an input that is not known yet (during preview). */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Keys the engine or the resource class add that are not user inputs. */
const INTERNAL_KEYS = new Set(["__provider"]);

interface Validation<T> {
    /** The parsed inputs with defaults applied; undefined when invalid or when some value is unknown. */
    value?: T;
    /** With the value: its durations, parsed (the one parse of timeout and pollInterval). */
    durations?: WaitDurations;
    failures: CheckFailure[];
    hasUnknowns: boolean;
}

/**
 * Validates raw inputs with a zod schema (each property), their durations (durations.ts) and the
 * resource's cross-field rules (how they go together), all problems at once. A value that is unknown at preview is not judged (its
 * issues are dropped) but still counts as set, so "set only one of" rules keep working.
 */
export function validateInputs<S extends z.ZodType>(
    schema: S,
    raw: Record<string, unknown>,
    rules?: CrossFieldRule,
    context: RuleContext = {},
): Validation<z.output<S>> {
    const inputs = Object.fromEntries(Object.entries(raw ?? {}).filter(([k]) => !INTERNAL_KEYS.has(k)));
    const unknownPaths = findUnknownPaths(inputs, []);
    const result = schema.safeParse(inputs);
    const { durations, issues } = parseWaitDurations(inputs, UNKNOWN_VALUE);
    const ruleFailures = [...issues, ...(rules?.(inputs, context) ?? []).filter((issue) => !unknownPaths.some((p) => p[0] === issue.path))].map((issue) => ({
        property: issue.path,
        reason: issue.message,
    }));
    if (result.success) {
        const usable = ruleFailures.length === 0 && unknownPaths.length === 0;
        return {
            value: usable ? result.data : undefined,
            durations: usable ? durations : undefined,
            failures: ruleFailures,
            hasUnknowns: unknownPaths.length > 0,
        };
    }
    const failures: CheckFailure[] = [];
    for (const issue of result.error.issues) {
        if (issue.code === "unrecognized_keys") {
            for (const key of issue.keys) {
                failures.push({
                    property: propertyPath([...issue.path, key]),
                    reason: `unknown property: remove it (check the spelling against the documented inputs)`,
                });
            }
            continue;
        }
        if (unknownPaths.some((p) => isPrefix(p, issue.path))) continue;
        failures.push({ property: propertyPath(issue.path) || "service", reason: issue.message });
    }
    return { failures: dedupe([...failures, ...ruleFailures]), hasUnknowns: unknownPaths.length > 0 };
}

/** Pulumi's property path syntax: pollInterval.min, taskIds[3]. */
function propertyPath(path: readonly PropertyKey[]): string {
    return path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i > 0 ? "." : ""}${String(p)}`)).join("");
}

/** Unknowns deeper than this are not looked for: no input nests so deep, and the schemas refuse values that do. */
const MAX_UNKNOWN_DEPTH = 64;

/** Where the inputs hold a value unknown at preview; without recursion, so that a value nested 20,000 deep is a property error, not a stack overflow. */
function findUnknownPaths(value: unknown, path: PropertyKey[]): PropertyKey[][] {
    const found: PropertyKey[][] = [];
    const stack: [unknown, PropertyKey[]][] = [[value, path]];
    while (stack.length > 0) {
        const [node, at] = stack.pop()!;
        if (node === UNKNOWN_VALUE) found.push(at);
        else if (node && typeof node === "object" && at.length < MAX_UNKNOWN_DEPTH)
            for (const [k, v] of Object.entries(node)) stack.push([v, [...at, Array.isArray(node) ? Number(k) : k]]);
    }
    return found.reverse();
}

function isPrefix(prefix: readonly PropertyKey[], path: readonly PropertyKey[]): boolean {
    return prefix.length <= path.length && prefix.every((p, i) => p === path[i]);
}

function dedupe(failures: CheckFailure[]): CheckFailure[] {
    const seen = new Set<string>();
    return failures.filter((f) => {
        const key = `${f.property}\u0000${f.reason}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
    });
}
