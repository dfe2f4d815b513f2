import type { AcceptorState } from "../engine/result";
import type { AcceptorInput } from "../inputs/apiWaiter";
import type { ApiAnswer } from "../services/anyApi";
import { Expression, Json, compileExpression } from "../services/jmespath";
import type { TaskStatus } from "../services/snapshot";

/**
 * One acceptor model for every wait, as smithy's and AWS's waiters have it: acceptors in order, the
 * first that matches deciding the state. ApiWaiter's acceptors look at an API's answer; a task's
 * are over its status, which its API's table and the user's success/failureStatuses decide
 * (status.ts). Only permanent errors reach an acceptor (throttling and transient ones are the
 * engine's to retry); one that no acceptor expects ends the wait as a failure.
 */

export type { AcceptorState } from "../engine/result";

type Scalar = string | number | boolean | null;

/** What an acceptor looks at and how: exactly one matcher, by construction. */
type Matcher =
    | { kind: "equals" | "anyEquals" | "allEquals"; path: Expression; expected: readonly Scalar[]; given: unknown }
    | { kind: "exists"; path: Expression; exists: boolean }
    | { kind: "errorCode"; patterns: readonly string[]; given: unknown }
    | { kind: "status"; statuses: readonly TaskStatus[] };

export interface Acceptor {
    state: AcceptorState;
    matcher: Matcher;
}

/** What acceptors judge: an API's answer (a body or a permanent error), or a task's status. */
export type Answer = ApiAnswer | { kind: "status"; status: TaskStatus };

export interface Judgement {
    state: AcceptorState;
    /** An expression that could not be evaluated within its budget: the wait ends as failed by error, saying which. */
    problem?: string;
    /** The acceptor that decided (its place in the list) and the value it matched; none when no acceptor matched. */
    index?: number;
    acceptor?: Acceptor;
    value?: Json;
}

/** A task's acceptors: its status decides, pending and running keep waiting. */
export const STATUS_ACCEPTORS: readonly Acceptor[] = [
    { state: "success", matcher: { kind: "status", statuses: ["succeeded"] } },
    { state: "failure", matcher: { kind: "status", statuses: ["failed", "cancelled", "expired"] } },
];

/** ApiWaiter's acceptors as validated (one matcher each), then `until` as a last success acceptor. */
export function compileAcceptors(inputs: { acceptors?: readonly AcceptorInput[]; until?: { expr: string; to: AcceptorInput["equals"] } }): Acceptor[] {
    const own = inputs.acceptors ?? [];
    const all = inputs.until ? [...own, { state: "success" as const, expr: inputs.until.expr, equals: inputs.until.to }] : own;
    return all.map(compileAcceptor);
}

function compileAcceptor(input: AcceptorInput): Acceptor {
    const path = () => compileExpression(input.expr!);
    const list = (v: unknown) => (Array.isArray(v) ? v : [v]) as Scalar[];
    let matcher: Matcher;
    if (input.errorCode !== undefined) matcher = { kind: "errorCode", patterns: list(input.errorCode) as string[], given: input.errorCode };
    else if (input.equals !== undefined) matcher = { kind: "equals", path: path(), expected: list(input.equals), given: input.equals };
    else if (input.anyEquals !== undefined) matcher = { kind: "anyEquals", path: path(), expected: list(input.anyEquals), given: input.anyEquals };
    else if (input.allEquals !== undefined) matcher = { kind: "allEquals", path: path(), expected: list(input.allEquals), given: input.allEquals };
    else matcher = { kind: "exists", path: path(), exists: input.exists === true };
    return { state: input.state, matcher };
}

/** What an expression selects from the answer being judged (through the evaluator's budget); throws EvaluationProblem. */
export type Select = (path: Expression) => Json;

/** An expression the evaluator could not evaluate within its budget (time, size). */
export class EvaluationProblem extends Error {
    override readonly name = "EvaluationProblem";
    constructor(
        readonly expression: string,
        readonly problem: string,
    ) {
        super(`${JSON.stringify(expression)} ${problem}`);
    }
}

const NO_EVALUATOR: Select = () => {
    throw new Error("judging an answer body needs an expression evaluator");
};

/** The first acceptor that matches decides; none: keep waiting on a body or a status, fail on an error. */
export function judge(answer: Answer, acceptors: readonly Acceptor[], caseSensitive = false, select: Select = NO_EVALUATOR): Judgement {
    for (let index = 0; index < acceptors.length; index++) {
        const acceptor = acceptors[index];
        let value: Json | typeof NO_MATCH;
        try {
            value = matchOf(acceptor.matcher, answer, caseSensitive, select);
        } catch (error) {
            if (!(error instanceof EvaluationProblem)) throw error;
            return { state: "failure", problem: `acceptor ${index}'s expression ${error.message}` };
        }
        if (value !== NO_MATCH) return { state: acceptor.state, index, acceptor, value };
    }
    return { state: answer.kind === "error" ? "failure" : "retry" };
}

const NO_MATCH = Symbol("no match");

/** The value a matcher matched (the selected value, the error code, the status), or NO_MATCH. */
function matchOf(matcher: Matcher, answer: Answer, caseSensitive: boolean, select: Select): Json | typeof NO_MATCH {
    switch (matcher.kind) {
        case "status":
            return answer.kind === "status" && matcher.statuses.includes(answer.status) ? answer.status : NO_MATCH;
        case "errorCode":
            if (answer.kind !== "error") return NO_MATCH;
            return matcher.patterns.some((p) => codePattern(p, caseSensitive).test(answer.code)) ? answer.code : NO_MATCH;
        default: {
            if (answer.kind !== "body") return NO_MATCH;
            const value = select(matcher.path);
            if (matcher.kind === "exists") return isPresent(value) === matcher.exists ? value : NO_MATCH;
            const same = (v: Json) => matcher.expected.some((e) => sameValue(v, e, caseSensitive));
            if (matcher.kind === "equals") return same(value) ? value : NO_MATCH;
            if (!Array.isArray(value)) return NO_MATCH;
            if (matcher.kind === "anyEquals") return value.some(same) ? value : NO_MATCH;
            return value.length > 0 && value.every(same) ? value : NO_MATCH;
        }
    }
}

/** Something selected: not null, not an empty array. */
function isPresent(value: Json): boolean {
    return value !== null && !(Array.isArray(value) && value.length === 0);
}

/**
 * Alibaba spells the same value several ways: "Running" and "running", 80 and "80", true and
 * "true". Strings compare case-insensitively unless asked; a number or boolean equals its text.
 */
function sameValue(actual: Json, expected: Scalar, caseSensitive: boolean): boolean {
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

/** "Instances.Instance[0].Status", "the error code", "the status": what an acceptor looks at, for messages. */
export function subjectOf(matcher: Matcher): string {
    if (matcher.kind === "errorCode") return "the error code";
    if (matcher.kind === "status") return "the status";
    return matcher.path.text;
}

/** 'equals "Running"', 'anyEquals ["Failed","Stopped"]': a matcher in words, as the user wrote it. */
export function describeMatcher(matcher: Matcher): string {
    if (matcher.kind === "status") return `status ${JSON.stringify(matcher.statuses)}`;
    return `${matcher.kind} ${JSON.stringify(matcher.kind === "exists" ? matcher.exists : matcher.given)}`;
}
