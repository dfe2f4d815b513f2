import { z } from "zod";
import { ResponseShapeError } from "../client/errors";
import { printable } from "../client/redact";

/**
 * Validates a response body against its schema. A changed shape becomes an error that names the
 * API and the field, instead of `undefined` flowing into outputs.
 */
export function parseResponse<T extends z.ZodType>(api: string, schema: T, raw: unknown): z.infer<T> {
    const body = printableTree(raw);
    // reportInput: so that a value of the wrong type is told apart from a missing one
    const result = schema.safeParse(body, { reportInput: true });
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    const field = issue.path.length
        ? issue.path
              .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
              .join("")
              .replace(/^\./, "")
        : "(body)";
    const requestId =
        body && typeof body === "object" && typeof (body as { RequestId?: unknown }).RequestId === "string"
            ? (body as { RequestId: string }).RequestId
            : undefined;
    throw new ResponseShapeError(api, field, describeIssue(issue), requestId);
}

/** A URL (a pre-signed download link) is kept whole up to this length; other text is cut shorter. */
const MAX_URL_LENGTH = 16_384;
const MAX_TEXT_LENGTH = 8192;

/**
 * Every string of a response made safe to print before anything reads it: escape sequences and line
 * breaks escaped, long values cut. A status with an escape sequence once rewrote the terminal and
 * forged a "succeeded:" line.
 */
function printableTree(value: unknown): unknown {
    if (typeof value === "string") return printable(value, /^https?:\/\//i.test(value) ? MAX_URL_LENGTH : MAX_TEXT_LENGTH);
    if (Array.isArray(value)) {
        const items = value.map(printableTree);
        return items.some((item, i) => item !== value[i]) ? items : value;
    }
    if (value && typeof value === "object") {
        // a list page holds hundreds of tasks: copy only an object with a string that changed
        const entries = Object.entries(value);
        const safe = entries.map(([k, v]) => [k, printableTree(v)] as const);
        return safe.some(([, v], i) => v !== entries[i][1]) ? Object.fromEntries(safe) : value;
    }
    return value;
}

function describeIssue(issue: z.core.$ZodIssue): string {
    if (issue.code === "invalid_type") {
        return issue.input === undefined ? `missing (expected ${issue.expected})` : `expected ${issue.expected}, got ${typeOfValue(issue.input)}`;
    }
    if (issue.code === "invalid_union") {
        // e.g. looseNumber: "got string (expected number or string in the documented format)"
        const forms = issue.errors
            .map((alternative) => alternative[0])
            .filter((first): first is z.core.$ZodIssue => first !== undefined)
            .map((first) => (first.code === "invalid_type" ? first.expected : `${(first as { origin?: string }).origin ?? "value"} in the documented format`));
        const got = issue.input === undefined ? "missing" : `got ${typeOfValue(issue.input)}`;
        return forms.length ? `${got} (expected ${[...new Set(forms)].join(" or ")})` : got;
    }
    return issue.message;
}

function typeOfValue(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "array";
    return typeof value;
}

/** Alibaba spells booleans as true or "true" depending on the API and the sample. */
export const looseBoolean = z
    .union([z.boolean(), z.enum(["true", "false", "True", "False"])])
    .transform((v) => v === true || String(v).toLowerCase() === "true");

/**
 * A field the models type as a free string that reads as a boolean ("true", "false"; SupportCancel):
 * true or false when it says so, undefined for anything else, never a shape error.
 */
export const textBoolean = z
    .union([z.boolean(), z.string()])
    .transform((v) => (typeof v === "boolean" ? v : /^true$/i.test(v) ? true : /^false$/i.test(v) ? false : undefined));

/** Numbers sometimes arrive as strings ("80"); both are accepted, anything else is a shape error. */
export const looseNumber = z.union([
    z.number(),
    z
        .string()
        .regex(/^-?\d+(\.\d+)?$/)
        .transform(Number),
]);
