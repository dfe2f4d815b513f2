/**
 * Scripted APIs: any RPC action (API version + action) or ROA route (version + method + path) the
 * simulator does not model, answered from a timeline that a test or a user registers. Each step
 * of the timeline (a body or an error) holds from its `atMs`, counted on the simulator clock from
 * the moment the script was registered, until the next step's. Signatures are verified as for the
 * built-in APIs (the call passes the same layers), so a stack that waits on, say, ECS
 * DescribeInstances can be tested against the simulator:
 *
 *   sim.scriptApi({ version: "2014-05-26", action: "DescribeInstances", match: { InstanceIds: '["i-1"]' },
 *                   answers: [{ body: { Instances: { Instance: [{ Status: "Starting" }] } } },
 *                             { atMs: 30_000, body: { Instances: { Instance: [{ Status: "Running" }] } } }] });
 *
 * Over HTTP: POST /__sim/apis with the same JSON.
 */
import type { SimClock } from "./clock";
import { SimError } from "./errors";
import type { RpcContext, ServiceRegistry } from "./registry";
import { ProblemList } from "./problems";
import { InvalidTaskSpecError, SpecReader } from "./spec-fields";

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

interface Script {
    id: string;
    key: string;
    spec: ScriptedApiSpec;
    registeredAt: number;
    calls: number;
}

const VERSION = /^\d{4}-\d{2}-\d{2}$/;
/** Real action names are short; a route key is kept as long as a script uses it. */
const MAX_NAME_LENGTH = 128;
const ACTION = new RegExp(`^[A-Za-z][A-Za-z0-9]{0,${MAX_NAME_LENGTH - 1}}$`);
const MAX_PATH_LENGTH = 1024;
const MAX_SCRIPTS = 1000;

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

function keyOf(spec: ScriptedApiSpec): string {
    return spec.action !== undefined ? `rpc ${spec.version} ${spec.action}` : `roa ${spec.version} ${(spec.method ?? "GET").toUpperCase()} ${spec.path}`;
}

export class ScriptedApis {
    private scripts: Script[] = [];
    /** The routes this store answers (added to the registry on first use, and kept). */
    private readonly routes = new Set<string>();
    private nextNumber = 1;

    constructor(
        private readonly registry: ServiceRegistry,
        private readonly clock: SimClock,
    ) {}

    /** Registers a script (replacing one for the same route and match); throws InvalidScriptError. */
    add(input: unknown): ScriptedApiView {
        const spec = parseScript(input);
        const key = keyOf(spec);
        this.route(spec, key);
        const sameMatch = JSON.stringify(spec.match ?? {});
        this.scripts = this.scripts.filter((s) => s.key !== key || JSON.stringify(s.spec.match ?? {}) !== sameMatch);
        if (this.scripts.length >= MAX_SCRIPTS) invalid(`at most ${MAX_SCRIPTS} scripts: remove some (DELETE /__sim/apis)`);
        const script: Script = { id: `script-${this.nextNumber++}`, key, spec, registeredAt: this.clock.now(), calls: 0 };
        this.scripts.push(script);
        return this.view(script);
    }

    list(): ScriptedApiView[] {
        return this.scripts.map((s) => this.view(s));
    }

    get(id: string): ScriptedApiView | undefined {
        const script = this.scripts.find((s) => s.id === id);
        return script && this.view(script);
    }

    remove(id: string): boolean {
        const before = this.scripts.length;
        this.scripts = this.scripts.filter((s) => s.id !== id);
        return this.scripts.length < before;
    }

    clear(): number {
        const count = this.scripts.length;
        this.scripts = [];
        return count;
    }

    private view(script: Script): ScriptedApiView {
        return { id: script.id, ...structuredClone(script.spec), registeredAt: new Date(script.registeredAt).toISOString(), calls: script.calls };
    }

    /** Adds the route to the registry once; a route a built-in service answers cannot be scripted. */
    private route(spec: ScriptedApiSpec, key: string): void {
        if (this.routes.has(key)) return;
        const product = spec.product ?? "Scripted";
        const base = { service: "scripted", product, version: spec.version, handler: (ctx: RpcContext) => this.answer(key, ctx) };
        try {
            if (spec.action !== undefined) {
                if (this.registry.findRpcAction(spec.version, spec.action))
                    invalid(`${spec.action} (${spec.version}) is simulated already: it cannot be scripted`);
                this.registry.addRpcAction({ ...base, action: spec.action });
            } else {
                const method = (spec.method ?? "GET").toUpperCase();
                this.registry.addRoaAction({ ...base, action: `${method} ${spec.path}`, method, path: spec.path! });
            }
        } catch (error) {
            if (error instanceof InvalidScriptError) throw error;
            invalid(`${key} is simulated already: it cannot be scripted`);
        }
        this.routes.add(key);
    }

    /** The newest script for the route whose match fits the request; its answer at the simulator's now. */
    private answer(key: string, ctx: RpcContext): object {
        const values: Record<string, string | undefined> = { ...ctx.params, ...ctx.pathParams };
        const script = [...this.scripts].reverse().find((s) => s.key === key && Object.entries(s.spec.match ?? {}).every(([k, v]) => values[k] === v));
        if (!script) throw new SimError(404, "InvalidAction.NotFound", `No scripted answer matches this request (${key}).`);
        script.calls++;
        const elapsed = ctx.now - script.registeredAt;
        const answers = script.spec.answers;
        let current = answers[0];
        for (const answer of answers) if ((answer.atMs ?? 0) <= elapsed) current = answer;
        if (current.error) throw new SimError(current.error.status ?? 400, current.error.code, current.error.message ?? `${current.error.code}.`);
        return structuredClone(current.body!);
    }
}
