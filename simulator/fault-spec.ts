/**
 * Fault rules: which calls a rule matches, when it fires, and what it does to the answer. The
 * format is the same in process (Simulator.faults.add) and over POST /__sim/faults:
 *
 *   { service: "ecs", action: "DescribeTaskAttribute", nth: [1, 3],
 *     fault: { kind: "throttle", code: "Throttling.User", status: 429, retryAfterMs: 1500 } }
 *   { rate: 0.1, seed: 7, fault: "reset" }
 *   { action: "DescribeTasks", fault: { kind: "mutate", set: { "TaskSet.Task.*.TaskStatus": 3 } } }
 *   { rateLimit: { perSecond: 20, code: "Throttling.User" } }
 *
 * Validation is strict, like the task spec's: an unknown field is an error.
 */
import { FORBIDDEN_SEGMENTS } from "./json-path";
import { randomSeed } from "./random";

export const THROTTLING_CODES = ["Throttling", "Throttling.User", "Throttling.Api", "Rejected.Throttling"] as const;
export type ThrottlingCode = (typeof THROTTLING_CODES)[number];

/** What a rule does to a call it fires on. A bare kind string stands for { kind } with defaults. */
export type FaultSpec =
    /** An API throttling error: Throttling.User (default) as HTTP 400 (default) or 429; x-acs-retry-after in ms if given. */
    | { kind: "throttle"; code?: ThrottlingCode; status?: 400 | 429; retryAfterMs?: number }
    /** 500 InternalError. */
    | { kind: "internalError" }
    /** 503 ServiceUnavailable. */
    | { kind: "serviceUnavailable"; retryAfterMs?: number }
    /** Any API error, e.g. 403 NoPermission or 500 ServerError. */
    | { kind: "error"; status: number; code: string; message?: string; retryAfterMs?: number }
    /** 400 InvalidTimeStamp.Expired, as if the caller's clock were off by more than 15 minutes. */
    | { kind: "clockSkew" }
    /** Adds ms of real time before the call goes on; latencies of several rules add up. */
    | { kind: "latency"; ms: number }
    /** Answers (normally) only after ms of real time, or never; either way stops when the client closes the socket. */
    | { kind: "hang"; ms?: number }
    /** Destroys the connection without an answer (the client sees ECONNRESET). */
    | { kind: "reset" }
    /** The real answer cut to fraction (default 0.5) of its bytes, content-length matching: invalid JSON. */
    | { kind: "truncate"; fraction?: number }
    /** An HTML error page from a gateway, HTTP status default 502. */
    | { kind: "html"; status?: number }
    /** The real success body with fields removed or replaced, by dotted path ("TaskSet.Task.0.TaskStatus", "*" for all). */
    | { kind: "mutate"; remove?: string[]; set?: Record<string, unknown> }
    /** Removes the task (taskId, or every task the call names) from the store, then lets the call go on. */
    | { kind: "vanish"; taskId?: string };

export type FaultKind = FaultSpec["kind"];

/** Throttle calls beyond perSecond per action (sliding second, real time). */
export interface RateLimitSpec {
    perSecond: number;
    /** Default Throttling.User. */
    code?: ThrottlingCode;
    /** Default 400. */
    status?: 400 | 429;
    /** Send x-acs-retry-after (ms until a slot frees up). Default true. */
    retryAfter?: boolean;
}

/** A rule as given. Conditions that are present must all hold for the rule to fire. */
export interface FaultRuleSpec {
    /** Name for GET / DELETE /__sim/faults/<id>; default fault-<n>. */
    id?: string;
    /** Calls of these services ("ecs", "bdrc", "ecd", "sas") only; default all. */
    service?: string | string[];
    /** Calls of these actions ("DescribeTasks", "DescribeTask", ...) only; default all. */
    action?: string | string[];
    /** Only the n-th matching calls (1-based, counted per rule, whatever other rules do). */
    nth?: number[];
    /** Only the first N matching calls. */
    first?: number;
    /** Only matching calls after the first N. */
    after?: number;
    /** Only between fromMs and toMs after the rule was added, on the simulator clock. */
    window?: { fromMs?: number; toMs?: number };
    /** Only with this probability (0..1), drawn from the rule's own seeded random source. */
    rate?: number;
    /** Seed for rate; default random (shown in the rule's view, to repeat a run). */
    seed?: number;
    /** Fire at most this many times, then stay idle. */
    count?: number;
    /** Exactly one of fault and rateLimit. */
    fault?: FaultSpec | FaultKind;
    rateLimit?: RateLimitSpec;
}

/** A validated rule, with defaults filled in. */
export interface FaultRule {
    id: string;
    service?: string[];
    action?: string[];
    nth?: number[];
    first?: number;
    after?: number;
    window?: { fromMs?: number; toMs?: number };
    rate?: number;
    seed: number;
    count?: number;
    fault?: FaultSpec;
    rateLimit?: Required<RateLimitSpec>;
}

export class InvalidFaultRuleError extends Error {}

type Fields = Readonly<Record<string, unknown>>;

function fail(message: string): never {
    throw new InvalidFaultRuleError(message);
}

function object(value: unknown, what: string): Fields {
    if (typeof value !== "object" || value === null || Array.isArray(value)) fail(`${what} must be a JSON object`);
    return value as Fields;
}

function onlyFields(fields: Fields, allowed: readonly string[], what: string): void {
    const unknown = Object.keys(fields).filter((k) => !allowed.includes(k));
    if (unknown.length > 0) fail(`unknown field(s) in ${what}: ${unknown.join(", ")}`);
}

function integer(fields: Fields, name: string, min: number, max: number): number | undefined {
    const value = fields[name];
    if (value === undefined) return undefined;
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) fail(`${name} must be an integer from ${min} to ${max}`);
    return value;
}

function choice<T>(fields: Fields, name: string, choices: readonly T[]): T | undefined {
    const value = fields[name];
    if (value === undefined) return undefined;
    if (!choices.includes(value as T)) fail(`${name} must be one of ${choices.join(", ")}`);
    return value as T;
}

function text(fields: Fields, name: string): string | undefined {
    const value = fields[name];
    if (value === undefined) return undefined;
    if (typeof value !== "string" || value === "") fail(`${name} must be a non-empty string`);
    return value;
}

function names(fields: Fields, name: string): string[] | undefined {
    const value = fields[name];
    if (value === undefined) return undefined;
    const list = Array.isArray(value) ? value : [value];
    if (list.length === 0 || !list.every((v) => typeof v === "string" && v !== "")) fail(`${name} must be a non-empty string or list of them`);
    return list as string[];
}

function jsonPath(path: unknown): string {
    if (typeof path !== "string" || path === "" || path.split(".").some((s) => s === "" || FORBIDDEN_SEGMENTS.includes(s))) {
        fail(`"${String(path)}" is not a usable dotted path`);
    }
    return path;
}

const MAX_DELAY_MS = 60 * 60 * 1000;
const FAULT_FIELDS: Record<FaultKind, readonly string[]> = {
    throttle: ["code", "status", "retryAfterMs"],
    internalError: [],
    serviceUnavailable: ["retryAfterMs"],
    error: ["status", "code", "message", "retryAfterMs"],
    clockSkew: [],
    latency: ["ms"],
    hang: ["ms"],
    reset: [],
    truncate: ["fraction"],
    html: ["status"],
    mutate: ["remove", "set"],
    vanish: ["taskId"],
};

function parseFault(input: unknown): FaultSpec {
    const fields = typeof input === "string" ? { kind: input } : object(input, "fault");
    const kind = choice(fields, "kind", Object.keys(FAULT_FIELDS) as FaultKind[]) ?? fail("fault.kind is required");
    onlyFields(fields, ["kind", ...FAULT_FIELDS[kind]], `a ${kind} fault`);
    const retryAfterMs = integer(fields, "retryAfterMs", 0, MAX_DELAY_MS);
    switch (kind) {
        case "throttle":
            return { kind, code: choice(fields, "code", THROTTLING_CODES), status: choice(fields, "status", [400, 429] as const), retryAfterMs };
        case "serviceUnavailable":
            return { kind, retryAfterMs };
        case "error": {
            const status = integer(fields, "status", 400, 599) ?? fail("an error fault needs a status (400..599)");
            const code = text(fields, "code") ?? fail("an error fault needs a code");
            const message = fields.message;
            if (message !== undefined && typeof message !== "string") fail("message must be a string");
            return { kind, status, code, message, retryAfterMs };
        }
        case "latency":
            return { kind, ms: integer(fields, "ms", 0, MAX_DELAY_MS) ?? fail("a latency fault needs ms") };
        case "hang":
            return { kind, ms: integer(fields, "ms", 0, MAX_DELAY_MS) };
        case "truncate": {
            const fraction = fields.fraction;
            if (fraction !== undefined && (typeof fraction !== "number" || !(fraction >= 0 && fraction < 1)))
                fail("fraction must be a number from 0 to below 1");
            return { kind, fraction };
        }
        case "html":
            return { kind, status: integer(fields, "status", 400, 599) };
        case "mutate": {
            const remove =
                fields.remove === undefined ? [] : Array.isArray(fields.remove) ? fields.remove.map(jsonPath) : fail("remove must be a list of paths");
            const set = fields.set === undefined ? {} : object(fields.set, "set");
            Object.keys(set).forEach(jsonPath);
            if (remove.length === 0 && Object.keys(set).length === 0) fail("a mutate fault needs remove or set");
            return { kind, remove, set: { ...set } };
        }
        case "vanish":
            return { kind, taskId: text(fields, "taskId") };
        default:
            return { kind };
    }
}

function parseRateLimit(input: unknown): Required<RateLimitSpec> {
    const fields = object(input, "rateLimit");
    onlyFields(fields, ["perSecond", "code", "status", "retryAfter"], "rateLimit");
    const retryAfter = fields.retryAfter ?? true;
    if (typeof retryAfter !== "boolean") fail("retryAfter must be a boolean");
    return {
        perSecond: integer(fields, "perSecond", 1, 1_000_000) ?? fail("rateLimit.perSecond is required"),
        code: choice(fields, "code", THROTTLING_CODES) ?? "Throttling.User",
        status: choice(fields, "status", [400, 429] as const) ?? 400,
        retryAfter,
    };
}

const RULE_FIELDS = ["id", "service", "action", "nth", "first", "after", "window", "rate", "seed", "count", "fault", "rateLimit"];

/** Validates an untrusted rule. Throws InvalidFaultRuleError. */
export function parseFaultRule(input: unknown, defaultId: string): FaultRule {
    const fields = object(input, "a fault rule");
    onlyFields(fields, RULE_FIELDS, "a fault rule");
    if ((fields.fault === undefined) === (fields.rateLimit === undefined)) fail("a fault rule needs exactly one of fault and rateLimit");

    const nth = fields.nth;
    if (nth !== undefined && (!Array.isArray(nth) || nth.length === 0 || !nth.every((n) => Number.isInteger(n) && n >= 1))) {
        fail("nth must be a non-empty list of call numbers from 1");
    }
    let window: FaultRule["window"];
    if (fields.window !== undefined) {
        const w = object(fields.window, "window");
        onlyFields(w, ["fromMs", "toMs"], "window");
        window = { fromMs: integer(w, "fromMs", 0, Number.MAX_SAFE_INTEGER), toMs: integer(w, "toMs", 0, Number.MAX_SAFE_INTEGER) };
        if (window.fromMs !== undefined && window.toMs !== undefined && window.fromMs >= window.toMs) fail("window.fromMs must be before window.toMs");
    }
    const rate = fields.rate;
    if (rate !== undefined && (typeof rate !== "number" || !(rate >= 0 && rate <= 1))) fail("rate must be a number from 0 to 1");

    return {
        id: text(fields, "id") ?? defaultId,
        service: names(fields, "service"),
        action: names(fields, "action"),
        nth: nth as number[] | undefined,
        first: integer(fields, "first", 1, Number.MAX_SAFE_INTEGER),
        after: integer(fields, "after", 0, Number.MAX_SAFE_INTEGER),
        window,
        rate,
        seed: integer(fields, "seed", 0, 2 ** 32 - 1) ?? randomSeed(),
        count: integer(fields, "count", 1, Number.MAX_SAFE_INTEGER),
        fault: fields.fault === undefined ? undefined : parseFault(fields.fault),
        rateLimit: fields.rateLimit === undefined ? undefined : parseRateLimit(fields.rateLimit),
    };
}
