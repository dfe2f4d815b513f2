import { redactUrl } from "../../client/redact";
import { Failure, toFailure } from "../../engine/result";
import type { Clock } from "../../engine/clock";
import type { TaskSnapshot } from "../../services/snapshot";
import { STATUS_ACCEPTORS, judge } from "../acceptor";
import type { BeginContext, Begun, WaitDefinition } from "../definition";
import { remainingMs } from "../options";
import { readShared } from "../read";
import { Runtime, plainJson, serviceContext } from "../runtime";
import { StatusRules, effectiveStatus } from "../status";
import { ecdReportExport } from "./ecd";
import type { CheckedReportExportInputs, ExportApi, ExportFileFields, ReportExportFields, StartedExport } from "./exportApi";
import { sasExport } from "./sas";
import { startKey } from "./startKey";

/** A freshly started export may take a few polls to be listed. */
const STARTED_NOT_FOUND_TOLERANCE = 6;

/**
 * Starting an export is not idempotent: a retried start can leave two exports behind. Only a
 * throttled start is retried (the server refused it, so nothing started); any other error ends
 * the wait, and the message says whether an export may have started anyway.
 */
const START_ATTEMPTS = 3;

function exportApiOf(inputs: CheckedReportExportInputs): ExportApi<CheckedReportExportInputs, TaskSnapshot> {
    return (inputs.service === "ecd" ? ecdReportExport : sasExport) as unknown as ExportApi<CheckedReportExportInputs, TaskSnapshot>;
}

/** How messages name a service's exports and which property records one, for a raw `service` value. */
export function exportNaming(service: unknown): { what: string; idKey: "taskId" | "exportId" } | undefined {
    const found = service === "ecd" ? ecdReportExport : service === "sas" ? sasExport : undefined;
    return found && { what: found.what, idKey: found.idKey };
}

/**
 * ReportExport: adopt the export (taskId / exportId) or start one (create), and wait on it.
 * `recordedId` is the export an earlier, unfinished run started: it is resumed, never started again.
 */
export function exportDefinition(inputs: CheckedReportExportInputs, runtime: Runtime, recordedId?: string): WaitDefinition {
    const api = exportApiOf(inputs);
    const ctx = serviceContext(runtime, inputs.region);
    const rules: StatusRules = { table: api.table, successStatuses: inputs.successStatuses, failureStatuses: inputs.failureStatuses };
    const statusOf = (s: TaskSnapshot) => effectiveStatus(s, rules);
    const source = api.source(ctx);
    const startMode = inputs.create !== undefined;
    return {
        what: api.what,
        inputs,
        async begin(context) {
            const id = api.adoptedId(inputs) ?? recordedId;
            return id !== undefined ? { ids: [id] } : obtainExport(api, inputs, runtime, rules, context);
        },
        request: (_id, begun) => ({
            source,
            judge: (s) => judge({ kind: "status", status: statusOf(s) }, STATUS_ACCEPTORS),
            statusOf,
            // Security Center reports rows exported (CurrentCount of TotalCount) besides Progress
            progressOf: (s) => s.progress ?? countsProgress(api.fields(s)),
            notFoundTolerance: begun.started ? STARTED_NOT_FOUND_TOLERANCE : undefined,
        }),
        outputs: (begun, results) => exportOutputs(api, rules, begun.ids[0], results[0]?.snapshot, begun.started),
        phrasing: {
            kind: "task",
            rules,
            timeoutHint: api.timeoutHint,
            // a started export goes on without us: say how to keep waiting on it instead of starting another
            nextStep: (caller, begun) => (startMode ? caller.nextSteps.resumeExport(api.idKey, begun.ids[0]) : undefined),
            describeFailure: (outputs, begun, results, caller) =>
                describeExportFailure(api, begun.ids[0], outputs as ReportExportFields, results[0]?.snapshot, !startMode, caller.nextSteps.freshExport),
            readyLine: (outputs, begun) => readyLine(api, begun.ids[0], outputs as ReportExportFields),
        },
        resumes: {
            unfinished: true,
            // the export exists and may well finish: a started one keeps its record, so the next run does not start another
            afterError: () => startMode,
            // a started export resumed from an earlier run (not started now) that failed or expired meanwhile is recorded
            // as such, so that the next diff replaces it with a fresh export instead of resuming the same one forever
            afterFailure: (begun) => startMode && !begun.started,
        },
    };
}

/**
 * The export to wait on in start mode: one an earlier run of this resource started and died before
 * recording (found by its start key), else a new one. Or why there is none: interrupted before the
 * start, the lookup failed (then nothing is started either), the start failed.
 */
async function obtainExport(
    api: ExportApi<CheckedReportExportInputs, TaskSnapshot>,
    inputs: CheckedReportExportInputs,
    runtime: Runtime,
    rules: StatusRules,
    { caller, options, startedAt }: BeginContext,
): Promise<Begun<TaskSnapshot>> {
    if (caller.signal?.aborted) return { refused: { state: "aborted", message: `interrupted before the ${api.what} was started: nothing was started.` } };
    const ctx = serviceContext(runtime, inputs.region);
    const env = runtime.settings.env;
    const clock = runtime.poller.clock;
    const timeLeft = () => remainingMs(options, startedAt, clock.now());
    const key = startKey(inputs);
    if (key) {
        try {
            const usable = (s: TaskSnapshot) => !["failed", "cancelled", "expired"].includes(effectiveStatus(s, rules));
            const found = await api.findStarted({ ...ctx, timeLeftMs: timeLeft() }, inputs, key, usable, env);
            if (found) {
                caller.progress.note(
                    `found the ${api.what} ${found} that an earlier run of this resource started (it ended before recording it): waiting on it, starting none`,
                );
                return { ids: [found] };
            }
        } catch (error) {
            const failure = toFailure(error);
            const message = `could not look for the ${api.what} an earlier run may have started, so none was started: ${failure.message}`;
            return { refused: { state: "failure", cause: "error", errorCode: failure.code, message } };
        }
    }
    // an interruption during the start call lets it finish, so that its id is known and said
    const start = await startExport(api.what, (timeLeftMs) => api.start({ ...ctx, timeLeftMs }, inputs, key, env), timeLeft, clock);
    if ("failure" in start) return { refused: { state: "failure", cause: "error", message: start.message, errorCode: start.failure.code } };
    caller.progress.note(`started ${api.what} ${start.started.id}`);
    return { ids: [start.started.id], started: start.started };
}

async function startExport(
    what: string,
    start: (timeLeftMs: number) => Promise<StartedExport>,
    /** What the wait has left of its timeout (remainingMs). */
    timeLeft: () => number,
    clock: Clock,
): Promise<{ started: StartedExport } | { failure: Failure; message: string }> {
    for (let attempt = 1; ; attempt++) {
        try {
            return { started: await start(timeLeft()) };
        } catch (error) {
            const failure = toFailure(error);
            const delay = Math.max(failure.retryAfterMs ?? 0, 1000 * attempt);
            if (failure.kind === "throttling" && attempt < START_ATTEMPTS && delay < timeLeft()) {
                await new Promise<void>((resolve) => clock.setTimer(resolve, delay));
                continue;
            }
            // a timeout or a dropped connection may have reached the server: say so
            const after =
                failure.kind === "transient"
                    ? " The request may have reached the server, so an export may have started anyway; nothing was recorded, and the next run starts another."
                    : "";
            return { failure, message: `could not start the ${what}: ${failure.message}${after}` };
        }
    }
}

/** The outputs for the last snapshot. A URL is recorded only for an export that finished (its expiry may have passed since). */
function exportOutputs(
    api: ExportApi<CheckedReportExportInputs, TaskSnapshot>,
    rules: StatusRules,
    id: string,
    snapshot: TaskSnapshot | undefined,
    started?: StartedExport,
): ReportExportFields {
    const recorded = { [api.idKey]: api.recordId(id) };
    if (!snapshot) return { status: "pending", rawStatus: "Unknown", progress: 0, fileName: started?.fileName, requestId: started?.requestId, ...recorded };
    const status = effectiveStatus(snapshot, rules);
    const fields = api.fields(snapshot);
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

/** Progress from counts of rows (Security Center CurrentCount / TotalCount), when the API gives both. */
function countsProgress(fields: ExportFileFields): number | undefined {
    const { currentCount, totalCount } = fields;
    if (currentCount === undefined || totalCount === undefined || !(totalCount > 0)) return undefined;
    return (currentCount / totalCount) * 100; // the engine's track clamps it to 0..100
}

/** Why an export that ended did not succeed, without the caller's label. */
function describeExportFailure(
    api: ExportApi<CheckedReportExportInputs, TaskSnapshot>,
    id: string,
    outputs: ReportExportFields,
    snapshot: TaskSnapshot | undefined,
    adopted: boolean,
    freshExport: string,
): string {
    const state = `${outputs.rawStatus} (${outputs.status}), progress ${outputs.progress}%`;
    if (outputs.status === "expired") {
        const when = outputs.expiresAt ? `, its download URL expired at ${outputs.expiresAt}` : "";
        const fix = adopted ? `an adopted export cannot be renewed: remove ${api.idKey} and set create to start a fresh export` : freshExport;
        return `${api.what} ${id} expired before it could be downloaded (${state}${when}): ${fix}`;
    }
    const code = snapshot?.errorCode ? `${snapshot.errorCode}: ` : "";
    const cause = snapshot?.errorMessage ? `: ${code}${snapshot.errorMessage}` : code ? `: ${code.slice(0, -2)}` : "";
    return `${api.what} ${id} ${state}${cause}`;
}

/** "ECD report export task ret-1 ready: https://bucket.../report.xlsx (full URL in the secret output downloadUrl), URL expires at ...". */
function readyLine(api: ExportApi<CheckedReportExportInputs, TaskSnapshot>, id: string, outputs: ReportExportFields): string {
    const where = outputs.downloadUrl ? `${redactUrl(outputs.downloadUrl)} (full URL in the secret output downloadUrl)` : "no download URL was returned";
    const expiry = outputs.expiresAt ? `, URL expires at ${outputs.expiresAt}` : "";
    return `${api.what} ${id} ready: ${where}${expiry}`;
}

/**
 * `pulumi refresh` of an export: the recorded properties with what the API says now. An export gone
 * from the API keeps what was recorded; one the API reports again replaces the record (a URL signed
 * anew, or none once EXPIRED).
 */
export async function refreshExport(inputs: CheckedReportExportInputs, runtime: Runtime, props: Record<string, unknown>): Promise<Record<string, unknown>> {
    const api = exportApiOf(inputs);
    const id = props[api.idKey];
    if (typeof id !== "string" && typeof id !== "number") return props;
    const snapshot = await readShared(runtime, api.source(serviceContext(runtime, inputs.region)), String(id));
    const rules: StatusRules = { table: api.table, successStatuses: inputs.successStatuses, failureStatuses: inputs.failureStatuses };
    return plainJson(runtime, snapshot ? { ...props, ...exportOutputs(api, rules, String(id), snapshot) } : props);
}

/** The export a record names (adopted, or started by an earlier run). */
export function recordedExportId(inputs: CheckedReportExportInputs, props: Record<string, unknown>): string | undefined {
    const value = props[exportApiOf(inputs).idKey];
    return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}
