import { z } from "zod";
import { productEndpoint } from "../client/endpoints";
import { ApiError } from "../client/errors";
import type { TaskSource } from "../engine/poller";
import { ServiceContext, ServiceDefinition, batchKey, callTarget } from "./context";
import { urlExpiry } from "./downloadUrl";
import { looseNumber, parseResponse } from "./parse";
import { perTaskSource } from "./perTaskSource";
import { TaskSnapshot, clampProgress } from "./snapshot";

/**
 * Security Center (Sas) exports: ExportRecord starts one, DescribeExportInfo reads it, one export a
 * call. No failure status is documented: only the waiter's deadline ends an export stuck in
 * "exporting". Documented errors: NoPermission (403), RdCheckNoPermission (permanent);
 * ServerError and RdCheckInnerError (500, transient: client/errors.ts retries them).
 */

const SAS_INTERNATIONAL_ENDPOINT = "https://tds.ap-southeast-1.aliyuncs.com";

export const SAS_SERVICE: ServiceDefinition = {
    name: "sas",
    product: "Security Center",
    apiVersion: "2018-12-03",
    statusTable: { init: "pending", exporting: "running", success: "succeeded" },
    endpoint: sasEndpoint,
};

export const SAS_STATUS_TABLE = SAS_SERVICE.statusTable;

const optionalText = z.string().nullish();
const optionalNumber = looseNumber.nullish();

// Every field is optional in the official models; a wait needs the export's status (ExportRecord: its Id).
const describeExportInfoSchema = z.object({
    RequestId: z.string().nullish(),
    ExportStatus: z.string(),
    Id: optionalNumber,
    Progress: optionalNumber,
    Link: optionalText,
    FileName: optionalText,
    CurrentCount: optionalNumber,
    TotalCount: optionalNumber,
    Message: optionalText,
});

const exportRecordSchema = z.object({
    RequestId: z.string().nullish(),
    Id: looseNumber,
    FileName: optionalText,
});

interface SasExportDetails {
    /** Link: a pre-signed URL when the file is in object storage. Never print it whole. */
    downloadUrl?: string;
    fileName?: string;
    currentCount?: number;
    totalCount?: number;
    message?: string;
}

export type SasExportSnapshot = TaskSnapshot<SasExportDetails>;

/**
 * Security Center has two API endpoints: mainland China (with Hong Kong and the finance and
 * government clouds) and the rest of the world, as Alibaba's endpoint data maps them (client/endpointData.ts).
 */
function sasEndpoint(region: string): { url: string } {
    const choice = productEndpoint("sas", region);
    return "url" in choice ? choice : { url: SAS_INTERNATIONAL_ENDPOINT };
}

/** A body that names no export at all (no Id, no ExportStatus) is an export Security Center does not know. */
function isEmptyExport(body: unknown): boolean {
    if (!body || typeof body !== "object") return false;
    const b = body as Record<string, unknown>;
    return (b.ExportStatus === undefined || b.ExportStatus === null) && (b.Id === undefined || b.Id === null);
}

/** Maps DescribeExportInfo's body to a snapshot; undefined when it describes no export (exported for tests). */
export function sasSnapshotOf(body: unknown, exportId: string, api = "Security Center DescribeExportInfo"): SasExportSnapshot | undefined {
    if (isEmptyExport(body)) return undefined;
    const parsed = parseResponse(api, describeExportInfoSchema, body);
    return {
        taskId: parsed.Id !== null && parsed.Id !== undefined ? String(parsed.Id) : exportId,
        rawStatus: parsed.ExportStatus,
        progress: clampProgress(parsed.Progress ?? undefined),
        expiresAt: urlExpiry(parsed.Link || undefined),
        requestId: parsed.RequestId ?? undefined,
        details: {
            downloadUrl: parsed.Link || undefined,
            fileName: parsed.FileName || undefined,
            currentCount: parsed.CurrentCount ?? undefined,
            totalCount: parsed.TotalCount ?? undefined,
            message: parsed.Message || undefined,
        },
    };
}

/** Not documented; a code that says the export is unknown means "not visible", like a 404. */
function isMissingExportError(error: unknown): boolean {
    if (!(error instanceof ApiError) || /AccessKey|Permission/i.test(error.code)) return false;
    return error.httpStatus === 404 || /(export|record|task).*not.?(found|exist)|^not.?found$/i.test(error.code);
}

/** The export, or undefined when Security Center does not know it. ExportId is an integer. */
export async function describeExportInfo(ctx: ServiceContext, exportId: string): Promise<SasExportSnapshot | undefined> {
    const target = callTarget(SAS_SERVICE, ctx, "DescribeExportInfo");
    let body: unknown;
    try {
        body = await ctx.client.rpc(target, "DescribeExportInfo", { ExportId: Number(exportId) });
    } catch (error) {
        if (isMissingExportError(error)) return undefined;
        throw error;
    }
    return sasSnapshotOf(body, exportId, target.api);
}

interface SasExportRequest {
    exportType: string;
    exportFileType?: string;
    lang?: string;
    /** Already a JSON string: the API takes Params as text. */
    params?: string;
}

/** Starts an export; its Id is the ExportId that DescribeExportInfo takes. */
export async function exportRecord(ctx: ServiceContext, request: SasExportRequest): Promise<{ exportId: string; fileName?: string; requestId?: string }> {
    const params: Record<string, unknown> = { ExportType: request.exportType };
    if (request.lang) params.Lang = request.lang;
    if (request.exportFileType) params.ExportFileType = request.exportFileType;
    if (request.params) params.Params = request.params;
    const target = callTarget(SAS_SERVICE, ctx, "ExportRecord");
    return startedExportOf(await ctx.client.rpc(target, "ExportRecord", params), target.api);
}

export function startedExportOf(body: unknown, api = "Security Center ExportRecord"): { exportId: string; fileName?: string; requestId?: string } {
    const parsed = parseResponse(api, exportRecordSchema, body);
    return { exportId: String(parsed.Id), fileName: parsed.FileName || undefined, requestId: parsed.RequestId ?? undefined };
}

/** One export per call: DescribeExportInfo takes a single ExportId. */
export function sasExportSource(ctx: ServiceContext): TaskSource<SasExportSnapshot> {
    return perTaskSource(batchKey(SAS_SERVICE, ctx), (id, timeLeftMs) => describeExportInfo({ ...ctx, timeLeftMs }, id));
}
