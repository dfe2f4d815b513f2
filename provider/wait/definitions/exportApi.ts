import type { TaskSource } from "../../engine/poller";
import type { Env } from "../../client/credentials";
import type { ReportExportInputs } from "../../inputs";
import type { ReportExportOutputs } from "../../outputs";
import type { ServiceContext } from "../../services/context";
import type { StatusTable, TaskSnapshot } from "../../services/snapshot";

/** ReportExport's inputs once checked: defaults applied, the region resolved. */
export type CheckedReportExportInputs = ReportExportInputs & { region: string };

/** What a ReportExport records about its export, besides its inputs, waitedSeconds and failureReason. */
export type ReportExportFields = Omit<ReportExportOutputs, "waitedSeconds" | "failureReason">;

/** What one export service's snapshot says about the report file. */
export type ExportFileFields = Pick<ReportExportOutputs, "downloadUrl" | "fileName" | "currentCount" | "totalCount">;

export interface StartedExport {
    id: string;
    requestId?: string;
    fileName?: string;
}

/**
 * How ReportExport adopts, starts and reads one service's exports (ecd.ts, sas.ts); export.ts makes
 * the wait. Ids are text inside the package; `recordId` gives the output's type (ECD text,
 * Security Center an integer).
 */
export interface ExportApi<I extends CheckedReportExportInputs, S extends TaskSnapshot> {
    /** "ECD report export task", "Security Center export": what messages call one export. */
    readonly what: string;
    /** The input that adopts an export and the output that records which export. */
    readonly idKey: "taskId" | "exportId";
    readonly table: StatusTable;
    /** Added to a timeout message (Security Center documents no failure status). */
    readonly timeoutHint?: string;
    adoptedId(inputs: I): string | undefined;
    /** Starts an export; `key` (startKey.ts) goes with it where the service can keep it; `env` says where this machine's journal is. */
    start(ctx: ServiceContext, inputs: I, key: string | undefined, env: Env): Promise<StartedExport>;
    /** The export started earlier with this key that is still pending, running or ready, if one can be found. */
    findStarted(ctx: ServiceContext, inputs: I, key: string, usable: (snapshot: S) => boolean, env: Env): Promise<string | undefined>;
    source(ctx: ServiceContext): TaskSource<S>;
    readOnce(ctx: ServiceContext, id: string): Promise<S | undefined>;
    fields(snapshot: S): ExportFileFields;
    recordId(id: string): string | number;
}
