import { redactUrl } from "../client/redact";
import type { TaskSnapshot } from "../services/snapshot";
import { CheckedReportExportInputs, ExportPlan, ReportExportResult, StartedExport, exportPlanFor } from "./exportPlan";
import { errorMessage, failureMessage, interruptedMessage, notFoundMessage, timeoutMessage } from "./messages";
import { Face, WaitOutcome, toPlainJson, waitedSeconds } from "./outcome";
import { remainingMs, timeoutMs } from "./schedule";
import { redact } from "./settings";
import { toFailure } from "../engine/result";
import { startKey } from "./startKey";
import { startExport } from "./startExport";

/**
 * A ReportExport's wait, start to end: adopt the export (taskId / exportId) or start one (create),
 * wait on it, and make one outcome. `recordedId` is the export an earlier, unfinished run started:
 * it is resumed, never started again.
 */
export async function runExportWait(inputs: CheckedReportExportInputs, face: Face, recordedId?: string): Promise<WaitOutcome> {
    const startedAt = Date.now();
    const plan = exportPlanFor(inputs);
    const startMode = inputs.create !== undefined;
    const record = (outputs: Partial<ReportExportResult>, failureReason?: string) =>
        toPlainJson({ ...inputs, ...outputs, waitedSeconds: waitedSeconds(startedAt), failureReason });
    let id = plan.adoptedId ?? recordedId;
    let started: StartedExport | undefined;
    if (id === undefined) {
        const obtained = await obtainExport(plan, inputs, face, startedAt + timeoutMs(inputs));
        if ("verdict" in obtained) {
            const message = redact(`${face.label}: ${obtained.message}`);
            return {
                verdict: obtained.verdict,
                message,
                errorCode: obtained.errorCode,
                record: record({}, message),
                what: plan.what,
                ids: [],
                keep: false,
                accepted: false,
            };
        }
        ({ id, started } = obtained);
    }
    const { result, outputs } = await plan.wait(id, { timeoutMs: remainingMs(inputs, startedAt), progress: face.progress, started, signal: face.signal });
    const base = { what: plan.what, ids: [id], keep: false, accepted: false };
    // a started export goes on without us: say how to keep waiting on it instead of starting another
    const resume = startMode ? face.words.resumeExport(plan.idKey, id) : undefined;
    switch (result.reason) {
        case "error": {
            // the export exists and may well finish: a started one keeps its record, so the next run does not start another
            const message = errorMessage(face.label, plan.what, result, plan.rules) + (resume ? ` ${resume}` : "");
            return { ...base, verdict: "error", message, errorCode: result.failure?.code, record: record(outputs, message), keep: startMode };
        }
        case "not-found": {
            const message = notFoundMessage(face.label, plan.what, result, plan.rules, inputs.region);
            return { ...base, verdict: "not-found", message, record: record(outputs, message) };
        }
        case "aborted": {
            const message = interruptedMessage(face.label, plan.what, result, plan.rules, resume ?? face.words.keepWaiting);
            return { ...base, verdict: "interrupted", message, record: record(outputs, message), keep: true };
        }
        case "timeout": {
            const next = `${plan.timeoutHint ? `${plan.timeoutHint}. ` : ""}${resume ?? face.words.keepWaiting}`;
            const message = timeoutMessage(face.label, plan.what, result, plan.rules, inputs.timeout, next);
            return { ...base, verdict: "timeout", message, record: record(outputs, message), keep: true };
        }
    }
    if (outputs.status === "succeeded")
        return { ...base, verdict: "succeeded", record: record(outputs), readyLine: `${face.label}: ${readyLine(plan, id, outputs)}` };
    const detail = describeExportFailure(plan, id, outputs, result.snapshot, !startMode, face.words.freshExport);
    const message = failureMessage(face.label, detail, outputs.requestId);
    // A started export resumed from an earlier run (not started now) that failed or expired meanwhile is
    // recorded as such, so that the next diff replaces it with a fresh export instead of resuming the
    // same one forever; without its URL: no use once expired, and the STS token in its query may outlive Expires.
    const resumed = startMode && !started;
    const kept = resumed ? record({ ...outputs, downloadUrl: undefined }, message) : record(outputs, message);
    return { ...base, verdict: "failed", message, record: kept, keep: resumed, accepted: inputs.onFailure === "warn" };
}

/**
 * The export to wait on in start mode: one an earlier run of this resource started and died before
 * recording (found by its start key), else a new one. Or why there is none: interrupted before the
 * start, the lookup failed (then nothing is started either), the start failed.
 */
async function obtainExport(
    plan: ExportPlan,
    inputs: CheckedReportExportInputs,
    face: Face,
    deadline: number,
): Promise<{ id: string; started?: StartedExport } | { verdict: "interrupted" | "error"; message: string; errorCode?: string }> {
    if (face.signal?.aborted) return { verdict: "interrupted", message: `interrupted before the ${plan.what} was started: nothing was started.` };
    const key = startKey(inputs);
    if (key) {
        try {
            const found = await plan.findStarted(key, Math.max(0, deadline - Date.now()));
            if (found) {
                face.progress.note(
                    `found the ${plan.what} ${found} that an earlier run of this resource started (it ended before recording it): waiting on it, starting none`,
                );
                return { id: found };
            }
        } catch (error) {
            const failure = toFailure(error);
            return {
                verdict: "error",
                errorCode: failure.code,
                message: `could not look for the ${plan.what} an earlier run may have started, so none was started: ${failure.message}`,
            };
        }
    }
    // an interruption during the start call lets it finish, so that its id is known and said
    const start = await startExport(plan.what, (timeLeftMs) => plan.start(timeLeftMs, key), deadline);
    if ("failure" in start) return { verdict: "error", message: start.message, errorCode: start.failure.code };
    face.progress.note(`started ${plan.what} ${start.started.id}`);
    return { id: start.started.id, started: start.started };
}

/** Why an export that ended did not succeed, without the resource's name. */
function describeExportFailure(
    plan: ExportPlan,
    id: string,
    outputs: ReportExportResult,
    snapshot: TaskSnapshot | undefined,
    adopted: boolean,
    freshExport: string,
): string {
    const state = `${outputs.rawStatus} (${outputs.status}), progress ${outputs.progress}%`;
    if (outputs.status === "expired") {
        const when = outputs.expiresAt ? `, its download URL expired at ${outputs.expiresAt}` : "";
        const fix = adopted ? `an adopted export cannot be renewed: remove ${plan.idKey} and set create to start a fresh export` : freshExport;
        return `${plan.what} ${id} expired before it could be downloaded (${state}${when}): ${fix}`;
    }
    const code = snapshot?.errorCode ? `${snapshot.errorCode}: ` : "";
    const cause = snapshot?.errorMessage ? `: ${code}${snapshot.errorMessage}` : code ? `: ${code.slice(0, -2)}` : "";
    return `${plan.what} ${id} ${state}${cause}`;
}

/** "ECD report export task ret-1 ready: https://bucket.../report.xlsx (full URL in the secret output downloadUrl), URL expires at ...". */
function readyLine(plan: ExportPlan, id: string, outputs: ReportExportResult): string {
    const where = outputs.downloadUrl ? `${redactUrl(outputs.downloadUrl)} (full URL in the secret output downloadUrl)` : "no download URL was returned";
    const expiry = outputs.expiresAt ? `, URL expires at ${outputs.expiresAt}` : "";
    return `${plan.what} ${id} ready: ${where}${expiry}`;
}

/**
 * `pulumi refresh` of an export: the recorded properties with what the API says now. An export gone
 * from the API keeps what was recorded; one the API reports again replaces the record (a URL signed
 * anew, or none once EXPIRED).
 */
export async function readExport(inputs: CheckedReportExportInputs, props: Record<string, unknown>): Promise<Record<string, unknown>> {
    const plan = exportPlanFor(inputs);
    const id = props[plan.idKey];
    if (typeof id !== "string" && typeof id !== "number") return props;
    const outputs = await plan.read(String(id));
    return toPlainJson(outputs ? { ...props, ...outputs } : props);
}

/** The export a record names (adopted, or started by an earlier run). */
export function recordedExportId(inputs: CheckedReportExportInputs, props: Record<string, unknown>): string | undefined {
    const value = props[exportPlanFor(inputs).idKey];
    return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}
