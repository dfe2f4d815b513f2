/**
 * Reading fields out of an untrusted task spec (JSON from POST /__sim/tasks, or an object from a
 * test). Every reader throws InvalidTaskSpecError naming the field, so a typo in a test fails
 * loudly instead of creating a task nobody can find.
 */

/** The request is not a valid task spec; the control API answers 400 with the message. */
export class InvalidTaskSpecError extends Error {}

export type SpecObject = Readonly<Record<string, unknown>>;

export function fail(message: string): never {
    throw new InvalidTaskSpecError(message);
}

export function optionalString(spec: SpecObject, name: string): string | undefined {
    const value = spec[name];
    if (value === undefined) return undefined;
    if (typeof value !== "string" || value === "") fail(`${name} must be a non-empty string`);
    return value;
}

/** Any string, the empty one included. */
export function optionalText(spec: SpecObject, name: string): string | undefined {
    const value = spec[name];
    if (value === undefined) return undefined;
    if (typeof value !== "string") fail(`${name} must be a string`);
    return value;
}

/** A string kept as it is (JSON or not), or an object or array that is serialised to JSON. */
export function optionalJsonText(spec: SpecObject, name: string): string | undefined {
    const value = spec[name];
    if (value === undefined || typeof value === "string") return value;
    if (typeof value !== "object" || value === null) fail(`${name} must be a string or a JSON object`);
    return JSON.stringify(value);
}

export function optionalCount(spec: SpecObject, name: string, min: number, max: number): number | undefined {
    const value = spec[name];
    if (value === undefined) return undefined;
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
        fail(`${name} must be an integer from ${min} to ${max}`);
    }
    return value;
}

export function optionalChoice<T extends string>(spec: SpecObject, name: string, choices: readonly T[]): T | undefined {
    const value = spec[name];
    if (value === undefined) return undefined;
    if (!choices.includes(value as T)) fail(`${name} must be one of ${choices.join(", ")}`);
    return value as T;
}

export function optionalBoolean(spec: SpecObject, name: string): boolean | undefined {
    const value = spec[name];
    if (value === undefined) return undefined;
    if (typeof value !== "boolean") fail(`${name} must be a boolean`);
    return value;
}

export function optionalStringList(spec: SpecObject, name: string, maxItems: number): string[] | undefined {
    const value = spec[name];
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.length > maxItems || !value.every((v) => typeof v === "string" && v !== "")) {
        fail(`${name} must be a list of at most ${maxItems} non-empty strings`);
    }
    return [...(value as string[])];
}

/** A string of decimal digits (account ids and Sas export ids are integers too long to trust to a number). */
export function optionalDigits(spec: SpecObject, name: string, maxDigits: number): string | undefined {
    const value = optionalString(spec, name);
    if (value !== undefined && !new RegExp(`^[1-9]\\d{0,${maxDigits - 1}}$`).test(value)) {
        fail(`${name} must be a positive integer of at most ${maxDigits} digits, as a string`);
    }
    return value;
}
