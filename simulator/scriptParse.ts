/**
 * Reading an API script (scriptedApi.ts) from untrusted JSON: POST /__sim/apis and
 * Simulator.scriptApi. Every bad field is recorded, so that one answer names them all.
 */
import { ProblemList } from "./problems";
import { InvalidTaskSpecError, SpecReader } from "./specFields";

/** A script the simulator cannot use: the control API answers 400 with the message. */
export class InvalidScriptError extends InvalidTaskSpecError {}

export interface ScriptedAnswer {
    /** When this answer starts, in ms after registration (simulator clock). The first defaults to 0. */
    atMs?: number;
    /** The success body (RequestId is added unless it has one). */
    body?: Record<string, unknown>;
    /** An API error instead: its code, message and HTTP status (default 400). */
    error?: { code: string; message?: string; status?: number };
}

export interface ScriptedApiSpec {
    /** Product code for the Recommend link of errors, e.g. "Ecs". */
    product?: string;
    version: string;
    /** RPC: the action. */
    action?: string;
    /** ROA: method (default GET) and path; {Name} in the path matches one segment. */
    method?: string;
    path?: string;
    /** Only requests whose parameters (RPC), or query and path parameters (ROA), have these values. */
    match?: Record<string, string>;
    answers: ScriptedAnswer[];
}

export interface ScriptedApiView extends ScriptedApiSpec {
    id: string;
    registeredAt: string;
    /** Calls answered by this script so far. */
    calls: number;
}

const VERSION = /^\d{4}-\d{2}-\d{2}$/;
/** Real action names are short; a route key is kept as long as a script uses it. */
const MAX_NAME_LENGTH = 128;
const ACTION = new RegExp(`^[A-Za-z][A-Za-z0-9]{0,${MAX_NAME_LENGTH - 1}}$`);
const MAX_PATH_LENGTH = 1024;

function invalid(message: string): never {
    throw new InvalidScriptError(message);
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** One answer of the timeline; `previous` is the atMs of the one before it. Returns its atMs. */
function checkAnswer(answer: unknown, i: number, previous: number, problems: ProblemList): number {
    const at = `answers[${i}]`;
    if (!isObject(answer)) {
        problems.add(at, `${at} must be an object: { atMs?, body } or { atMs?, error: { code } }`);
        return previous;
    }
    const atMs = answer.atMs ?? (i === 0 ? 0 : undefined);
    if (typeof atMs !== "number" || !Number.isInteger(atMs) || atMs < 0) {
        problems.add(`${at}.atMs`, `${at}.atMs must be a non-negative integer (ms after registration)`);
    } else if (atMs <= previous) {
        problems.add(`${at}.atMs`, `${at}.atMs must be later than the answer before it (${previous})`);
    }
    if ((answer.body === undefined) === (answer.error === undefined)) problems.add(at, `${at} needs a body or an error, not both`);
    if (answer.body !== undefined && !isObject(answer.body)) problems.add(`${at}.body`, `${at}.body must be a JSON object`);
    const error = answer.error;
    if (error !== undefined && (!isObject(error) || typeof error.code !== "string" || error.code === "")) {
        problems.add(`${at}.error.code`, `${at}.error needs a code such as "InvalidInstanceId.NotFound"`);
    }
    if (isObject(error) && error.status !== undefined && (typeof error.status !== "number" || error.status < 400 || error.status > 599)) {
        problems.add(`${at}.error.status`, `${at}.error.status must be an HTTP error status (400..599)`);
    }
    return typeof atMs === "number" && atMs > previous ? atMs : previous;
}

/** Validates untrusted JSON into a spec; throws InvalidScriptError naming every bad field. */
export function parseScript(input: unknown): ScriptedApiSpec {
    if (!isObject(input)) invalid("a script must be a JSON object with version, action (or method and path) and answers");
    const { product, version, action, method, path, match, answers } = input;
    const problems = new ProblemList();
    const known = ["product", "version", "action", "method", "path", "match", "answers"];
    new SpecReader(input, problems).unknownFields(known, " in a script");
    if (typeof version !== "string" || !VERSION.test(version)) problems.add("version", 'version must be an API version such as "2014-05-26"');
    if ((action === undefined) === (path === undefined)) problems.add("action", "set action (an RPC API) or path (a ROA API), not both");
    if (action !== undefined && (typeof action !== "string" || !ACTION.test(action))) {
        problems.add("action", `action must be an action name of at most ${MAX_NAME_LENGTH} letters and digits, such as DescribeInstances`);
    }
    if (path !== undefined && (typeof path !== "string" || !path.startsWith("/") || path.length > MAX_PATH_LENGTH)) {
        problems.add("path", `path must start with "/" and be at most ${MAX_PATH_LENGTH} characters, such as /clusters/{ClusterId}`);
    }
    if (method !== undefined && (typeof method !== "string" || !/^[A-Za-z]{1,16}$/.test(method)))
        problems.add("method", "method must be an HTTP method such as GET");
    if (method !== undefined && path === undefined) problems.add("method", "method goes with path (ROA): set path, or leave method out");
    if (product !== undefined && typeof product !== "string") problems.add("product", "product must be a string such as Ecs");
    if (match !== undefined && (!isObject(match) || Object.values(match).some((v) => typeof v !== "string"))) {
        problems.add("match", 'match must be an object of string values, such as {"InstanceIds": "[\\"i-1\\"]"}');
    }
    if (!Array.isArray(answers) || answers.length === 0) {
        problems.add("answers", "answers must be a non-empty list of { atMs?, body } or { atMs?, error: { code } }");
    } else {
        answers.reduce((previous: number, answer: unknown, i) => checkAnswer(answer, i, previous, problems), -1);
    }
    problems.throwIfAny((list) => new InvalidScriptError(list));
    return structuredClone(input) as unknown as ScriptedApiSpec;
}
