import type { WaitResult } from "../engine/result";
import type { TaskSource } from "../engine/poller";
import type { ReportExportInputs } from "../inputs";
import type { ReportExportOutputs } from "../outputs";
import type { ServiceContext } from "../services/context";
import { TaskSnapshot, isTerminalStatus } from "../services/snapshot";
import { ecdReportExport } from "./ecdReport";
import type { ProgressSink } from "./progress";
import { sasExport } from "./sasExport";
import { backoffOf, maxGapOf } from "./schedule";
import { poller, serviceContext } from "./settings";
import { StatusRules, effectiveStatus } from "./status";

/** ReportExport's inputs once checked: defaults applied, the region resolved. */
export type CheckedReportExportInputs = ReportExportInputs & { region: string };

/** What a ReportExport records about its export, besides its inputs, waitedSeconds and failureReason. */
export type ReportExportResult = Omit<ReportExportOutputs, "waitedSeconds" | "failureReason">;

/** What one export service's snapshot says about the report file. */
export type ExportFields = Pick<ReportExportOutputs, "downloadUrl" | "fileName" | "currentCount" | "totalCount">;

export interface StartedExport {
    id: string;
    requestId?: string;
    fileName?: string;
}

/**
 * How ReportExport adopts, starts and reads one service's exports. Ids are text inside the
 * package; `recordId` gives the output's type (ECD text, Security Center an integer).
 */
export interface ExportService<I extends ReportExportInputs, S extends TaskSnapshot> {
    /** "ECD report export task", "Security Center export": what messages call one export. */
    readonly what: string;
    /** The input that adopts an export and the output that records which export. */
    readonly idKey: "taskId" | "exportId";
    readonly rules: Omit<StatusRules, "successStatuses" | "failureStatuses">;
    /** Added to a timeout message (Security Center documents no failure status). */
    readonly timeoutHint?: string;
    adoptedId(inputs: I): string | undefined;
    /** Starts an export; `key` (startKey.ts) goes with it where the service can keep it. */
    start(ctx: ServiceContext, inputs: I, key?: string): Promise<StartedExport>;
    /** The export started earlier with this key that is still pending, running or ready, if one can be found. */
    findStarted(ctx: ServiceContext, inputs: I, key: string, usable: (snapshot: S) => boolean): Promise<string | undefined>;
    source(ctx: ServiceContext): TaskSource<S>;
    readOnce(ctx: ServiceContext, id: string): Promise<S | undefined>;
    fields(snapshot: S): ExportFields;
    recordId(id: string): string | number;
}

export interface ExportWaitResults {
    result: WaitResult<TaskSnapshot>;
    outputs: ReportExportResult;
}

/** One service's exports, bound to a resource's inputs: what exportWait.ts runs. */
export interface ExportPlan {
    readonly what: string;
    readonly idKey: "taskId" | "exportId";
    readonly rules: StatusRules;
    readonly timeoutHint?: string;
    /** The adopted export's id; undefined in start mode. */
    readonly adoptedId?: string;
    /** Starts an export; its call may take at most `timeLeftMs` (and a little). */
    start(timeLeftMs: number, key?: string): Promise<StartedExport>;
    /** The export an earlier run started with this key, when it is still of use (not failed, not expired). */
    findStarted(key: string, timeLeftMs: number): Promise<string | undefined>;
    /** Waits on one export until it is terminal or `timeoutMs` passes. */
    wait(id: string, options: { timeoutMs: number; progress: ProgressSink; started?: StartedExport; signal?: AbortSignal }): Promise<ExportWaitResults>;
    /** One read (refresh): the outputs, or undefined when the API no longer reports the export. */
    read(id: string): Promise<ReportExportResult | undefined>;
}

/** How messages name a service's exports and which property records one, for a raw `service` value. */
export function exportNaming(service: unknown): { what: string; idKey: "taskId" | "exportId" } | undefined {
    const found = service === "ecd" ? ecdReportExport : service === "sas" ? sasExport : undefined;
    return found && { what: found.what, idKey: found.idKey };
}

/** A freshly started export may take a few polls to be listed. */
const STARTED_NOT_FOUND_TOLERANCE = 6;

export function exportPlanFor(inputs: CheckedReportExportInputs): ExportPlan {
    switch (inputs.service) {
        case "ecd":
            return bind(ecdReportExport, inputs);
        case "sas":
            return bind(sasExport, inputs);
    }
}

function bind<I extends CheckedReportExportInputs, S extends TaskSnapshot>(service: ExportService<I, S>, inputs: I): ExportPlan {
    const ctx = serviceContext(inputs.region);
    const rules: StatusRules = { ...service.rules, successStatuses: inputs.successStatuses, failureStatuses: inputs.failureStatuses };

    /** The outputs for the last snapshot. A URL is recorded only for an export that finished (its expiry may have passed since). */
    function outputs(id: string, snapshot: S | undefined, started?: StartedExport): ReportExportResult {
        const recorded = { [service.idKey]: service.recordId(id) };
        if (!snapshot) return { status: "pending", rawStatus: "Unknown", progress: 0, fileName: started?.fileName, requestId: started?.requestId, ...recorded };
        const status = effectiveStatus(snapshot, rules);
        const fields = service.fields(snapshot);
        const finished = status === "succeeded" || status === "expired";
        return {
            status,
            rawStatus: snapshot.rawStatus,
            progress: snapshot.progress ?? (status === "succeeded" ? 100 : 0),
            downloadUrl: finished ? fields.downloadUrl : undefined,
            fileName: fields.fileName ?? started?.fileName,
            expiresAt: finished ? snapshot.expiresAt : undefined,
            currentCount: fields.currentCount,
            totalCount: fields.totalCount,
            requestId: snapshot.requestId,
            ...recorded,
        };
    }

    return {
        what: service.what,
        idKey: service.idKey,
        rules,
        timeoutHint: service.timeoutHint,
        adoptedId: service.adoptedId(inputs),
        start: (timeLeftMs, key) => service.start({ ...ctx, timeLeftMs }, inputs, key),
        findStarted: (key, timeLeftMs) =>
            service.findStarted({ ...ctx, timeLeftMs }, inputs, key, (s) => !["failed", "cancelled", "expired"].includes(effectiveStatus(s, rules))),
        async wait(id, { timeoutMs, progress, started, signal }) {
            const result = await poller().wait<S>({
                source: service.source(ctx),
                taskId: id,
                timeoutMs,
                backoff: backoffOf(inputs),
                maxGapMs: maxGapOf(inputs),
                // Security Center reports rows exported (CurrentCount of TotalCount) besides Progress
                progressOf: (s) => s.progress ?? countsProgress(service.fields(s)),
                notFoundTolerance: started ? STARTED_NOT_FOUND_TOLERANCE : undefined,
                isTerminal: (s) => isTerminalStatus(effectiveStatus(s, rules)),
                onSnapshot: (s) => progress.observe(s, effectiveStatus(s, rules)),
                signal,
            });
            return { result, outputs: outputs(id, result.snapshot, started) };
        },
        async read(id) {
            const snapshot = await service.readOnce(ctx, id);
            return snapshot ? outputs(id, snapshot) : undefined;
        },
    };
}

/** Progress from counts of rows (Security Center CurrentCount / TotalCount), when the API gives both. */
function countsProgress(fields: ExportFields): number | undefined {
    const { currentCount, totalCount } = fields;
    if (currentCount === undefined || totalCount === undefined || !(totalCount > 0)) return undefined;
    return (currentCount / totalCount) * 100; // the engine's track clamps it to 0..100
}
