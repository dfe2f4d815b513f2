import { z } from "zod";
import { TRUSTED_ENDPOINT_RULE, untrustedEndpointProblem } from "../client/endpoints";
import { NON_READ_OPT_IN, READ_METHODS, READ_VERBS, isReadAction, isReadMethod, isSignerName } from "../services/readOnly";
import { nestingDepth, paramsProblem } from "../services/rpcParams";
import { quoteInput } from "./quote";
import { RuleContext, UNKNOWN_VALUE } from "./validate";

/**
 * The request an ApiWaiter sends: RPC (action and params) or ROA (method, path, query and body),
 * where (product or endpoint) and in which version. What it may send is limited here, at `check`:
 * reads only unless `allowNonReadAction` says otherwise, no parameter the signer sets, endpoints
 * under Alibaba Cloud's own domain over https, paths without dot segments, bounded nesting.
 */

/** A JSON request body deeper than this is a mistake (documented bodies nest a few levels). */
const MAX_BODY_DEPTH = 32;

const SIGNER_NAME_FIX = "the signer sets it from `action`, `version` and the provider's credentials: remove it";

/**
 * Each name of a record judged on its own path (params.Action), which zod's record key schemas do
 * not do: their issues take the record's own message.
 */
const namesChecked = (what: string, pattern?: { regex: RegExp; example: string }) => (record: Record<string, unknown>, ctx: z.RefinementCtx) => {
    for (const name of Object.keys(record)) {
        if (pattern && !pattern.regex.test(name))
            ctx.addIssue({ code: "custom", path: [name], message: `${quoteInput(name)} is not a ${what} name: use one such as "${pattern.example}"` });
        else if (isSignerName(name)) ctx.addIssue({ code: "custom", path: [name], message: `may not be a ${what}: ${SIGNER_NAME_FIX}` });
    }
};

const paramsSchema = z
    .record(z.string(), z.unknown(), { error: "must be an object of request parameters such as { InstanceIds: '[\"i-bp1...\"]' }" })
    .superRefine(namesChecked("request parameter", { regex: /^[A-Za-z][\w.]*$/, example: "InstanceIds" }))
    .superRefine((params, ctx) => {
        const problem = paramsProblem(params);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
    });

/** "." and ".." in a path, as they are or percent-encoded once or twice: a server may resolve them to another resource. */
function hasDotSegment(path: string): boolean {
    return path.split("/").some((segment) => {
        let text = segment;
        for (let i = 0; i < 3; i++) {
            if (text === "." || text === "..") return true;
            try {
                text = decodeURIComponent(text);
            } catch {
                return false;
            }
        }
        return false;
    });
}

export const apiRequestShape = {
    product: z
        .string({ error: 'must be a product code such as "Ecs", "CS" or "Sas"' })
        .regex(/^[A-Za-z][A-Za-z0-9-]{1,39}$/, { error: (i) => `${quoteInput(i.input)} is not a product code: use one such as "Ecs", "CS" or "Sas"` })
        .optional()
        .describe(
            "Product code (Ecs, CS, Sas, ...): picks the endpoint from Alibaba's endpoint data for the region, and the rate-limit bucket. A code Alibaba's product list does not hold gets a warning at `check`, naming the codes it is near.",
        ),
    endpoint: z
        .string({ error: `must be ${TRUSTED_ENDPOINT_RULE}, such as "ecs.cn-hangzhou.aliyuncs.com"` })
        .regex(/^(https?:\/\/)?[A-Za-z0-9.-]+(:\d+)?\/?$/, {
            error: (i) => `${quoteInput(i.input)} is not an endpoint: use ${TRUSTED_ENDPOINT_RULE}, such as "ecs.cn-hangzhou.aliyuncs.com"`,
        })
        .superRefine((endpoint, ctx) => {
            const problem = untrustedEndpointProblem(endpoint);
            if (problem)
                ctx.addIssue({
                    code: "custom",
                    message: `${quoteInput(endpoint)} ${problem}: use ${TRUSTED_ENDPOINT_RULE}, such as "ecs.cn-hangzhou.aliyuncs.com" (a simulator or proxy is the provider's endpoint override: stack config alicloud-tasks:endpoint or ALICLOUD_TASKS_ENDPOINT)`,
                });
        })
        .optional()
        .describe(
            `The endpoint to call, instead of the endpoint data's: ${TRUSTED_ENDPOINT_RULE}. The provider's endpoint override (stack config alicloud-tasks:endpoint or ALICLOUD_TASKS_ENDPOINT, e.g. the simulator) wins over both.`,
        ),
    version: z
        .string({ error: (i) => `${i.input === undefined ? "required: " : "must be "}the API version such as "2014-05-26"` })
        .regex(/^\d{4}-\d{2}-\d{2}$/, { error: (i) => `${quoteInput(i.input)} is not an API version: use one such as "2014-05-26"` })
        .describe("API version, e.g. 2014-05-26 for ECS."),
    action: z
        .string({ error: 'must be an RPC action such as "DescribeInstances"' })
        .regex(/^[A-Z][A-Za-z0-9]{1,99}$/, { error: (i) => `${quoteInput(i.input)} is not an action name: use one such as "DescribeInstances"` })
        .optional()
        .describe(`RPC: the action, e.g. DescribeInstances. A read (${READ_VERBS.join(", ")}, and their Batch forms) unless allowNonReadAction is set.`),
    params: paramsSchema
        .optional()
        .describe(
            `RPC: request parameters. Objects and arrays are flattened as Alibaba's SDKs do (Tag.1.Key, Filter.Name), null dropped, at most 8 levels deep; a parameter the API takes as JSON text is passed as a string. RegionId is added from region unless set (null leaves it out). Names the signer sets (Action, Version, Signature, AccessKeyId, SecurityToken, ...) are refused.`,
        ),
    method: z
        .enum(["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"], { error: 'must be "GET", "HEAD", "POST", "PUT", "DELETE" or "PATCH"' })
        .optional()
        .describe(`ROA: the HTTP method. Default GET. ${READ_METHODS.join(" and ")} read; any other needs allowNonReadAction.`),
    path: z
        .string({ error: 'must be a resource path such as "/clusters/c-123"' })
        .regex(/^\/[\w\-./{}%~:@]*$/, { error: (i) => `${quoteInput(i.input)} is not a resource path: use one such as "/clusters/c-123"` })
        .refine((path) => !hasDotSegment(path), {
            error: (i) =>
                `${quoteInput(i.input)} has a "." or ".." segment (perhaps percent-encoded), which a server may resolve to another resource: write the path in full`,
        })
        .optional()
        .describe('ROA: the resource path, e.g. /clusters/c82e6987e2961451182edacd74faf****. No "." or ".." segments, in any encoding.'),
    query: z
        .record(z.string(), z.union([z.string(), z.number(), z.boolean()]), { error: "must be an object of query parameters" })
        .superRefine(namesChecked("query parameter"))
        .optional()
        .describe("ROA: query parameters (names the signer sets refused)."),
    body: z
        .unknown()
        .superRefine((body, ctx) => {
            if (nestingDepth(body, MAX_BODY_DEPTH + 1) > MAX_BODY_DEPTH)
                ctx.addIssue({ code: "custom", message: `nested deeper than ${MAX_BODY_DEPTH} levels: send the body the API documents` });
            else if (body && typeof body === "object" && !Array.isArray(body))
                for (const name of Object.keys(body))
                    if (isSignerName(name)) ctx.addIssue({ code: "custom", path: [name], message: `may not be a body field: ${SIGNER_NAME_FIX}` });
        })
        .optional()
        .describe("ROA: a request body, sent as JSON."),
    allowNonReadAction: z
        .boolean({ error: "must be true or false" })
        .default(false)
        .describe(
            'Allow an action or method that is not a read (anything but Describe*, List*, Get*, Query*, Check*, Search*, Count*, Lookup* and ROA GET or HEAD). A wait repeats its call on every poll: the action is sent again and again. Mode "check" never calls one. A call that failed ambiguously (5xx, timeout, network) is not repeated: the server may have acted.',
        ),
};

const isSet = (value: Record<string, unknown>, key: string) => value[key] !== undefined;
const known = (value: unknown): value is string => typeof value === "string" && value !== UNKNOWN_VALUE;

/** Why reads only, in the words every refusal uses. */
const WHY_READS = 'ApiWaiter repeats its call on every poll, and in mode "check" on every `pulumi up` and `pulumi refresh`';

/** RPC or ROA, never both; somewhere to send it; reads only unless opted in, and never in a check. */
export const apiRequestRules = (value: Record<string, unknown>, context: RuleContext = {}): { path: string; message: string }[] => {
    const issues: { path: string; message: string }[] = [];
    const rpc = isSet(value, "action");
    const roa = isSet(value, "path");
    if (rpc && roa) issues.push({ path: "path", message: "set only one of action (an RPC API) and path (a ROA API)" });
    if (!rpc && !roa) issues.push({ path: "action", message: 'set action (an RPC API, e.g. "DescribeInstances") or path (a ROA API, e.g. "/clusters/c-123")' });
    if (!rpc && isSet(value, "params")) issues.push({ path: "params", message: "params go with action (RPC); a ROA API takes query and body" });
    for (const key of ["method", "query", "body"])
        if (!roa && isSet(value, key)) issues.push({ path: key, message: `${key} goes with path (ROA); an RPC API takes params` });
    // the wait command's `--endpoint` is somewhere to send it too, as its synopsis says
    if (!isSet(value, "product") && !isSet(value, "endpoint") && !context.endpointOption)
        issues.push({ path: "product", message: 'set product (e.g. "Ecs": the endpoint comes from Alibaba\'s endpoint data) or endpoint' });
    const optedIn = value[NON_READ_OPT_IN] === true;
    const check = value.mode === "check";
    const nonRead =
        rpc && known(value.action) && !isReadAction(value.action)
            ? { path: "action", what: `${quoteInput(value.action)} is not a read` }
            : roa && known(value.method) && !isReadMethod(value.method)
              ? { path: "method", what: `${quoteInput(value.method)} is not a read` }
              : undefined;
    if (nonRead && check)
        issues.push({ path: "mode", message: `${nonRead.what}, and mode "check" calls only reads (${WHY_READS}): use a read such as a Describe* action` });
    else if (nonRead && !optedIn)
        issues.push({
            path: nonRead.path,
            message: `${nonRead.what}: ${WHY_READS}, so it calls only reads (${READ_VERBS.join(", ")} actions; ROA GET and HEAD). To wait on a call that changes something, repeated on every poll, set ${NON_READ_OPT_IN}: true`,
        });
    return issues;
};
