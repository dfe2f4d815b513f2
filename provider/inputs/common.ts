import { z } from "zod";
import { DEFAULT_TIMEOUT } from "./durations";
import { quoteInput } from "./quote";
import { CrossFieldRule, UNKNOWN_VALUE } from "./validate";

/**
 * What the inputs of every resource share: regions, wait options, status lists and the message
 * helpers. Every message names what is wrong and how
 * to fix it.
 */

export { quoteInput } from "./quote";

const DURATION_TEXT = 'must be a duration string such as "30s", "45m" or "1h30m"';

/** Durations are strings here: their values and bounds are parsed once, with the other inputs (durations.ts). */
const pollIntervalSchema = z.strictObject(
    {
        min: z
            .string({ error: DURATION_TEXT })
            .optional()
            .describe(
                "Shortest delay between two polls (the first delay after the immediate first check): a duration of at least 100ms, not longer than max. Default 3s, or max when max is shorter.",
            ),
        max: z
            .string({ error: DURATION_TEXT })
            .optional()
            .describe(
                "Longest delay between two polls of a running task, never exceeded: a duration of at least 100ms. Default 10s, except that a wait whose task reports progress may space its polls up to 60s while the end it forecasts is far (set max to bound that too).",
            ),
    },
    { error: 'must be an object such as { min: "2s", max: "30s" }' },
);

const regionSchema = z
    .string({ error: 'must be a region id such as "cn-hangzhou"' })
    .regex(/^[a-z]{2,}(-[a-z0-9]+)+$/, { error: (i) => `${quoteInput(i.input)} is not a region id: use one such as "cn-hangzhou" or "ap-southeast-1"` });

const statusListSchema = z
    .array(z.string({ error: 'must be a raw status name such as "Done"' }).trim().min(1, { error: "must not be empty" }), {
        error: 'must be a list of raw status names such as ["Done"]',
    })
    .max(20, { error: "at most 20 statuses" });

/** The inputs of one resource: its schema (each property), its cross-field rules and the services it serves. */
export interface ResourceInputs<S extends z.ZodType<object>> {
    schema: S;
    rules: CrossFieldRule;
    services: readonly string[];
}

/** A raw status in both successStatuses and failureStatuses: which list wins would be a guess. */
export const statusListsRule: CrossFieldRule = (value) => {
    // a value unknown at preview is not a status yet
    const known = (s: unknown): s is string => typeof s === "string" && s !== UNKNOWN_VALUE;
    const names = (list: unknown) =>
        Array.isArray(list)
            ? list
                  .filter(known)
                  .map((s) => s.trim().toLowerCase())
                  .filter(Boolean)
            : [];
    const success = new Set(names(value.successStatuses));
    const both = [...new Set(names(value.failureStatuses))].filter((s) => success.has(s));
    if (both.length === 0) return [];
    return [{ path: "failureStatuses", message: `${quoteInput(both.join(", "))} is also in successStatuses: remove it from one of the two lists` }];
};

/** Options every waiting resource has. */
export const waitOptionShape = {
    region: regionSchema.optional().describe("Region of the task. Default: stack config alicloud:region, else ALIBABA_CLOUD_REGION_ID / ALICLOUD_REGION."),
    timeout: z
        .string({ error: DURATION_TEXT })
        .default(DEFAULT_TIMEOUT)
        .describe(
            "How long one `pulumi up` waits before recording the resource as still waiting (resumed by the next `pulumi up`): a duration from 1s to 24h, default 30m. This is the only deadline: Pulumi does not pass `customTimeouts` to dynamic providers.",
        ),
    pollInterval: pollIntervalSchema
        .optional()
        .describe(
            "Bounds of the delay between polls: the first check is immediate, then the delay doubles from min up to max; a task that reports progress is polled around the end its progress forecasts, never more than max apart.",
        ),
    onFailure: z
        .enum(["fail", "warn"], { error: 'must be "fail" or "warn"' })
        .default("fail")
        .describe(
            '"fail": a failed task fails the deployment. "warn": the resource is recorded with status "failed" and a warning, like a Terraform check block.',
        ),
    successStatuses: statusListSchema
        .optional()
        .describe(
            "Extra raw statuses (case-insensitive) to treat as success, for statuses the documentation does not list: up to 20 non-empty names, none also in failureStatuses.",
        ),
    failureStatuses: statusListSchema
        .optional()
        .describe("Extra raw statuses (case-insensitive) to treat as failure: up to 20 non-empty names, none also in successStatuses."),
    /** Set by the resource class to its name, so that progress lines and errors say which resource they are about. */
    resourceName: z.string({ error: "must be a string: the resource class sets it to the resource's name; remove it from the arguments" }).optional(),
    /** Set by the resource class to "<project>/<stack>": with the name, what a started export is found again by. */
    resourceStack: z.string({ error: "must be a string: the resource class sets it to the project and stack; remove it from the arguments" }).optional(),
};

/** The message for a missing or unsupported `service` (zod hands over the whole object). */
export function serviceError(supported: readonly string[]) {
    return (issue: { input?: unknown }): string => {
        const service = issue.input && typeof issue.input === "object" ? (issue.input as { service?: unknown }).service : issue.input;
        const list = supported.map((s) => `"${s}"`).join(", ");
        return service === undefined ? `required: set service to one of ${list}` : `${quoteInput(service)} is not a supported service: use one of ${list}`;
    };
}

/** Ids that go into a URL path or a query as they are: letters, digits, "-" and "_". */
export function plainIdSchema(what: string, example: string) {
    return z
        .string({ error: (i) => (i.input === undefined ? `required: ${what} such as "${example}"` : `must be ${what} such as "${example}"`) })
        .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{2,127}$/, {
            error: (i) => `${quoteInput(i.input)} is not ${what}: use one such as "${example}" (letters, digits, "-" and "_")`,
        });
}

/**
 * A list whose items must differ: a task listed twice would be waited on twice and counted twice.
 * Names the index of the repeat and of its first appearance.
 */
export function uniqueItems(property: string, fix: string) {
    return (items: readonly string[], ctx: z.RefinementCtx): void => {
        const first = new Map<string, number>();
        items.forEach((item, index) => {
            const seen = first.get(item);
            if (seen === undefined) first.set(item, index);
            else ctx.addIssue({ code: "custom", path: [index], message: `${quoteInput(item)} is listed twice (also at ${property}[${seen}]): ${fix}` });
        });
    };
}

/** A required string with a message that says what to put there when it is missing. */
export function requiredText(what: string) {
    return z
        .string({ error: (i) => (i.input === undefined ? `required: ${what}` : `must be a string: ${what}`) })
        .trim()
        .min(1, { error: `must not be empty: ${what}` });
}
