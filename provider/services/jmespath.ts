import { JSONValue, compile, isRegistered } from "@jmespath-community/jmespath";

type ExpressionNode = ReturnType<typeof compile>;

/**
 * JMESPath over API answers, through @jmespath-community/jmespath (typed, maintained, no
 * dependencies; a superset of the original specification that the aliyun CLI's `--waiter` and AWS
 * waiters use; the original's backtick JSON literals are accepted too). Here expressions are
 * only compiled, to judge them at `check`: they are evaluated within a budget, in a worker
 * (expressionSandbox.ts), never on the event loop.
 */

export type Json = JSONValue;

const OPTIONS = { enable_legacy_literals: true };

/** An expression `check` accepted: what an acceptor, `progress` or `output` asks the evaluator for. */
export interface Expression {
    readonly text: string;
}

/** Throws on a syntax error: call it on expressions `check` has accepted (expressionProblem). */
export function compileExpression(text: string): Expression {
    compile(text, OPTIONS);
    return { text };
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
