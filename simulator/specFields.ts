/**
 * Reading fields out of an untrusted task spec (JSON from POST /__sim/tasks, or an object from a
 * test). A SpecReader reads each field on its own and records a bad one (naming it and what it
 * takes) instead of stopping, so that one answer names every bad field; a typo in a test fails
 * loudly instead of creating a task nobody can find.
 */
import { InvalidSpecError, type ProblemList } from "./problems";
import { didYouMean } from "./suggest";

/** The request is not a valid task spec; the control API answers 400 with the message and the problems. */
export class InvalidTaskSpecError extends InvalidSpecError {}

export type SpecObject = Readonly<Record<string, unknown>>;

export function fail(message: string): never {
    throw new InvalidTaskSpecError(message);
}

/**
 * The fields of one spec object; each reader returns undefined for a field that is absent or bad
 * (and records why). `path` places a nested object ("fault." for a fault rule's fault): messages
 * and problems name its fields in full.
 */
export class SpecReader {
    constructor(
        readonly spec: SpecObject,
        readonly problems: ProblemList,
        readonly path = "",
    ) {}

    /** A check of `field` that may fail(): its result, or undefined once the failure is recorded. */
    check<T>(field: string, reader: () => T): T | undefined {
        return this.problems.read(`${this.path}${field}`, reader);
    }

    /** Records each field not in `known`, with the nearest known name. `owner` ends the message ("for ecs"). */
    unknownFields(known: readonly string[], owner = ""): void {
        for (const name of Object.keys(this.spec).filter((k) => !known.includes(k))) {
            this.problems.add(`${this.path}${name}`, `unknown field ${this.path}${name}${owner}${didYouMean(name, known)}: remove it`);
        }
    }

    private value<T>(name: string, read: (value: unknown, field: string) => T): T | undefined {
        return this.check(name, () => (this.spec[name] === undefined ? undefined : read(this.spec[name], `${this.path}${name}`)));
    }

    string(name: string): string | undefined {
        return this.value(name, (v, field) => (typeof v === "string" && v !== "" ? v : fail(`${field} must be a non-empty string`)));
    }

    /** Any string, the empty one included. */
    text(name: string): string | undefined {
        return this.value(name, (v, field) => (typeof v === "string" ? v : fail(`${field} must be a string`)));
    }

    /** A string kept as it is (JSON or not), or an object or array that is serialised to JSON. */
    jsonText(name: string): string | undefined {
        return this.value(name, (v, field) =>
            typeof v === "string" ? v : typeof v === "object" && v !== null ? JSON.stringify(v) : fail(`${field} must be a string or a JSON object`),
        );
    }

    count(name: string, min: number, max: number): number | undefined {
        return this.value(name, (v, field) =>
            typeof v === "number" && Number.isInteger(v) && v >= min && v <= max ? v : fail(`${field} must be an integer from ${min} to ${max}`),
        );
    }

    choice<T extends string | number>(name: string, choices: readonly T[]): T | undefined {
        const names = choices.map(String);
        return this.value(name, (v, field) =>
            choices.includes(v as T) ? (v as T) : fail(`${field} must be one of ${names.join(", ")}${typeof v === "string" ? didYouMean(v, names) : ""}`),
        );
    }

    boolean(name: string): boolean | undefined {
        return this.value(name, (v, field) => (typeof v === "boolean" ? v : fail(`${field} must be a boolean: true or false`)));
    }

    stringList(name: string, maxItems: number): string[] | undefined {
        return this.value(name, (v, field) =>
            Array.isArray(v) && v.length <= maxItems && v.every((item) => typeof item === "string" && item !== "")
                ? [...(v as string[])]
                : fail(`${field} must be a list of at most ${maxItems} non-empty strings`),
        );
    }

    /** A string of decimal digits (account ids and Sas export ids are integers too long to trust to a number). */
    digits(name: string, maxDigits: number): string | undefined {
        return this.value(name, (v, field) =>
            typeof v === "string" && new RegExp(`^[1-9]\\d{0,${maxDigits - 1}}$`).test(v)
                ? v
                : fail(`${field} must be a positive integer of at most ${maxDigits} digits, as a string`),
        );
    }
}
