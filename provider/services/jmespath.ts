import { JSONValue, TreeInterpreter, compile, isRegistered } from "@jmespath-community/jmespath";

type ExpressionNode = ReturnType<typeof compile>;

/**
 * JMESPath over API answers, through @jmespath-community/jmespath (typed, maintained, no
 * dependencies; a superset of the original specification that the aliyun CLI's `--waiter` and AWS
 * waiters use; the original's backtick JSON literals are accepted too). A wait compiles its
 * expressions once (compileExpression) and evaluates them on every answer.
 */

export type Json = JSONValue;

const OPTIONS = { enable_legacy_literals: true };

/** An expression compiled once: `search` evaluates it on an answer. */
export interface Expression {
    readonly text: string;
    search(data: unknown): Json;
}

/** Throws on a syntax error: call it on expressions `check` has accepted (expressionProblem). */
export function compileExpression(text: string): Expression {
    const node = compile(text, OPTIONS);
    return { text, search: (data) => searchNode(node, data) };
}

/** Function names an expression calls, anywhere in its tree. */
function functionsCalled(node: unknown, found: Set<string> = new Set()): Set<string> {
    if (Array.isArray(node)) for (const child of node) functionsCalled(child, found);
    else if (node && typeof node === "object") {
        const n = node as { type?: unknown; name?: unknown };
        if (n.type === "Function" && typeof n.name === "string") found.add(n.name);
        for (const value of Object.values(node)) if (value && typeof value === "object") functionsCalled(value, found);
    }
    return found;
}

/** Why a text is not a usable JMESPath expression (a syntax error, an unknown function); undefined when it is. */
export function expressionProblem(expression: string): string | undefined {
    let node: ExpressionNode;
    try {
        node = compile(expression, OPTIONS);
    } catch (error) {
        return error instanceof Error ? error.message.replace(/^Syntax error: /, "syntax error: ") : String(error);
    }
    const unknown = [...functionsCalled(node)].filter((name) => !isRegistered(name));
    return unknown.length ? `unknown function ${unknown.map((n) => `${n}()`).join(", ")}` : undefined;
}

/**
 * The value an expression selects from an answer; null where it selects nothing. A function given
 * the wrong type at run time (length(null)) also selects nothing: the answer did not have that shape.
 */
function searchNode(node: ExpressionNode, data: unknown): Json {
    try {
        const value = TreeInterpreter.search(node, (data ?? null) as Json);
        return value === undefined ? null : value;
    } catch {
        return null;
    }
}
