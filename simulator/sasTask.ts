/**
 * Security Center (Sas) exports: what ExportRecord starts and DescribeExportInfo reports. An
 * export has no failure status: it succeeds, or (outcome "stuck") stays exporting forever.
 * Export ids are integers, so these tasks get numeric ids.
 */
import { randomInt } from "node:crypto";
import { DEFAULT_ACCOUNT_ID, DEFAULT_URL_TTL_MS } from "./ecdTask";
import { presignedUrl } from "./ossUrl";
import { fail, type SpecReader } from "./specFields";
import type { TaskKind } from "./taskSpec";
import { taskState, type SimTask, type TaskPhase } from "./tasks";

export const SAS_EXPORT_ACTION = "ExportRecord";
export const SAS_REGIONS: readonly string[] = Object.freeze(["cn-shanghai", "ap-southeast-1"]);

/** The errors DescribeExportInfo documents, which a task can be set to answer with. */
export const SAS_TASK_ERRORS = {
    NoPermission: { status: 403, message: "caller has no permission" },
    ServerError: { status: 500, message: "ServerError" },
    RdCheckInnerError: { status: 500, message: "Resource directory account service internal error." },
} as const;
export type SasTaskError = keyof typeof SAS_TASK_ERRORS;

/** Task spec fields for service "sas". */
export interface SasTaskFields {
    /** ExportType; default virusScanExport. */
    exportType?: string;
    /** ExportFileType, which ExportRecord requires with ExportType virusScanExport. Default: virusScanExport for that type, else none. */
    exportFileType?: string;
    /** Lang: zh (default) or en. */
    lang?: "zh" | "en";
    /** Params: a string kept as is, or an object serialised to JSON. Default "". */
    params?: string | object;
    /** FileName; default <exportType>_<yyyyMMdd of creation>. */
    fileName?: string;
    /** TotalCount of rows; CurrentCount follows the progress. Default 100. */
    totalCount?: number;
    /** Every DescribeExportInfo of this export fails with this documented error. */
    failWith?: SasTaskError;
    /** Member accounts allowed in ResourceDirectoryAccountId; any other is refused with RdCheckNoPermission. Default none. */
    rdAccountIds?: string[];
    // urlTtlMs (default 1 hour) and accountId are shared with ECD: see EcdTaskFields.
}

export interface SasDetails {
    exportType: string;
    exportFileType: string | undefined;
    lang: "zh" | "en";
    params: string;
    fileName: string | undefined;
    totalCount: number;
    failWith: SasTaskError | undefined;
    rdAccountIds: string[];
    urlTtlMs: number;
    accountId: string;
}

const MAX_EXPORT_ID = 999_999_999_999;
/** Ids count up from a random start: unique within the process, not guessable across runs. */
let nextExportId = 100_000 + randomInt(900_000);

function buildDetails(fields: SpecReader): SasDetails {
    const exportType = fields.string("exportType") ?? "virusScanExport";
    return {
        exportType,
        exportFileType: fields.string("exportFileType") ?? (exportType === "virusScanExport" ? "virusScanExport" : undefined),
        lang: fields.choice("lang", ["zh", "en"] as const) ?? "zh",
        params: fields.jsonText("params") ?? "",
        fileName: fields.string("fileName"),
        totalCount: fields.count("totalCount", 0, 10_000_000) ?? 100,
        failWith: fields.choice("failWith", Object.keys(SAS_TASK_ERRORS) as SasTaskError[]),
        rdAccountIds: fields.stringList("rdAccountIds", 100) ?? [],
        urlTtlMs: fields.count("urlTtlMs", 0, Number.MAX_SAFE_INTEGER) ?? DEFAULT_URL_TTL_MS,
        accountId: fields.digits("accountId", 20) ?? DEFAULT_ACCOUNT_ID,
    };
}

export function sasDetails(task: SimTask): SasDetails {
    return task.details as unknown as SasDetails;
}

/** FileName: as given, or <exportType>_<yyyyMMdd> of the creation day. */
export function sasFileName(task: SimTask): string {
    const details = sasDetails(task);
    return details.fileName ?? `${details.exportType}_${new Date(task.createdAt).toISOString().slice(0, 10).replace(/-/g, "")}`;
}

export function sasStatusOf(phase: TaskPhase): string {
    if (phase === "waiting") return "init";
    if (phase === "running") return "exporting";
    return "success";
}

/** The link of a finished export; it stops working urlTtlMs after the export finished. */
export function sasLink(task: SimTask, finishedAt: number): string {
    const details = sasDetails(task);
    return presignedUrl({
        bucket: `sas-export-${task.region}`,
        region: task.region,
        objectKey: `export/${details.accountId}/${sasFileName(task)}_${task.id}.xlsx`,
        expiresAtMs: finishedAt + details.urlTtlMs,
        seed: task.id,
        sts: false,
    });
}

export const sasTaskKind: TaskKind = {
    service: "sas",
    actions: [SAS_EXPORT_ACTION],
    defaultAction: SAS_EXPORT_ACTION,
    outcomes: ["success", "stuck"],
    regions: SAS_REGIONS,
    defaultRegion: "cn-shanghai",
    newTaskId: () => String(nextExportId++),
    checkTaskId: (id) => {
        if (!/^[1-9]\d*$/.test(id) || Number(id) > MAX_EXPORT_ID) fail(`a sas taskId must be an integer from 1 to ${MAX_EXPORT_ID}`);
    },
    defaultResourceId: () => "",
    defaultError: () => ({ code: "", message: "" }),
    extraFields: ["exportType", "exportFileType", "lang", "params", "fileName", "totalCount", "failWith", "rdAccountIds", "urlTtlMs", "accountId"],
    buildDetails: (_spec, _task, fields) => ({ ...buildDetails(fields) }),
    statusOf: (task, now) => sasStatusOf(taskState(task, now).phase),
    apiTaskDefaults: { queuedMs: 1_000, durationMs: 20_000, outcome: "success" },
};
