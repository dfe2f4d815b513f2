/**
 * Elastic Desktop Service (ECD) report export tasks: what CreateEcdReportTask starts and
 * DescribeEcdReportTasks lists. A finished export carries a pre-signed download link that
 * stops working urlTtlMs after the export finished; expiresAfterMs after it finished, the task
 * itself turns EXPIRED and the link is gone.
 */
import { randomId } from "./ids";
import { compactUtc, presignedUrl } from "./ossUrl";
import { ALIBABA_REGION_IDS } from "./regions";
import { fail, type SpecReader } from "./specFields";
import type { TaskKind } from "./taskSpec";
import { taskState, type SimTask } from "./tasks";

export const ECD_REPORT_ACTION = "CreateEcdReportTask";
export const ECD_LANG_TYPES = ["zh-CN", "en-GB"] as const;
export type EcdLangType = (typeof ECD_LANG_TYPES)[number];

/** One filter condition, as CreateEcdReportTask takes it (FilterList.N.FilterKey / .FilterValues.M). */
export interface EcdFilter {
    FilterKey: string;
    FilterValues: string[];
}

/** Task spec fields for service "ecd". */
export interface EcdTaskFields {
    /** ReportFileName; default "DesktopReport". */
    reportFileName?: string;
    /** LangType: zh-CN (default) or en-GB. */
    langType?: EcdLangType;
    filterList?: EcdFilter[];
    /** "upper" (INIT, RUNNING, FINISHED, FAILED, EXPIRED; default) or "mixed" (Init, Running, ... as the reference sample spells them). */
    statusCase?: "upper" | "mixed";
    /** How long the download link works after the export finishes (task clock). Default 1 hour. Also used by Sas links. */
    urlTtlMs?: number;
    /** When, after the export finishes, the task turns EXPIRED (task clock). Default urlTtlMs. */
    expiresAfterMs?: number;
    /** Account id in the link's object key (and Sas links). Default 1007214300000001. */
    accountId?: string;
}

export interface EcdDetails {
    taskType: "RESOURCE_REPORT";
    subType: "DESKTOP";
    reportFileName: string;
    langType: EcdLangType;
    filterList: EcdFilter[];
    statusCase: "upper" | "mixed";
    urlTtlMs: number;
    expiresAfterMs: number;
    accountId: string;
}

export type EcdStatus = "INIT" | "RUNNING" | "FINISHED" | "FAILED" | "EXPIRED";

export const DEFAULT_URL_TTL_MS = 60 * 60 * 1000;
export const DEFAULT_ACCOUNT_ID = "1007214300000001";
const MAX_FILTERS = 50;

function filterList(fields: SpecReader): EcdFilter[] {
    return (
        fields.check("filterList", () => {
            const value = fields.spec.filterList;
            if (value === undefined) return [];
            const shapeError = `filterList must be a list of at most ${MAX_FILTERS} { FilterKey: string, FilterValues: string[] }`;
            if (!Array.isArray(value) || value.length > MAX_FILTERS) fail(shapeError);
            return value.map((entry: unknown) => {
                const e = entry as Partial<EcdFilter> | null;
                if (typeof e !== "object" || e === null || typeof e.FilterKey !== "string" || e.FilterKey === "") fail(shapeError);
                if (!Array.isArray(e.FilterValues) || !e.FilterValues.every((v) => typeof v === "string")) fail(shapeError);
                return { FilterKey: e.FilterKey, FilterValues: [...e.FilterValues] };
            });
        }) ?? []
    );
}

function buildDetails(fields: SpecReader): EcdDetails {
    const urlTtlMs = fields.count("urlTtlMs", 0, Number.MAX_SAFE_INTEGER) ?? DEFAULT_URL_TTL_MS;
    return {
        taskType: "RESOURCE_REPORT",
        subType: "DESKTOP",
        reportFileName: fields.string("reportFileName") ?? "DesktopReport",
        langType: fields.choice("langType", ECD_LANG_TYPES) ?? "zh-CN",
        filterList: filterList(fields),
        statusCase: fields.choice("statusCase", ["upper", "mixed"] as const) ?? "upper",
        urlTtlMs,
        expiresAfterMs: fields.count("expiresAfterMs", 0, Number.MAX_SAFE_INTEGER) ?? urlTtlMs,
        accountId: fields.digits("accountId", 20) ?? DEFAULT_ACCOUNT_ID,
    };
}

export function ecdDetails(task: SimTask): EcdDetails {
    return task.details as unknown as EcdDetails;
}

/** The status in upper case, whatever the task's statusCase. */
export function ecdStatus(task: SimTask, now: number): EcdStatus {
    const state = taskState(task, now);
    switch (state.phase) {
        case "waiting":
            return "INIT";
        case "running":
            return "RUNNING";
        case "succeeded":
            return now >= state.endsAt + ecdDetails(task).expiresAfterMs ? "EXPIRED" : "FINISHED";
        default:
            return "FAILED";
    }
}

/** The status as the API spells it for this task. */
export function spelledEcdStatus(task: SimTask, status: EcdStatus): string {
    return ecdDetails(task).statusCase === "mixed" ? status[0] + status.slice(1).toLowerCase() : status;
}

/** The download link of a finished export (valid until its Expires, which may be past). */
export function ecdDownloadUrl(task: SimTask, finishedAt: number): string {
    const details = ecdDetails(task);
    const name = `DESKTOP_${compactUtc(finishedAt)}_${task.id.replace(/^ret-/, "")}.xlsx`;
    return presignedUrl({
        bucket: `${task.region}-ecd-report-files`,
        region: task.region,
        objectKey: `ecd_report/resource/desktop/${details.accountId}/${name}`,
        expiresAtMs: finishedAt + details.urlTtlMs,
        seed: task.id,
        sts: true,
    });
}

export const ecdTaskKind: TaskKind = {
    service: "ecd",
    actions: [ECD_REPORT_ACTION],
    defaultAction: ECD_REPORT_ACTION,
    outcomes: ["success", "failed"],
    regions: ALIBABA_REGION_IDS,
    defaultRegion: "cn-shanghai",
    newTaskId: () => randomId("ret-", 14),
    defaultResourceId: () => "",
    defaultError: () => ({ code: "ReportTask.GenerateFailed", message: "Failed to generate the report file." }),
    extraFields: ["reportFileName", "langType", "filterList", "statusCase", "urlTtlMs", "expiresAfterMs", "accountId"],
    buildDetails: (_spec, _task, fields) => ({ ...buildDetails(fields) }),
    statusOf: (task, now) => spelledEcdStatus(task, ecdStatus(task, now)),
    apiTaskDefaults: { queuedMs: 2_000, durationMs: 30_000, outcome: "success" },
};
