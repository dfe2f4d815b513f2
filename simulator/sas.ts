/**
 * Security Center (Sas, API version 2018-12-03, RPC): ExportRecord and DescribeExportInfo over
 * simulated exports.
 *
 * Choices where the reference pages are silent:
 * - ExportStatus is init while queued, exporting while running (forever, for a stuck export),
 *   success at the end. Progress is an integer percentage; CurrentCount follows it.
 * - Link is "" until success. It is not withdrawn later: its Expires says until when it works.
 * - An unknown ExportId answers 400 InvalidExportId.NotFound (no code is documented for it).
 * - Params, when given, must be JSON (InvalidParameter otherwise).
 * - ExportFileType is required when ExportType is virusScanExport (400 MissingParameter: the code
 *   of the real refusal is not documented); any value is kept. ResourceDirectoryAccountId is ignored.
 * - ResourceDirectoryAccountId, when given, must be one of the task's rdAccountIds, else 400
 *   RdCheckNoPermission; a task's failWith makes every query of it fail with that error.
 * - Exports are visible whatever RegionId is sent (the region is the endpoint's).
 */
import { invalidParameter, missingParameter, SimError } from "./errors";
import type { RpcContext, ServiceModule } from "./registry";
import { optionalParam, requiredParam } from "./rpcParams";
import { sasDetails, sasFileName, sasLink, sasStatusOf, sasTaskKind, SAS_EXPORT_ACTION, SAS_TASK_ERRORS } from "./sasTask";
import { taskState } from "./tasks";

export const SAS_VERSION = "2018-12-03";
const SERVICE = "sas";
const PRODUCT = "Sas";

/** An integer parameter, kept as a string of digits (ids may exceed 2^53). */
function integerParam(name: string, value: string): string {
    if (!/^\d{1,19}$/.test(value)) throw invalidParameter(name, "It must be an integer.");
    return value.replace(/^0+(?=\d)/, "");
}

function exportRecord(ctx: RpcContext): object {
    const p = ctx.params;
    const exportType = requiredParam(p, "ExportType");
    // The model: "This parameter is required when ExportType is set to virusScanExport."
    const exportFileType = optionalParam(p, "ExportFileType");
    if (exportType === "virusScanExport" && exportFileType === undefined) throw missingParameter("ExportFileType");
    const lang = optionalParam(p, "Lang");
    if (lang !== undefined && lang !== "zh" && lang !== "en") throw invalidParameter("Lang", "Valid values: zh, en.");
    const params = optionalParam(p, "Params");
    if (params !== undefined) {
        try {
            JSON.parse(params);
        } catch {
            throw invalidParameter("Params", "It must be a JSON string.");
        }
    }
    const task = ctx.startTask({ action: SAS_EXPORT_ACTION, exportType, exportFileType, lang, params });
    return { FileName: sasFileName(task), Id: Number(task.id), RequestId: ctx.requestId };
}

function describeExportInfo(ctx: RpcContext): object {
    const p = ctx.params;
    const exportId = integerParam("ExportId", requiredParam(p, "ExportId"));
    const rawAccount = optionalParam(p, "ResourceDirectoryAccountId");
    const rdAccountId = rawAccount === undefined ? undefined : integerParam("ResourceDirectoryAccountId", rawAccount);

    const task = ctx.tasks.get(exportId);
    if (!task || task.service !== SERVICE) throw new SimError(400, "InvalidExportId.NotFound", "The specified ExportId does not exist.");
    const details = sasDetails(task);
    if (details.failWith !== undefined) {
        const { status, message } = SAS_TASK_ERRORS[details.failWith];
        throw new SimError(status, details.failWith, message);
    }
    if (rdAccountId !== undefined && !details.rdAccountIds.includes(rdAccountId)) {
        throw new SimError(400, "RdCheckNoPermission", "Resource directory account verification has no permission.");
    }

    const state = taskState(task, ctx.now);
    const status = sasStatusOf(state.phase);
    return {
        Link: status === "success" ? sasLink(task, state.endsAt) : "",
        Progress: state.progressReported ? state.progress : undefined,
        RequestId: ctx.requestId,
        CurrentCount: state.progressReported ? Math.floor((details.totalCount * state.progress) / 100) : undefined,
        Message: "success",
        FileName: sasFileName(task),
        TotalCount: details.totalCount,
        ExportStatus: status,
        Id: Number(task.id),
    };
}

export const sasService: ServiceModule = {
    name: SERVICE,
    register(registry) {
        registry.addTaskKind(sasTaskKind);
        registry.addRpcAction({ service: SERVICE, product: PRODUCT, version: SAS_VERSION, action: "ExportRecord", handler: exportRecord });
        registry.addRpcAction({ service: SERVICE, product: PRODUCT, version: SAS_VERSION, action: "DescribeExportInfo", handler: describeExportInfo });
    },
};
