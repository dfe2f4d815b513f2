/**
 * Reading fault rules (faultSpec.ts) from untrusted JSON: POST /__sim/faults and
 * Simulator.faults.add. Every bad field of every rule is recorded, so that one answer names them
 * all; a rule in a list is named by its place ("[1].fault.ms").
 */
import { InvalidFaultRuleError, THROTTLING_CODES, type FaultKind, type FaultRule, type FaultSpec, type RateLimitSpec } from "./faultSpec";
import { FORBIDDEN_SEGMENTS } from "./jsonPath";
import { ProblemList } from "./problems";
import { randomSeed } from "./random";
import { fail, SpecReader, type SpecObject } from "./specFields";

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
const RULE_FIELDS = ["id", "service", "action", "nth", "first", "after", "window", "rate", "seed", "count", "fault", "rateLimit"];

/** The fields of the object at `path`, or undefined once "must be a JSON object" is recorded. */
function objectAt(value: unknown, problems: ProblemList, path: string, what = path): SpecReader | undefined {
    if (typeof value === "object" && value !== null && !Array.isArray(value))
        return new SpecReader(value as SpecObject, problems, path === "" ? "" : `${path}.`);
    problems.add(path, `${what} must be a JSON object`);
    return undefined;
}

/** The value, or undefined after recording `message` when the field is absent (a bad one is recorded already). */
function required<T>(fields: SpecReader, name: string, value: T | undefined, message: string): T | undefined {
    if (value === undefined && fields.spec[name] === undefined) fields.problems.add(`${fields.path}${name}`, message);
    return value;
}

/** One service or action name, or a list of them. */
function names(fields: SpecReader, name: string): string[] | undefined {
    return fields.check(name, () => {
        const value = fields.spec[name];
        if (value === undefined) return undefined;
        const list: unknown[] = Array.isArray(value) ? value : [value];
        if (list.length === 0 || !list.every((v) => typeof v === "string" && v !== ""))
            fail(`${fields.path}${name} must be a non-empty string or list of them`);
        return list as string[];
    });
}

function usablePath(path: unknown): boolean {
    return typeof path === "string" && path !== "" && !path.split(".").some((s) => s === "" || FORBIDDEN_SEGMENTS.includes(s));
}

function mutation(fields: SpecReader): FaultSpec {
    const where = fields.path;
    const badPath = (path: unknown) => `"${String(path)}" is not a usable dotted path: join field names with dots, such as TaskSet.Task.0.TaskStatus`;
    const remove = fields.check("remove", () => {
        const value = fields.spec.remove ?? [];
        if (!Array.isArray(value)) fail(`${where}remove must be a list of dotted paths`);
        value.filter((path) => !usablePath(path)).forEach((path) => fields.problems.add(`${where}remove`, badPath(path)));
        return value as string[];
    });
    const set = fields.spec.set === undefined ? {} : objectAt(fields.spec.set, fields.problems, `${where}set`)?.spec;
    Object.keys(set ?? {})
        .filter((path) => !usablePath(path))
        .forEach((path) => fields.problems.add(`${where}set`, badPath(path)));
    if (remove?.length === 0 && Object.keys(set ?? {}).length === 0) fields.problems.add(`${where}remove`, "a mutate fault needs remove or set");
    return { kind: "mutate", remove: remove ?? [], set: { ...set } };
}

function readFault(input: unknown, problems: ProblemList, path: string): FaultSpec | undefined {
    const fields = typeof input === "string" ? new SpecReader({ kind: input }, problems, `${path}.`) : objectAt(input, problems, path);
    if (!fields) return undefined;
    const kinds = Object.keys(FAULT_FIELDS) as FaultKind[];
    const kind = required(fields, "kind", fields.choice("kind", kinds), `${path}.kind is required: one of ${kinds.join(", ")}`);
    if (kind === undefined) return undefined;
    fields.unknownFields(["kind", ...FAULT_FIELDS[kind]], ` for kind ${kind}`);
    const retryAfterMs = fields.count("retryAfterMs", 0, MAX_DELAY_MS);
    switch (kind) {
        case "throttle":
            return { kind, code: fields.choice("code", THROTTLING_CODES), status: fields.choice("status", [400, 429] as const), retryAfterMs };
        case "serviceUnavailable":
            return { kind, retryAfterMs };
        case "error": {
            const status = required(fields, "status", fields.count("status", 400, 599), `an error fault needs a status: ${path}.status from 400 to 599`);
            const code = required(fields, "code", fields.string("code"), `an error fault needs a code: ${path}.code, such as "Forbidden.RAM"`);
            return { kind, status: status ?? 0, code: code ?? "", message: fields.text("message"), retryAfterMs };
        }
        case "latency":
            return { kind, ms: required(fields, "ms", fields.count("ms", 0, MAX_DELAY_MS), `a latency fault needs ${path}.ms: 0 to ${MAX_DELAY_MS}`) ?? 0 };
        case "hang":
            return { kind, ms: fields.count("ms", 0, MAX_DELAY_MS) };
        case "truncate": {
            const fraction = fields.check("fraction", () => {
                const value = fields.spec.fraction;
                if (value !== undefined && (typeof value !== "number" || !(value >= 0 && value < 1)))
                    fail(`${path}.fraction must be a number from 0 to below 1`);
                return value as number | undefined;
            });
            return { kind, fraction };
        }
        case "html":
            return { kind, status: fields.count("status", 400, 599) };
        case "mutate":
            return mutation(fields);
        case "vanish":
            return { kind, taskId: fields.string("taskId") };
        default:
            return { kind };
    }
}

function readRateLimit(input: unknown, problems: ProblemList, path: string): Required<RateLimitSpec> | undefined {
    const fields = objectAt(input, problems, path);
    if (!fields) return undefined;
    fields.unknownFields(["perSecond", "code", "status", "retryAfter"]);
    const perSecond = fields.count("perSecond", 1, 1_000_000);
    required(fields, "perSecond", perSecond, `${path}.perSecond is required: calls admitted per second, from 1 to 1000000`);
    return {
        perSecond: perSecond ?? 1,
        code: fields.choice("code", THROTTLING_CODES) ?? "Throttling.User",
        status: fields.choice("status", [400, 429] as const) ?? 400,
        retryAfter: fields.boolean("retryAfter") ?? true,
    };
}

/** One rule; its problems go to `problems` under `place` ("" alone, "[1]" in a list). */
function readFaultRule(input: unknown, defaultId: string, problems: ProblemList, place: string): FaultRule {
    const fields = objectAt(input, problems, place, place === "" ? "a fault rule" : `fault rule ${place}`);
    if (!fields) return { id: defaultId, seed: 0 };
    const at = fields.path;
    fields.unknownFields(RULE_FIELDS, " in a fault rule");
    if ((fields.spec.fault === undefined) === (fields.spec.rateLimit === undefined)) {
        problems.add(`${at}fault`, "a fault rule needs exactly one of fault (what to do to a call) and rateLimit");
    }
    const nth = fields.check("nth", () => {
        const value = fields.spec.nth;
        if (value !== undefined && (!Array.isArray(value) || value.length === 0 || !value.every((n) => Number.isInteger(n) && n >= 1))) {
            fail(`${at}nth must be a non-empty list of call numbers from 1`);
        }
        return value as number[] | undefined;
    });
    let window: FaultRule["window"];
    const windowFields = fields.spec.window === undefined ? undefined : objectAt(fields.spec.window, problems, `${at}window`);
    if (windowFields) {
        windowFields.unknownFields(["fromMs", "toMs"]);
        window = { fromMs: windowFields.count("fromMs", 0, Number.MAX_SAFE_INTEGER), toMs: windowFields.count("toMs", 0, Number.MAX_SAFE_INTEGER) };
        if (window.fromMs !== undefined && window.toMs !== undefined && window.fromMs >= window.toMs) {
            problems.add(`${at}window`, `${at}window.fromMs must be before ${at}window.toMs`);
        }
    }
    const rate = fields.check("rate", () => {
        const value = fields.spec.rate;
        if (value !== undefined && (typeof value !== "number" || !(value >= 0 && value <= 1))) fail(`${at}rate must be a number from 0 to 1`);
        return value as number | undefined;
    });
    return {
        id: fields.string("id") ?? defaultId,
        service: names(fields, "service"),
        action: names(fields, "action"),
        nth,
        first: fields.count("first", 1, Number.MAX_SAFE_INTEGER),
        after: fields.count("after", 0, Number.MAX_SAFE_INTEGER),
        window,
        rate,
        seed: fields.count("seed", 0, 2 ** 32 - 1) ?? randomSeed(),
        count: fields.count("count", 1, Number.MAX_SAFE_INTEGER),
        fault: fields.spec.fault === undefined ? undefined : readFault(fields.spec.fault, problems, `${at}fault`),
        rateLimit: fields.spec.rateLimit === undefined ? undefined : readRateLimit(fields.spec.rateLimit, problems, `${at}rateLimit`),
    };
}

/**
 * Validates untrusted rules: one (`listed` false) or each of a list, whose problems are named by
 * place. `ids` gives each its default id. Throws InvalidFaultRuleError naming every bad field,
 * and ids already `taken` or given twice.
 */
export function parseFaultRules(inputs: readonly unknown[], ids: readonly string[], listed: boolean, taken: ReadonlySet<string>): FaultRule[] {
    const problems = new ProblemList();
    const seen = new Set(taken);
    const rules = inputs.map((input, i) => {
        const place = listed ? `[${i}]` : "";
        const rule = readFaultRule(input, ids[i], problems, place);
        if (seen.has(rule.id)) problems.add(`${place}${place && "."}id`, `a fault rule with id ${rule.id} already exists: choose another id`);
        seen.add(rule.id);
        return rule;
    });
    problems.throwIfAny((list) => new InvalidFaultRuleError(list));
    return rules;
}
