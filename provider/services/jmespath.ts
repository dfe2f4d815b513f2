import { JSONValue, TreeInterpreter, compile, isRegistered } from "@jmespath-community/jmespath";

type ExpressionNode = ReturnType<typeof compile>;

/**
 * JMESPath over API answers, through @jmespath-community/jmespath (typed, maintained, no
 * dependencies; a superset of the original specification that the aliyun CLI's `--waiter` and AWS
 * waiters use; the original's backtick JSON literals are accepted too). Expressions are compiled
 * once and kept: a wait evaluates the same few expressions on every answer.
 */

export type Json = JSONValue;

const OPTIONS = { enable_legacy_literals: true };
const MAX_CACHED = 500;
const compiled = new Map<string, ExpressionNode>();

function compiledOf(expression: string): ExpressionNode {
    let node = compiled.get(expression);
    if (!node) {
        node = compile(expression, OPTIONS);
        if (compiled.size >= MAX_CACHED) compiled.delete(compiled.keys().next().value!);
        compiled.set(expression, node);
    }
    return node;
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
        node = compiledOf(expression);
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
export function select(expression: string, data: unknown): Json {
    try {
        const value = TreeInterpreter.search(compiledOf(expression), (data ?? null) as Json);
        return value === undefined ? null : value;
    } catch {
        return null;
    }
}
