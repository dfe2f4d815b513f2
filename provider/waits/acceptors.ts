import type { Acceptor, ApiWaiterInputs, Expected } from "../inputs/apiWaiter";
import type { ApiAnswer } from "../services/anyApi";
import { Json, select } from "../services/jmespath";

/**
 * How an ApiWaiter judges one answer of the API: its acceptors in order, the first that matches
 * deciding, as AWS waiters do. An error answer (only permanent errors reach here: throttling and
 * transient ones are the engine's to retry) that no acceptor expects ends the wait at once.
 */

export type Judgement =
    /** An acceptor matched: its state decides. */
    | { state: "success" | "failure" | "retry"; index: number; acceptor: Acceptor; value: Json }
    /** No acceptor matched a body: keep waiting (mode wait), or the check fails (mode check). */
    | { state: "unmatched" }
    /** No acceptor expects this error. */
    | { state: "error" };

/** The acceptors of an ApiWaiter: its own, then `until` as a last success acceptor. */
export function acceptorsOf(inputs: Pick<ApiWaiterInputs, "acceptors" | "until">): Acceptor[] {
    const own = inputs.acceptors ?? [];
    return inputs.until ? [...own, { state: "success", expr: inputs.until.expr, equals: inputs.until.to }] : own;
}

export function judge(answer: ApiAnswer, acceptors: readonly Acceptor[], caseSensitive: boolean): Judgement {
    for (let index = 0; index < acceptors.length; index++) {
        const acceptor = acceptors[index];
        const value = matchOf(acceptor, answer, caseSensitive);
        if (value !== NO_MATCH) return { state: acceptor.state, index, acceptor, value };
    }
    return { state: answer.kind === "error" ? "error" : "unmatched" };
}

const NO_MATCH = Symbol("no match");

/** The value an acceptor matched (the selected value, or the error code), or NO_MATCH. */
function matchOf(acceptor: Acceptor, answer: ApiAnswer, caseSensitive: boolean): Json | typeof NO_MATCH {
    if (acceptor.errorCode !== undefined) {
        if (answer.kind !== "error") return NO_MATCH;
        const patterns = Array.isArray(acceptor.errorCode) ? acceptor.errorCode : [acceptor.errorCode];
        return patterns.some((p) => codePattern(p, caseSensitive).test(answer.code)) ? answer.code : NO_MATCH;
    }
    if (answer.kind !== "body" || acceptor.expr === undefined) return NO_MATCH;
    const value = select(acceptor.expr, answer.body);
    const same = (v: Json, expected: Expected) => alternatives(expected).some((e) => sameValue(v, e, caseSensitive));
    if (acceptor.equals !== undefined) return same(value, acceptor.equals) ? value : NO_MATCH;
    if (acceptor.anyEquals !== undefined) return Array.isArray(value) && value.some((v) => same(v, acceptor.anyEquals!)) ? value : NO_MATCH;
    if (acceptor.allEquals !== undefined)
        return Array.isArray(value) && value.length > 0 && value.every((v) => same(v, acceptor.allEquals!)) ? value : NO_MATCH;
    if (acceptor.exists !== undefined) return isPresent(value) === acceptor.exists ? value : NO_MATCH;
    return NO_MATCH;
}

function alternatives(expected: Expected): (string | number | boolean | null)[] {
    return Array.isArray(expected) ? expected : [expected];
}

/** Something selected: not null, not an empty array. */
export function isPresent(value: Json): boolean {
    return value !== null && !(Array.isArray(value) && value.length === 0);
}

/**
 * Alibaba spells the same value several ways: "Running" and "running", 80 and "80", true and
 * "true". Strings compare case-insensitively unless asked; a number or boolean equals its text.
 */
export function sameValue(actual: Json, expected: string | number | boolean | null, caseSensitive: boolean): boolean {
    if (actual === expected) return true;
    if (actual === null || expected === null || typeof actual === "object") return false;
    if (typeof actual === "string" && typeof expected === "string") return caseSensitive ? false : actual.toLowerCase() === expected.toLowerCase();
    if (typeof expected === "number" || typeof actual === "number") return String(actual).trim() !== "" && Number(actual) === Number(expected);
    return String(actual).toLowerCase() === String(expected).toLowerCase();
}

function codePattern(pattern: string, caseSensitive: boolean): RegExp {
    const source = pattern
        .split("*")
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
        .join(".*");
    return new RegExp(`^${source}$`, caseSensitive ? "" : "i");
}

/** "Instances.Instance[0].Status", or "error code" for an errorCode acceptor: what an acceptor looks at, for messages. */
export function subjectOf(acceptor: Acceptor): string {
    return acceptor.errorCode !== undefined ? "the error code" : (acceptor.expr ?? "the answer");
}

/** "equals "Running"", "anyEquals ["Failed","Stopped"]": an acceptor's matcher in words. */
export function matcherOf(acceptor: Acceptor): string {
    for (const key of ["equals", "anyEquals", "allEquals", "exists", "errorCode"] as const) {
        if (acceptor[key] !== undefined) return `${key} ${JSON.stringify(acceptor[key])}`;
    }
    return "no matcher";
}
