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
 * Validation (faultParse.ts) is strict, like the task spec's: an unknown field is an error.
 */
import { InvalidSpecError } from "./problems";

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

/** A fault rule the simulator cannot use: the control API answers 400 naming every bad field. */
export class InvalidFaultRuleError extends InvalidSpecError {}
