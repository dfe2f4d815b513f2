import { z } from "zod";
import { parseDuration } from "./engine/duration";
import { ECS_MAX_TASK_IDS, ECS_TASK_ACTIONS } from "./services/ecs";
import { UNKNOWN_VALUE } from "./lifecycle/validate";

/**
 * Resource inputs as zod schemas: validated in `check`, and the TypeScript types of the resource
 * arguments are inferred from them. Every message names what is wrong and how to fix it.
 */

/**
 * The user's value as messages quote it: JSON, cut short, so that an oversized value (a file read
 * by mistake) does not fill `pulumi preview` with itself.
 */
export function quoteInput(value: unknown, max = 60): string {
    const text = JSON.stringify(value) ?? String(value);
    return text.length <= max ? text : `${text.slice(0, max - 20)}... (${text.length} characters)`;
}

const MIN_TIMEOUT_MS = 1000;
const MAX_TIMEOUT_MS = 24 * 3_600_000;

export const durationSchema = z
    .string({ error: 'must be a duration string such as "30s", "45m" or "1h30m"' })
    .refine((text) => parseDuration(text) !== undefined, {
        error: (issue) => `${quoteInput(issue.input)} is not a duration: use a number with a unit, such as "30s", "45m" or "1h30m" (units ms, s, m, h)`,
    });

/** Bounds judge only values that are durations: a malformed one already has its message. */
const atLeast = (ms: number) => (t: string) => (parseDuration(t) ?? ms) >= ms;
const atMost = (ms: number) => (t: string) => (parseDuration(t) ?? ms) <= ms;

const timeoutSchema = durationSchema
    .refine(atLeast(MIN_TIMEOUT_MS), { error: "must be at least 1s" })
    .refine(atMost(MAX_TIMEOUT_MS), { error: "must be at most 24h: a longer wait belongs to a later `pulumi up`, which resumes it" });

const intervalSchema = durationSchema.refine(atLeast(100), { error: "must be at least 100ms" });

export const pollIntervalSchema = z
    .strictObject(
        {
            min: intervalSchema.optional().describe("Shortest delay between two polls (first delay after the immediate first check). Default 3s."),
            max: intervalSchema.optional().describe("Longest delay between two polls. Default 10s."),
        },
        { error: 'must be an object such as { min: "2s", max: "30s" }' },
    )
    .refine((p) => !p.min || !p.max || parseDuration(p.min)! <= parseDuration(p.max)!, { error: "min must not be longer than max", path: ["min"] });

export const regionSchema = z
    .string({ error: 'must be a region id such as "cn-hangzhou"' })
    .regex(/^[a-z]{2,}(-[a-z0-9]+)+$/, { error: (i) => `${quoteInput(i.input)} is not a region id: use one such as "cn-hangzhou" or "ap-southeast-1"` });

const statusListSchema = z
    .array(z.string({ error: 'must be a raw status name such as "Done"' }).trim().min(1, { error: "must not be empty" }), { error: 'must be a list of raw status names such as ["Done"]' })
    .max(20, { error: "at most 20 statuses" });

/**
 * A rule across properties ("set only one of ..."). Zod skips object refinements once a property
 * failed, so `check` also runs these rules itself and reports every problem at once. They only
 * look at which keys are set, so an invalid value cannot break them.
 */
export type CrossFieldRule = (value: Record<string, unknown>) => { path: string; message: string }[];

export function applyRule(rule: CrossFieldRule) {
    return (value: object, ctx: z.RefinementCtx): void => {
        for (const issue of rule(value as Record<string, unknown>)) ctx.addIssue({ code: "custom", path: [issue.path], message: issue.message });
    };
}

/** A raw status in both successStatuses and failureStatuses: which list wins would be a guess. */
export const statusListsRule: CrossFieldRule = (value) => {
    // a value unknown at preview is not a status yet
    const known = (s: unknown): s is string => typeof s === "string" && s !== UNKNOWN_VALUE;
    const names = (list: unknown) => (Array.isArray(list) ? list.filter(known).map((s) => s.trim().toLowerCase()).filter(Boolean) : []);
    const success = new Set(names(value.successStatuses));
    const both = [...new Set(names(value.failureStatuses))].filter((s) => success.has(s));
    if (both.length === 0) return [];
    return [{ path: "failureStatuses", message: `${quoteInput(both.join(", "))} is also in successStatuses: remove it from one of the two lists` }];
};

/** Options every waiting resource has. */
export const waitOptionShape = {
    region: regionSchema.optional().describe("Region of the task. Default: stack config alicloud:region, else ALIBABA_CLOUD_REGION_ID / ALICLOUD_REGION."),
    timeout: timeoutSchema.default("30m").describe("How long one `pulumi up` waits before recording the resource as still waiting (resumed by the next `pulumi up`). 1s..24h, default 30m."),
    pollInterval: pollIntervalSchema.optional().describe("Bounds of the exponential backoff between polls."),
    onFailure: z
        .enum(["fail", "warn"], { error: 'must be "fail" or "warn"' })
        .default("fail")
        .describe('"fail": a failed task fails the deployment. "warn": the resource is recorded with status "failed" and a warning, like a Terraform check block.'),
    successStatuses: statusListSchema.optional().describe("Extra raw statuses (case-insensitive) to treat as success, for statuses the documentation does not list."),
    failureStatuses: statusListSchema.optional().describe("Extra raw statuses (case-insensitive) to treat as failure."),
    /** Set by the resource class to its name, so that progress lines and errors say which resource they are about. */
    resourceName: z.string({ error: "must be a string: the resource class sets it to the resource's name; remove it from the arguments" }).optional(),
};

const ecsTaskIdSchema = z
    .string({ error: 'must be an ECS task id such as "t-bp1hvgwromzv32iq1234"' })
    .regex(/^t-[A-Za-z0-9]{4,64}$/, { error: (i) => `${quoteInput(i.input)} is not an ECS task id: ECS task ids look like "t-bp1hvgwromzv32iq1234": use the TaskId that ImportImage, ExportImage, ModifyDiskSpec or RedeployInstance returned` });

const ecsResourceIdSchema = z
    .string({ error: "must be a resource id (an image id m-..., an instance id i-... or a disk id d-...)" })
    .regex(/^[a-z]{1,4}-[A-Za-z0-9]{4,64}$/, { error: (i) => `${quoteInput(i.input)} is not a resource id: use an image id (m-...), instance id (i-...) or disk id (d-...)` });

/** One way to say what to wait for: taskId, taskIds, or resourceIds with taskAction. */
export const ecsSelectorRule: CrossFieldRule = (value) => {
    const issues: { path: string; message: string }[] = [];
    const selectors = ["taskId", "taskIds", "resourceIds"].filter((k) => value[k] !== undefined);
    if (selectors.length === 0) issues.push({ path: "taskId", message: "set one of taskId, taskIds, or resourceIds with taskAction" });
    else if (selectors.length > 1) issues.push({ path: selectors[1], message: `set only one of ${selectors.join(" and ")}: they are alternative ways to say what to wait for` });
    if (value.resourceIds !== undefined && value.taskAction === undefined) {
        issues.push({ path: "taskAction", message: `required with resourceIds: one of ${ECS_TASK_ACTIONS.join(", ")}` });
    }
    if (value.taskAction !== undefined && value.resourceIds === undefined) {
        issues.push({ path: "taskAction", message: "only used with resourceIds: remove it, or list the resourceIds to look up" });
    }
    return issues;
};

export const ecsTaskWaiterSchema = z
    .strictObject({
        service: z.literal("ecs"),
        taskId: ecsTaskIdSchema.optional().describe("The ECS task to wait for (as returned by ImportImage, ExportImage, ModifyDiskSpec, RedeployInstance)."),
        taskIds: z
            .array(ecsTaskIdSchema, { error: "must be a list of ECS task ids" })
            .min(1, { error: "must list at least one task id" })
            .max(ECS_MAX_TASK_IDS, { error: `at most ${ECS_MAX_TASK_IDS} task ids: split them across several TaskWaiters` })
            .optional()
            .describe("Several ECS tasks (1..100) waited on together; the waiter succeeds when all succeed."),
        resourceIds: z
            .array(ecsResourceIdSchema, { error: "must be a list of resource ids" })
            .min(1, { error: "must list at least one resource id" })
            .max(ECS_MAX_TASK_IDS, { error: `at most ${ECS_MAX_TASK_IDS} resource ids` })
            .optional()
            .describe("Find the newest task of `taskAction` for each of these resources (image, instance or disk ids) and wait for it."),
        taskAction: z
            .enum(ECS_TASK_ACTIONS, { error: `must be one of ${ECS_TASK_ACTIONS.join(", ")}` })
            .optional()
            .describe("With resourceIds: which kind of task to look for."),
        failOnPartialFailure: z
            .boolean({ error: "must be true or false" })
            .default(true)
            .describe("A Finished task whose operations partly failed (FailedCount > 0) counts as failed. Default true."),
        ...waitOptionShape,
    })
    .superRefine(applyRule(ecsSelectorRule))
    .superRefine(applyRule(statusListsRule));

/** The message for a missing or unsupported `service` (zod hands over the whole object). */
export function serviceError(supported: readonly string[]) {
    return (issue: { input?: unknown }): string => {
        const service = issue.input && typeof issue.input === "object" ? (issue.input as { service?: unknown }).service : issue.input;
        const list = supported.map((s) => `"${s}"`).join(", ");
        return service === undefined ? `required: set service to one of ${list}` : `${quoteInput(service)} is not a supported service: use one of ${list}`;
    };
}

/** Ids that go into a URL path or a query as they are: letters, digits, "-" and "_". */
function plainIdSchema(what: string, example: string) {
    return z
        .string({ error: (i) => (i.input === undefined ? `required: ${what} such as "${example}"` : `must be ${what} such as "${example}"`) })
        .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{2,127}$/, { error: (i) => `${quoteInput(i.input)} is not ${what}: use one such as "${example}" (letters, digits, "-" and "_")` });
}

export const bdrcTaskWaiterSchema = z
    .strictObject({
        service: z.literal("bdrc"),
        taskId: plainIdSchema("a BDRC task id", "t-0004d9ctt1ii1234").describe("The Backup and Disaster Recovery Center task to wait for (bdrc DescribeTask)."),
        ...waitOptionShape,
    })
    .superRefine(applyRule(statusListsRule));

export const TASK_WAITER_SERVICES = ["ecs", "bdrc"] as const;

export const taskWaiterInputsSchema = z.discriminatedUnion("service", [ecsTaskWaiterSchema, bdrcTaskWaiterSchema], { error: serviceError(TASK_WAITER_SERVICES) });

/** The cross-field rules of each TaskWaiter service, for `check` (see CrossFieldRule). */
export const taskWaiterRules: CrossFieldRule = (value) => [...(value.service === "ecs" ? ecsSelectorRule(value) : []), ...statusListsRule(value)];

export type TaskWaiterInputs = z.output<typeof taskWaiterInputsSchema>;
/** What a program passes (defaults not yet applied). */
export type TaskWaiterInputArgs = z.input<typeof taskWaiterInputsSchema>;

// ---- ReportExport ----

/** A required string with a message that says what to put there when it is missing. */
function requiredText(what: string) {
    return z
        .string({ error: (i) => (i.input === undefined ? `required: ${what}` : `must be a string: ${what}`) })
        .trim()
        .min(1, { error: `must not be empty: ${what}` });
}

const ecdReportFilterSchema = z.strictObject(
    {
        key: requiredText('the filter key, such as "RegionId"'),
        values: z
            .array(z.string({ error: "must be a string" }), { error: (i) => `${i.input === undefined ? "required: " : "must be "}a list of values such as ["cn-hangzhou"]` })
            .min(1, { error: "must list at least one value" })
            .max(100, { error: "at most 100 values" }),
    },
    { error: 'must be an object such as { key: "RegionId", values: ["cn-hangzhou"] }' },
);

export const ecdReportRequestSchema = z.strictObject(
    {
        taskType: requiredText('the report type, "RESOURCE_REPORT"').describe('CreateEcdReportTask TaskType: "RESOURCE_REPORT".'),
        subType: requiredText('what the report is about, "DESKTOP" (cloud computers)').describe('CreateEcdReportTask SubType: "DESKTOP".'),
        reportFileName: z.string({ error: "must be a file name" }).trim().min(1, { error: "must not be empty" }).max(255, { error: "at most 255 characters" }).optional().describe("ReportFileName."),
        langType: z
            .string({ error: 'must be a language such as "zh-CN" or "en-US"' })
            .regex(/^[a-z]{2}(-[A-Za-z]{2,4})?$/, { error: (i) => `${quoteInput(i.input)} is not a language: use one such as "zh-CN" or "en-US"` })
            .optional()
            .describe('LangType, e.g. "zh-CN" or "en-US".'),
        filters: z.array(ecdReportFilterSchema, { error: "must be a list of { key, values }" }).max(20, { error: "at most 20 filters" }).optional().describe("FilterList: [{ key, values }]."),
    },
    { error: 'must be an object such as { taskType: "RESOURCE_REPORT", subType: "DESKTOP" }' },
);

function isJsonObjectText(text: string): boolean {
    try {
        const value = JSON.parse(text);
        return value !== null && typeof value === "object" && !Array.isArray(value);
    } catch {
        return false;
    }
}

const sasParamsSchema = z.union(
    [
        z.record(z.string(), z.unknown()),
        z.string().refine(isJsonObjectText, { error: (i) => `${quoteInput(i.input)} is not the JSON text of an object: pass an object, or its JSON text such as '{"riskLevel":"high"}'` }),
    ],
    { error: 'must be an object such as { riskLevel: "high" }, or its JSON text' },
);

export const sasExportRequestSchema = z.strictObject(
    {
        exportType: requiredText('what to export, an ExportRecord ExportType such as "exportHcWarning"').describe("ExportRecord ExportType."),
        params: sasParamsSchema.optional().describe("ExportRecord Params: an object (sent as JSON text) or JSON text."),
        lang: z.enum(["zh", "en"], { error: 'must be "zh" or "en"' }).optional().describe('ExportRecord Lang: "zh" or "en".'),
    },
    { error: 'must be an object such as { exportType: "exportHcWarning" }' },
);

const sasExportIdSchema = z
    .union([z.number(), z.string()], { error: "must be a Security Center export id (an integer such as 131231, the Id that ExportRecord returned)" })
    .transform((v) => (typeof v === "string" && /^\d+$/.test(v.trim()) ? Number(v.trim()) : v))
    .refine((v) => typeof v === "number" && Number.isSafeInteger(v) && v > 0, {
        error: (i) => `${quoteInput(i.input)} is not an export id: use the positive integer Id that ExportRecord returned, such as 131231`,
    })
    .transform((v) => v as number);

/** Options every ReportExport has, besides the wait options. */
const reportExportOptionShape = {
    renewOnExpiry: z
        .boolean({ error: "must be true or false" })
        .default(true)
        .describe("With create: once the download URL has expired, the next `pulumi up` replaces the resource, which starts a fresh export. Default true. An adopted export cannot be renewed."),
    ...waitOptionShape,
};

/** Exactly one of "adopt an export that exists" and "start one". */
export function adoptOrStartRule(adoptKey: "taskId" | "exportId"): CrossFieldRule {
    return (value) => {
        const adopt = value[adoptKey] !== undefined;
        const start = value.create !== undefined;
        if (!adopt && !start) return [{ path: "create", message: `set create to start a new export, or ${adoptKey} to wait for one that exists` }];
        // on create: an adopted id may be unknown at preview, and issues on unknown values are not shown
        if (adopt && start) return [{ path: "create", message: `set only one of ${adoptKey} and create: ${adoptKey} adopts an export that exists, create starts a new one` }];
        return [];
    };
}

export const ecdReportExportSchema = z
    .strictObject({
        service: z.literal("ecd"),
        taskId: plainIdSchema("an ECD report task id", "ret-sfkdsjfi1234").optional().describe("Adopt: the report export task to wait for (DescribeEcdReportTasks TaskId)."),
        create: ecdReportRequestSchema.optional().describe("Start: CreateEcdReportTask with { taskType, subType, reportFileName?, langType?, filters? }, then wait."),
        ...reportExportOptionShape,
    })
    .superRefine(applyRule(adoptOrStartRule("taskId")))
    .superRefine(applyRule(statusListsRule));

export const sasReportExportSchema = z
    .strictObject({
        service: z.literal("sas"),
        exportId: sasExportIdSchema.optional().describe("Adopt: the Security Center export to wait for (DescribeExportInfo ExportId)."),
        create: sasExportRequestSchema.optional().describe("Start: ExportRecord with { exportType, params?, lang? }, then wait."),
        ...reportExportOptionShape,
    })
    .superRefine(applyRule(adoptOrStartRule("exportId")))
    .superRefine(applyRule(statusListsRule));

export const REPORT_EXPORT_SERVICES = ["ecd", "sas"] as const;

export const reportExportInputsSchema = z.discriminatedUnion("service", [ecdReportExportSchema, sasReportExportSchema], { error: serviceError(REPORT_EXPORT_SERVICES) });

/** The cross-field rules of each ReportExport service, for `check` (see CrossFieldRule). */
export const reportExportRules: CrossFieldRule = (value) => [
    ...(value.service === "ecd" ? adoptOrStartRule("taskId")(value) : value.service === "sas" ? adoptOrStartRule("exportId")(value) : []),
    ...statusListsRule(value),
];

export type ReportExportInputs = z.output<typeof reportExportInputsSchema>;
/** What a program passes (defaults not yet applied). */
export type ReportExportInputArgs = z.input<typeof reportExportInputsSchema>;
export type EcdReportExportInputs = Extract<ReportExportInputs, { service: "ecd" }>;
export type SasReportExportInputs = Extract<ReportExportInputs, { service: "sas" }>;
