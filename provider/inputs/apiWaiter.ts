import { z } from "zod";
import type { CrossFieldRule } from "./validate";
import { expressionProblem } from "../services/jmespath";
import { apiRequestRules, apiRequestShape } from "./apiRequest";
import { ResourceInputs, quoteInput, waitOptionShape } from "./common";

/**
 * ApiWaiter's inputs: the request (apiRequest.ts), the acceptors that judge each answer, and the
 * wait options every resource has. Every JMESPath expression is compiled at `check`, so a typo
 * fails `pulumi preview` on its property.
 */

const EXAMPLE_EXPR = '"Instances.Instance[0].Status"';

/** A JMESPath expression, checked at `check` (syntax and function names). */
const jmesPathSchema = z
    .string({ error: (i) => `${i.input === undefined ? "required: " : "must be "}a JMESPath expression such as ${EXAMPLE_EXPR}` })
    .trim()
    .min(1, { error: `must not be empty: a JMESPath expression such as ${EXAMPLE_EXPR}` })
    .max(1000, { error: "at most 1000 characters" })
    .superRefine((expr, ctx) => {
        const problem = expressionProblem(expr);
        if (problem)
            ctx.addIssue({
                code: "custom",
                message: `${quoteInput(expr)} is not a JMESPath expression (${problem}): fix it, e.g. ${EXAMPLE_EXPR}; quote names with dots or dashes as "Tags.\\"my-key\\""`,
            });
    });

const scalarSchema = z.union([z.string(), z.number(), z.boolean(), z.null()], { error: 'must be a string, number, boolean or null such as "Running"' });

/** One expected value, or a list of alternatives. */
const expectedSchema = z.union(
    [scalarSchema, z.array(scalarSchema).min(1, { error: "must list at least one value" }).max(20, { error: "at most 20 values" })],
    {
        error: 'must be a value such as "Running", or a list of alternatives such as ["Failed", "Stopped"]',
    },
);

const errorCodeSchema = z.string({ error: 'must be an error code such as "InvalidInstanceId.NotFound"' }).regex(/^[A-Za-z0-9*][\w.*-]{0,127}$/, {
    error: (i) => `${quoteInput(i.input)} is not an error code: use one such as "InvalidInstanceId.NotFound" ("*" matches any characters)`,
});

const ACCEPTOR_STATES = ["success", "failure", "retry"] as const;
const PATH_MATCHERS = ["equals", "anyEquals", "allEquals", "exists"] as const;
const MATCHERS = [...PATH_MATCHERS, "errorCode"] as const;

const acceptorSchema = z
    .strictObject(
        {
            state: z
                .enum(ACCEPTOR_STATES, { error: 'must be "success", "failure" or "retry"' })
                .describe(
                    '"success" ends the wait well, "failure" ends it at once as failed, "retry" keeps waiting (e.g. on an error code while a resource appears).',
                ),
            expr: jmesPathSchema.optional().describe("JMESPath expression over the answer: what equals, anyEquals, allEquals and exists look at."),
            equals: expectedSchema.optional().describe("Matches when expr selects this value (a list: any of these values)."),
            anyEquals: expectedSchema.optional().describe("Matches when expr selects an array with at least one element equal to the value."),
            allEquals: expectedSchema.optional().describe("Matches when expr selects a non-empty array whose every element equals the value."),
            exists: z
                .boolean({ error: "must be true or false" })
                .optional()
                .describe("true: matches when expr selects something (not null, not an empty array); false: when it selects nothing."),
            errorCode: z
                .union([errorCodeSchema, z.array(errorCodeSchema).min(1).max(20)], {
                    error: 'must be an error code such as "InvalidInstanceId.NotFound", or a list of them',
                })
                .optional()
                .describe('Matches when the API answers with this error code (a list: any of them; "*" matches any characters). No expr.'),
        },
        { error: 'must be an object such as { state: "success", expr: "Instances.Instance[0].Status", equals: "Running" }' },
    )
    .superRefine((acceptor, ctx) => {
        const set = MATCHERS.filter((m) => acceptor[m] !== undefined);
        if (set.length !== 1) {
            const message =
                set.length === 0 ? `add a matcher: one of ${MATCHERS.join(", ")}` : `set only one matcher, not ${set.join(" and ")}: use one acceptor for each`;
            ctx.addIssue({ code: "custom", path: [set[1] ?? "state"], message });
        } else if (set[0] === "errorCode" && acceptor.expr !== undefined) {
            ctx.addIssue({ code: "custom", path: ["expr"], message: "an errorCode acceptor looks at the error, not the answer: remove expr" });
        } else if (set[0] !== "errorCode" && acceptor.expr === undefined) {
            ctx.addIssue({
                code: "custom",
                path: ["expr"],
                message: `required with ${set[0]}: the JMESPath expression whose value is compared, e.g. ${EXAMPLE_EXPR}`,
            });
        }
    });

const untilSchema = z.strictObject(
    {
        expr: jmesPathSchema.describe("JMESPath expression, as the aliyun CLI's --waiter expr=."),
        to: expectedSchema.describe("The value it must reach, as --waiter to= (a list: any of them)."),
    },
    { error: 'must be an object such as { expr: "Instances.Instance[0].Status", to: "Running" }' },
);

const { region, timeout, pollInterval, onFailure, resourceName } = waitOptionShape;

export const apiWaiterInputsSchema = z.strictObject({
    ...apiRequestShape,
    acceptors: z
        .array(acceptorSchema, { error: 'must be a list of acceptors such as [{ state: "success", expr: "...", equals: "Running" }]' })
        .max(20, { error: "at most 20 acceptors" })
        .optional()
        .describe(
            "Evaluated on each answer, in order; the first that matches decides. An answer no acceptor matches: keep waiting (mode wait) or the check fails (mode check).",
        ),
    until: untilSchema.optional().describe("Shorthand for a last success acceptor, like aliyun --waiter: { expr, to }."),
    caseSensitive: z
        .boolean({ error: "must be true or false" })
        .default(false)
        .describe("Compare strings exactly; by default statuses compare case-insensitively."),
    progress: jmesPathSchema
        .optional()
        .describe(
            "JMESPath expression shown in progress lines: a number is a percentage (which, as for the other waits, places the checks around the end it forecasts), anything else a status.",
        ),
    output: jmesPathSchema.optional().describe("JMESPath expression selecting the part of the last answer recorded as `answer`. Default: the whole answer."),
    secret: z
        .boolean({ error: "must be true or false" })
        .default(false)
        .describe("Mark `answer` and `matchedValue` secret, and keep their values out of messages."),
    mode: z
        .enum(["wait", "check"], { error: 'must be "wait" or "check"' })
        .default("wait")
        .describe('"wait": wait until an acceptor ends it. "check": evaluate again on every `pulumi up` and `pulumi refresh`, like a Terraform check block.'),
    region,
    timeout,
    pollInterval,
    onFailure,
    resourceName,
});

const isSet = (value: Record<string, unknown>, key: string) => value[key] !== undefined;

/** The request's rules (apiRequest.ts), and something must say success. */
const apiWaiterRules: CrossFieldRule = (value, context) => {
    const issues = apiRequestRules(value, context);
    const acceptors = Array.isArray(value.acceptors) ? (value.acceptors as { state?: unknown }[]) : [];
    if (!isSet(value, "until") && !acceptors.some((a) => a && a.state === "success"))
        issues.push({ path: "acceptors", message: "add a success acceptor, or until: { expr, to }: nothing would end the wait well" });
    return issues;
};

export const API_WAITER_INPUTS = { schema: apiWaiterInputsSchema, rules: apiWaiterRules, services: [] } satisfies ResourceInputs<typeof apiWaiterInputsSchema>;

export type ApiWaiterInputs = z.output<typeof apiWaiterInputsSchema>;
export type AcceptorInput = z.output<typeof acceptorSchema>;
