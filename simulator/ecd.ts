/**
 * Elastic Desktop Service (API version 2020-09-30, RPC): CreateEcdReportTask and
 * DescribeEcdReportTasks over simulated report exports.
 *
 * Choices where the reference pages are silent or inconsistent:
 * - CreateEcdReportTask answers Code "success" and leaves Message out (the SDK model says it is
 *   absent on success); pop-core accepts "success" as a success code.
 * - There is no RegionId parameter: every export is listed, whatever region it was made in.
 * - LangType (zh-CN or en-GB, "an enumerated value" in the SDK model) and SubType (an enum there
 *   too) are refused as the API gateway refuses enumeration values: 400 InvalidLangType /
 *   InvalidSubType, "Specified parameter LangType is not valid.". TaskType, whose model lists no
 *   enumeration, is refused by the service: 400 InvalidParameter. BusinessChannel is ignored.
 * - Status filters compare case-insensitively; an unknown status value matches nothing.
 * - Progress is a float percentage with one decimal, 100 once the export has ended.
 * - DownloadUrl is "" until FINISHED and again once EXPIRED. ErrorCode is "Success" when
 *   FINISHED (as the sample shows), the task's error code when FAILED, "" otherwise.
 * - GmtModified is the last change of status: creation, start, end or expiry.
 */
import { ecdDetails, ecdDownloadUrl, ecdStatus, ecdTaskKind, spelledEcdStatus, ECD_LANG_TYPES, ECD_REPORT_ACTION, type EcdFilter } from "./ecdTask";
import { invalidEnumValue, invalidParameter, missingParameter } from "./errors";
import type { RpcContext, ServiceModule } from "./registry";
import { optionalInteger, optionalParam, repeatList, requiredParam } from "./rpcParams";
import type { RequestParams } from "./signature";
import { taskState, type SimTask } from "./tasks";

export const ECD_VERSION = "2020-09-30";
const SERVICE = "ecd";
const PRODUCT = "ecd";

/** 2025-07-14T07:46:49.000+00:00 */
export function formatEcdTime(ms: number): string {
    return new Date(ms).toISOString().replace(/Z$/, "+00:00");
}

/** A required parameter with a documented list of values; `enumerated` when the gateway checks it as an enumeration. */
function requiredChoice(params: RequestParams, name: string, choices: readonly string[], enumerated = false): string {
    const value = requiredParam(params, name);
    if (!choices.includes(value)) throw enumerated ? invalidEnumValue(name) : invalidParameter(name, `Valid values: ${choices.join(", ")}.`);
    return value;
}

/** FilterList.N.FilterKey and FilterList.N.FilterValues.M, as pop-core flattens a list of objects. */
function filterList(params: RequestParams): EcdFilter[] {
    const byIndex = new Map<number, { key?: string; values: Array<[number, string]> }>();
    for (const name of Object.keys(params)) {
        if (!name.startsWith("FilterList.")) continue;
        const match = /^FilterList\.([1-9]\d{0,2})\.(FilterKey|FilterValues\.([1-9]\d{0,2}))$/.exec(name);
        if (!match) throw invalidParameter(name, "Expected FilterList.N.FilterKey or FilterList.N.FilterValues.M.");
        const entry = byIndex.get(Number(match[1])) ?? { values: [] };
        if (match[3] === undefined) entry.key = params[name];
        else entry.values.push([Number(match[3]), params[name]]);
        byIndex.set(Number(match[1]), entry);
    }
    return [...byIndex.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([index, entry]) => {
            if (!entry.key) throw missingParameter(`FilterList.${index}.FilterKey`);
            return { FilterKey: entry.key, FilterValues: entry.values.sort((a, b) => a[0] - b[0]).map(([, v]) => v) };
        });
}

function createReportTask(ctx: RpcContext): object {
    const p = ctx.params;
    requiredChoice(p, "TaskType", ["RESOURCE_REPORT"]);
    requiredChoice(p, "SubType", ["DESKTOP"], true);
    const langType = optionalParam(p, "LangType");
    if (langType !== undefined && !(ECD_LANG_TYPES as readonly string[]).includes(langType)) throw invalidEnumValue("LangType");
    const task = ctx.startTask({
        action: ECD_REPORT_ACTION,
        reportFileName: optionalParam(p, "ReportFileName"),
        langType: langType as (typeof ECD_LANG_TYPES)[number] | undefined,
        filterList: filterList(p),
    });
    return { RequestId: ctx.requestId, Code: "success", Success: true, TaskId: task.id };
}

function exportTask(task: SimTask, now: number) {
    const details = ecdDetails(task);
    const state = taskState(task, now);
    const status = ecdStatus(task, now);
    const expiresAt = state.endsAt + details.expiresAfterMs;
    const changes = [task.createdAt, state.startsAt, state.endsAt, status === "EXPIRED" ? expiresAt : -Infinity];
    const modifiedAt = Math.max(...changes.filter((t) => t <= now));
    return {
        TaskId: task.id,
        TaskType: details.taskType,
        SubType: details.subType,
        ReportFileName: details.reportFileName,
        Status: spelledEcdStatus(task, status),
        Progress: !state.progressReported ? undefined : state.terminal ? 100 : Math.floor(state.fraction * 1000) / 10,
        GmtCreate: formatEcdTime(task.createdAt),
        GmtModified: formatEcdTime(modifiedAt),
        DownloadUrl: status === "FINISHED" ? ecdDownloadUrl(task, state.endsAt) : "",
        ErrorCode: status === "FINISHED" ? "Success" : status === "FAILED" ? task.errorCode : "",
        ErrorMsg: status === "FAILED" ? task.errorMsg : "",
    };
}

function describeReportTasks(ctx: RpcContext): object {
    const p = ctx.params;
    const taskId = optionalParam(p, "TaskId");
    const taskType = optionalParam(p, "TaskType");
    const subType = optionalParam(p, "SubType");
    const statuses = repeatList(p, "Status", 10)?.map((s) => s.toUpperCase());
    const pageNum = optionalInteger(p, "PageNum", 1, Number.MAX_SAFE_INTEGER, 1);
    const pageSize = optionalInteger(p, "PageSize", 1, 200, 20);

    const matches = ctx.tasks.list((t) => {
        if (t.service !== SERVICE) return false;
        const details = ecdDetails(t);
        return (
            (taskId === undefined || t.id === taskId) &&
            (taskType === undefined || details.taskType === taskType) &&
            (subType === undefined || details.subType === subType) &&
            (statuses === undefined || statuses.includes(ecdStatus(t, ctx.now)))
        );
    });
    const page = matches.slice((pageNum - 1) * pageSize, pageNum * pageSize);
    return { RequestId: ctx.requestId, TotalCount: matches.length, ExportTaskList: page.map((t) => exportTask(t, ctx.now)) };
}

export const ecdService: ServiceModule = {
    name: SERVICE,
    register(registry) {
        registry.addTaskKind(ecdTaskKind);
        registry.addRpcAction({ service: SERVICE, product: PRODUCT, version: ECD_VERSION, action: "CreateEcdReportTask", handler: createReportTask });
        registry.addRpcAction({ service: SERVICE, product: PRODUCT, version: ECD_VERSION, action: "DescribeEcdReportTasks", handler: describeReportTasks });
    },
};
