import type { TaskSource } from "../engine/poller";
import type { ReportExportInputs } from "../inputs";
import type { ReportExportOutputs } from "../outputs";
import { StatusOverrides, StatusTable, TaskSnapshot, TaskStatus, normalizeStatus } from "../services/snapshot";
import { hasExpired, urlExpiry } from "./downloadUrl";

/** What one export service's snapshot says about the report file. */
export interface ExportFields {
    /** The full pre-signed URL: only ever written to the secret output. */
    downloadUrl?: string;
    fileName?: string;
    currentCount?: number;
    totalCount?: number;
}

export interface StartedExport {
    id: string;
    requestId?: string;
    fileName?: string;
}

/**
 * How ReportExport adopts, starts and reads one service's exports, chosen by the `service` input.
 * Ids are text inside the provider; `recordId` gives the output's type (ECD text, Security Center
 * an integer).
 */
export interface ExportPlan<I extends ReportExportInputs, S extends TaskSnapshot<unknown>> {
    /** "ECD report export task", "Security Center export": what messages call one export. */
    readonly what: string;
    /** The input that adopts an export and the output that records which export: taskId or exportId. */
    readonly idKey: "taskId" | "exportId";
    readonly statusTable: StatusTable;
    /** Added to a timeout message (Security Center documents no failure status). */
    readonly timeoutHint?: string;
    /** The adopted export's id; undefined in start mode. */
    adoptedId(inputs: I): string | undefined;
    start(inputs: I): Promise<StartedExport>;
    source(inputs: I): TaskSource<S>;
    readOnce(inputs: I, id: string): Promise<S | undefined>;
    fields(snapshot: S): ExportFields;
    recordId(id: string): string | number;
}

export type AnyExportPlan = ExportPlan<ReportExportInputs, TaskSnapshot<unknown>>;

export type ExportOutputs = Omit<ReportExportOutputs, "waitedSeconds">;

/** The export's status for this resource: the user's extra statuses first, then the service's table. */
export function exportStatus(plan: AnyExportPlan, snapshot: TaskSnapshot<unknown>, overrides: StatusOverrides): TaskStatus {
    return normalizeStatus(snapshot.rawStatus, plan.statusTable, overrides);
}

/**
 * The outputs for the last snapshot. The URL is recorded only once the export succeeded; a
 * succeeded export whose URL has already expired is "expired": it cannot be downloaded.
 */
export function exportOutputs(
    plan: AnyExportPlan,
    inputs: ReportExportInputs,
    id: string,
    snapshot: TaskSnapshot<unknown> | undefined,
    now: number,
    started?: StartedExport,
): ExportOutputs {
    const recorded = { [plan.idKey]: plan.recordId(id) } as Pick<ExportOutputs, "taskId" | "exportId">;
    if (!snapshot) return { status: "pending", rawStatus: "Unknown", progress: 0, fileName: started?.fileName, requestId: started?.requestId, ...recorded };
    const apiStatus = exportStatus(plan, snapshot, inputs);
    const fields = plan.fields(snapshot);
    const succeeded = apiStatus === "succeeded";
    const downloadUrl = succeeded ? fields.downloadUrl : undefined;
    const expiresAt = urlExpiry(downloadUrl);
    return {
        status: succeeded && hasExpired(expiresAt, now) ? "expired" : apiStatus,
        rawStatus: snapshot.rawStatus,
        progress: snapshot.progress ?? (succeeded ? 100 : 0),
        downloadUrl,
        fileName: fields.fileName ?? started?.fileName,
        expiresAt,
        currentCount: fields.currentCount,
        totalCount: fields.totalCount,
        requestId: snapshot.requestId,
        ...recorded,
    };
}

/** Why an export that ended did not succeed, without the resource's name. */
export function describeExportFailure(
    plan: AnyExportPlan,
    id: string,
    outputs: ExportOutputs,
    snapshot: TaskSnapshot<unknown> | undefined,
    adopted: boolean,
): string {
    const state = `${outputs.rawStatus} (${outputs.status}), progress ${outputs.progress}%`;
    if (outputs.status === "expired") {
        const when = outputs.expiresAt ? `, its download URL expired at ${outputs.expiresAt}` : "";
        const fix = adopted
            ? `an adopted export cannot be renewed: remove ${plan.idKey} and set create to start a fresh export`
            : "run `pulumi up` again to start a fresh export";
        return `${plan.what} ${id} expired before it could be downloaded (${state}${when}): ${fix}`;
    }
    const code = snapshot?.errorCode ? `${snapshot.errorCode}: ` : "";
    const cause = snapshot?.errorMessage ? `: ${code}${snapshot.errorMessage}` : code ? `: ${code.slice(0, -2)}` : "";
    return `${plan.what} ${id} ${state}${cause}`;
}
