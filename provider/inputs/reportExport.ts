import { z } from "zod";
import type { CrossFieldRule } from "./validate";
import { ECD_LANG_TYPES } from "../services/ecd";
import { ResourceInputs, plainIdSchema, quoteInput, requiredText, serviceError, statusListsRule, waitOptionShape } from "./common";

/** ReportExport's inputs: adopt an export (taskId / exportId) or start one (create), per service. */

const ecdReportFilterSchema = z.strictObject(
    {
        key: requiredText('the filter key, such as "RegionId"').describe('FilterKey: what to filter on, such as "RegionId".'),
        values: z
            .array(z.string({ error: "must be a string" }), {
                error: (i) => `${i.input === undefined ? "required: " : "must be "}a list of values such as ["cn-hangzhou"]`,
            })
            .min(1, { error: "must list at least one value" })
            .max(100, { error: "at most 100 values" })
            .describe("FilterValues: the values to keep, 1 to 100."),
    },
    { error: 'must be an object such as { key: "RegionId", values: ["cn-hangzhou"] }' },
);

const ecdReportRequestSchema = z.strictObject(
    {
        taskType: requiredText('the report type, "RESOURCE_REPORT"').describe('CreateEcdReportTask TaskType: "RESOURCE_REPORT".'),
        subType: requiredText('what the report is about, "DESKTOP" (cloud computers)').describe('CreateEcdReportTask SubType: "DESKTOP".'),
        reportFileName: z
            .string({ error: "must be a file name" })
            .trim()
            .min(1, { error: "must not be empty" })
            .max(255, { error: "at most 255 characters" })
            .optional()
            .describe("ReportFileName."),
        langType: z
            .enum(ECD_LANG_TYPES, { error: (i) => `${quoteInput(i.input)} is not a LangType of CreateEcdReportTask: use "zh-CN" or "en-GB"` })
            .optional()
            .describe('CreateEcdReportTask LangType: "zh-CN" (the API\'s default) or "en-GB"; the API takes no other language.'),
        filters: z
            .array(ecdReportFilterSchema, { error: "must be a list of { key, values }" })
            .max(20, { error: "at most 20 filters" })
            .optional()
            .describe("FilterList: [{ key, values }]."),
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
        z.string().refine(isJsonObjectText, {
            error: (i) => `${quoteInput(i.input)} is not the JSON text of an object: pass an object, or its JSON text such as '{"riskLevel":"high"}'`,
        }),
    ],
    { error: 'must be an object such as { riskLevel: "high" }, or its JSON text' },
);

const sasExportRequestSchema = z.strictObject(
    {
        exportType: requiredText('what to export, an ExportRecord ExportType such as "exportHcWarning"').describe("ExportRecord ExportType."),
        params: sasParamsSchema.optional().describe("ExportRecord Params: an object (sent as JSON text) or JSON text."),
        lang: z.enum(["zh", "en"], { error: 'must be "zh" or "en"' }).optional().describe('ExportRecord Lang: "zh" or "en".'),
        exportFileType: z
            .string({ error: 'must be an ExportRecord ExportFileType such as "virusScanExport"' })
            .trim()
            .min(1, { error: "must not be empty" })
            .optional()
            .describe('ExportRecord ExportFileType: required with exportType "virusScanExport" (the details of a virus scan), as "virusScanExport".'),
    },
    { error: 'must be an object such as { exportType: "exportHcWarning" }' },
);

/** ExportRecord refuses a virus scan export without ExportFileType. */
const exportFileTypeRule: CrossFieldRule = (value) => {
    const create = value.create;
    if (!create || typeof create !== "object") return [];
    const request = create as Record<string, unknown>;
    if (request.exportType !== "virusScanExport" || request.exportFileType !== undefined) return [];
    return [{ path: "create.exportFileType", message: 'required with exportType "virusScanExport": set exportFileType to "virusScanExport"' }];
};

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
        .describe(
            "With create: once the download URL has expired, the next `pulumi up` replaces the resource, which starts a fresh export. Default true. An adopted export cannot be renewed.",
        ),
    ...waitOptionShape,
};

/** Exactly one of "adopt an export that exists" and "start one". */
function adoptOrStartRule(adoptKey: "taskId" | "exportId"): CrossFieldRule {
    return (value) => {
        const adopt = value[adoptKey] !== undefined;
        const start = value.create !== undefined;
        if (!adopt && !start) return [{ path: "create", message: `set create to start a new export, or ${adoptKey} to wait for one that exists` }];
        // on create: an adopted id may be unknown at preview, and issues on unknown values are not shown
        if (adopt && start)
            return [{ path: "create", message: `set only one of ${adoptKey} and create: ${adoptKey} adopts an export that exists, create starts a new one` }];
        return [];
    };
}

export const ecdReportExportSchema = z.strictObject({
    service: z.literal("ecd").describe("Elastic Desktop Service report exports (DescribeEcdReportTasks, CreateEcdReportTask)."),
    taskId: plainIdSchema("an ECD report task id", "ret-sfkdsjfi1234")
        .optional()
        .describe("Adopt: the report export task to wait for (DescribeEcdReportTasks TaskId). Set exactly one of taskId and create."),
    create: ecdReportRequestSchema
        .optional()
        .describe(
            "Start: CreateEcdReportTask with { taskType, subType, reportFileName?, langType?, filters? }, then wait. Set exactly one of taskId and create.",
        ),
    ...reportExportOptionShape,
});

export const sasReportExportSchema = z.strictObject({
    service: z.literal("sas").describe("Security Center exports (DescribeExportInfo, ExportRecord)."),
    exportId: sasExportIdSchema
        .optional()
        .describe(
            "Adopt: the Security Center export to wait for (DescribeExportInfo ExportId): the positive integer Id that ExportRecord returned, as a number or a digit string. Set exactly one of exportId and create.",
        ),
    create: sasExportRequestSchema
        .optional()
        .describe("Start: ExportRecord with { exportType, params?, lang?, exportFileType? }, then wait. Set exactly one of exportId and create."),
    ...reportExportOptionShape,
});

const REPORT_EXPORT_SERVICES = ["ecd", "sas"] as const;

/** ReportExport's cross-field rules, by service (see CrossFieldRule). */
const reportExportRules: CrossFieldRule = (value) => [
    ...(value.service === "ecd"
        ? adoptOrStartRule("taskId")(value)
        : value.service === "sas"
          ? [...adoptOrStartRule("exportId")(value), ...exportFileTypeRule(value)]
          : []),
    ...statusListsRule(value),
];

export const reportExportInputsSchema = z.discriminatedUnion("service", [ecdReportExportSchema, sasReportExportSchema], {
    error: serviceError(REPORT_EXPORT_SERVICES),
});

export const REPORT_EXPORT_INPUTS = { schema: reportExportInputsSchema, rules: reportExportRules, services: REPORT_EXPORT_SERVICES } satisfies ResourceInputs<
    typeof reportExportInputsSchema
>;

export type ReportExportInputs = z.output<typeof reportExportInputsSchema>;
export type EcdReportExportInputs = Extract<ReportExportInputs, { service: "ecd" }>;
export type SasReportExportInputs = Extract<ReportExportInputs, { service: "sas" }>;
