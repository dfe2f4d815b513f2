import type * as dynamic from "@pulumi/pulumi/dynamic";
import { parseDuration } from "../engine/duration";
import type { WaitResult } from "../engine/result";
import {
    REPORT_EXPORT_SERVICES,
    ReportExportInputs,
    ecdReportExportSchema,
    reportExportInputsSchema,
    reportExportRules,
    sasReportExportSchema,
} from "../inputs";
import { TaskSnapshot, isTerminalStatus } from "../services/snapshot";
import type { ConfigSource } from "../client/credentials";
import { hasExpired, redactUrl, redactUrlsIn } from "./downloadUrl";
import { ecdExportPlan } from "./ecdExport";
import { AnyExportPlan, ExportOutputs, StartedExport, describeExportFailure, exportOutputs, exportStatus } from "./exportPlan";
import { errorMessage, notFoundMessage, partialFailure, resourceLabel, timeoutMessage } from "./outcome";
import { ProgressReporter, writeLine } from "./progress";
import { configureProvider, poller, redact } from "./runtime";
import { sasExportPlan } from "./sasExport";
import { startExport } from "./startExport";
import { toPlainJson } from "./validate";
import { checkInputs, differs, finishedStatus, isUnfinished, parseInputs as parseChecked, waitedSeconds, warnFailure } from "./common";
import { backoffOf } from "./waitOptions";

/**
 * What the ReportExport provider's methods do. An export is adopted (taskId / exportId) or
 * started (create); its id is recorded as soon as it exists, so a wait that times out is resumed
 * by the next `pulumi up` on the same export, never by starting a second one. A started export
 * whose download URL has expired is replaced (renewOnExpiry), which starts a fresh one.
 */

const KIND = "ReportExport";
/** Changing what is exported is a new export: replace. The adopted id is compared only in adopt mode. */
const REPLACE_KEYS = ["service", "region", "create"];
const ADOPT_KEYS = ["taskId", "exportId"];
const INPUT_KEYS = [...new Set([...Object.keys(ecdReportExportSchema.shape), ...Object.keys(sasReportExportSchema.shape)])];
/** The property a renewal replaces on: it reads as "the URL's expiry changed" in `pulumi preview`. */
export const RENEWAL_KEY = "expiresAt";
/** The property a retry of a failed started export replaces on. */
const RETRY_KEY = "status";
/** A freshly started export may take a few polls to be listed. */
const STARTED_NOT_FOUND_TOLERANCE = 6;

const PLANS: Record<ReportExportInputs["service"], AnyExportPlan> = {
    ecd: ecdExportPlan as unknown as AnyExportPlan,
    sas: sasExportPlan as unknown as AnyExportPlan,
};

/** The plan for a service; also what the wait command (cli/) runs. */
export function planFor(service: unknown): AnyExportPlan | undefined {
    return service === "ecd" || service === "sas" ? PLANS[service] : undefined;
}

export async function configure(config: ConfigSource): Promise<void> {
    configureProvider(config);
}

export async function check(_olds: Record<string, unknown>, news: Record<string, unknown>): Promise<dynamic.CheckResult> {
    return checkInputs(reportExportInputsSchema, reportExportRules, REPORT_EXPORT_SERVICES, news);
}

export async function diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<dynamic.DiffResult> {
    const replaces = REPLACE_KEYS.filter((k) => differs(olds[k], news[k]));
    // in start mode the recorded taskId / exportId is an output, not an input: only an adopted id is compared
    for (const key of ADOPT_KEYS) if (news[key] !== undefined && differs(olds[key], news[key])) replaces.push(key);
    const optionsChanged = INPUT_KEYS.filter((k) => !REPLACE_KEYS.includes(k) && !ADOPT_KEYS.includes(k)).some((k) => differs(olds[k], news[k]));
    if (replaces.length === 0 && failedStart(olds, news)) {
        replaces.push(RETRY_KEY);
        writeLine(
            `[alicloud-tasks] ${resourceLabel(KIND, stringOr(news.resourceName))}: the export started earlier failed: replacing the resource starts a fresh one.`,
        );
    }
    if (replaces.length === 0 && isExpired(olds)) {
        const renewal = renewalOf(olds, news);
        if (renewal.renew) replaces.push(RENEWAL_KEY);
        writeLine(`${renewal.renew ? "[alicloud-tasks] " : "warning: "}${resourceLabel(KIND, stringOr(news.resourceName))}: ${renewal.message}`);
    }
    return { changes: replaces.length > 0 || optionsChanged || isUnfinished(olds), replaces, deleteBeforeReplace: false };
}

export async function create(raw: Record<string, unknown>): Promise<dynamic.CreateResult> {
    const inputs = parseInputs(raw);
    const plan = planFor(inputs.service)!;
    const startedAt = Date.now();
    const adopted = plan.adoptedId(inputs);
    const started = adopted === undefined ? await start(plan, inputs, startedAt) : undefined;
    const exportId = adopted ?? started!.id;
    const id = `${inputs.service}:${inputs.region}:${exportId}`;
    return { id, outs: await waitAndRecord(id, inputs, exportId, startedAt, started) };
}

export async function update(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<dynamic.UpdateResult> {
    const inputs = parseInputs(news);
    const plan = planFor(inputs.service)!;
    if (finishedStatus(olds)) {
        // only options changed: keep the recorded export and its URL, do not wait again
        return { outs: toPlainJson({ ...olds, ...inputs }) };
    }
    const startedAt = Date.now();
    // resume on the export recorded when it was started: never start a second one
    const recorded = plan.adoptedId(inputs) ?? recordedId(plan, olds);
    const started = recorded === undefined ? await start(plan, inputs, startedAt) : undefined;
    return { outs: await waitAndRecord(id, inputs, recorded ?? started!.id, startedAt, started) };
}

export async function read(id: string, props: Record<string, unknown>): Promise<dynamic.ReadResult> {
    const inputs = parseInputs(inputsOf(props));
    const plan = planFor(inputs.service)!;
    const exportId = recordedId(plan, props);
    if (exportId === undefined) return { id, props };
    const snapshot = await plan.readOnce(inputs, exportId);
    // an export gone from the API keeps what was recorded, and its URL's expiry still counts; one
    // the API reports again replaces the record (a URL signed anew, or none once EXPIRED)
    const refreshed: Record<string, unknown> = snapshot ? { ...props, ...exportOutputs(plan, inputs, exportId, snapshot, Date.now()) } : { ...props };
    if (isExpired(refreshed)) {
        refreshed.status = "expired";
        const renewal = renewalOf(refreshed, inputs as unknown as Record<string, unknown>);
        writeLine(`${renewal.renew ? "[alicloud-tasks] " : "warning: "}${resourceLabel(KIND, inputs.resourceName)}: ${renewal.message}`);
    }
    return { id, props: toPlainJson(refreshed) };
}

export async function remove(): Promise<void> {
    // the report file stays where the service keeps it; it expires on its own
}

async function start(plan: AnyExportPlan, inputs: ReportExportInputs, startedAt: number): Promise<StartedExport> {
    const label = resourceLabel(KIND, inputs.resourceName);
    try {
        const started = await startExport(plan.what, () => plan.start(inputs), { deadline: startedAt + parseDuration(inputs.timeout)! });
        writeLine(`[alicloud-tasks] ${label}: started ${plan.what} ${started.id}`);
        return started;
    } catch (error) {
        throw new Error(safe(`${label}: ${error instanceof Error ? error.message : String(error)}`));
    }
}

async function waitAndRecord(
    id: string,
    inputs: ReportExportInputs,
    exportId: string,
    startedAt: number,
    started?: StartedExport,
): Promise<Record<string, unknown>> {
    const plan = planFor(inputs.service)!;
    const label = resourceLabel(KIND, inputs.resourceName);
    const reporter = new ProgressReporter(label, startedAt);
    const { result, outputs } = await awaitExport(inputs, exportId, startedAt, reporter, started);
    const record = (extra: Record<string, unknown> = {}) => toPlainJson({ ...inputs, ...outputs, waitedSeconds: waitedSeconds(startedAt), ...extra });
    const startMode = inputs.create !== undefined;
    const keep = ` The ${plan.idKey} ${exportId} was recorded: run \`pulumi up\` again to keep waiting on this export.`;
    switch (result.reason) {
        case "error": {
            const message = safe(errorMessage(label, plan.what, result));
            // the export exists and may well finish: keep its id so the next run does not start another
            if (startMode) throw partialFailure(id, record({ failureReason: message }), message + keep);
            throw new Error(message);
        }
        case "not-found":
            throw new Error(safe(notFoundMessage(label, plan.what, result, inputs.region!)));
        case "timeout":
        case "aborted": {
            const hint = plan.timeoutHint ? ` ${plan.timeoutHint}.` : "";
            const message = safe(timeoutMessage(label, plan.what, result, inputs.timeout) + hint);
            throw partialFailure(id, record({ failureReason: message }), message);
        }
    }
    if (outputs.status === "succeeded") {
        reporter.note(readyLine(plan, exportId, outputs));
        return record();
    }
    const detail = describeExportFailure(plan, exportId, outputs, result.snapshot, !startMode);
    const message = safe(`${label}: ${detail}${outputs.requestId ? ` (RequestId ${outputs.requestId})` : ""}`);
    if (inputs.onFailure === "warn") {
        warnFailure(message);
        return record({ failureReason: message });
    }
    // a started export resumed by update (one an earlier run recorded) that expired meanwhile: record it
    // as expired, so that the next diff renews it (renewOnExpiry) instead of the engine calling update on
    // the old "running" state again, which would resume the same expired export on every `pulumi up`.
    // Without its URL: no use once expired, and the STS token in its query may outlive Expires.
    // Likewise a resumed, started export that failed: recorded as failed, the next diff replaces it
    // (a fresh export) rather than resuming the same failed one forever.
    if (startMode && !started) throw partialFailure(id, record({ failureReason: message, downloadUrl: undefined }), message);
    throw new Error(message);
}

export interface ExportWait {
    result: WaitResult<TaskSnapshot<unknown>>;
    outputs: ExportOutputs;
}

/**
 * One wait on an export until it is terminal or the deadline (`timeout` counted from `startedAt`)
 * passes: the engine's result and the outputs for the last snapshot. create/update record them;
 * the wait command (cli/) prints them.
 */
export async function awaitExport(
    inputs: ReportExportInputs,
    exportId: string,
    startedAt: number,
    reporter: ProgressReporter,
    started?: StartedExport,
): Promise<ExportWait> {
    const plan = planFor(inputs.service)!;
    const result = await poller().wait<TaskSnapshot<unknown>>({
        source: plan.source(inputs),
        taskId: exportId,
        timeoutMs: Math.max(0, parseDuration(inputs.timeout)! - (Date.now() - startedAt)),
        backoff: backoffOf(inputs),
        notFoundTolerance: started ? STARTED_NOT_FOUND_TOLERANCE : undefined,
        isTerminal: (s) => isTerminalStatus(exportStatus(plan, s, inputs)),
        onSnapshot: (s) => reporter.observe(s),
    });
    return { result, outputs: exportOutputs(plan, inputs, exportId, result.snapshot, Date.now(), started) };
}

/** "ECD report export task ret-1 ready: https://bucket.../report.xlsx (query removed), URL expires at ...". */
function readyLine(plan: AnyExportPlan, exportId: string, outputs: ExportOutputs): string {
    const where = outputs.downloadUrl ? `${redactUrl(outputs.downloadUrl)} (full URL in the secret output downloadUrl)` : "no download URL was returned";
    const expiry = outputs.expiresAt ? `, URL expires at ${outputs.expiresAt}` : "";
    return `${plan.what} ${exportId} ready: ${where}${expiry}`;
}

/**
 * A started export that a resumed wait recorded as failed ("fail" mode): the next `pulumi up`
 * starts a fresh one. With onFailure "warn" a failure is an accepted outcome and is kept.
 */
function failedStart(olds: Record<string, unknown>, news: Record<string, unknown>): boolean {
    return olds.status === "failed" && news.create !== undefined && news.onFailure !== "warn" && olds.onFailure !== "warn";
}

/** Whether the recorded export can no longer be downloaded: the API said expired, or its URL's expiry has passed. */
function isExpired(props: Record<string, unknown>, now: number = Date.now()): boolean {
    return props.status === "expired" || hasExpired(props.expiresAt, now);
}

/** What to do about an expired export: renew it (start mode, renewOnExpiry) or say why it cannot be. */
export function renewalOf(olds: Record<string, unknown>, news: Record<string, unknown>): { renew: boolean; message: string } {
    const plan = planFor(news.service);
    const idKey = plan?.idKey ?? "taskId";
    const what = `${plan?.what ?? "export"} ${String(olds[idKey] ?? "")}`.trim();
    const when = typeof olds.expiresAt === "string" ? `its download URL expired at ${olds.expiresAt}` : "it has expired";
    if (news.create === undefined) {
        return { renew: false, message: `${what}: ${when}. An adopted export cannot be renewed: remove ${idKey} and set create to start a fresh export.` };
    }
    if (news.renewOnExpiry === false) {
        return { renew: false, message: `${what}: ${when}. renewOnExpiry is false: the expired export is kept; replace the resource to start a fresh one.` };
    }
    return { renew: true, message: `${what}: ${when}: replacing the resource starts a fresh export (renewOnExpiry).` };
}

/** Scrubs known secrets and every URL's query from a message. */
function safe(text: string): string {
    return redactUrlsIn(redact(text));
}

function parseInputs(raw: Record<string, unknown>): ReportExportInputs {
    return parseChecked(KIND, reportExportInputsSchema, reportExportRules, raw);
}

/** The inputs among recorded properties: in start mode taskId / exportId are outputs, not inputs. */
export function inputsOf(props: Record<string, unknown>): Record<string, unknown> {
    const picked = Object.fromEntries(Object.entries(props).filter(([k]) => INPUT_KEYS.includes(k)));
    if (picked.create !== undefined) for (const key of ADOPT_KEYS) delete picked[key];
    return picked;
}

function recordedId(plan: AnyExportPlan, props: Record<string, unknown>): string | undefined {
    const value = props[plan.idKey];
    return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}

function stringOr(value: unknown): string | undefined {
    return typeof value === "string" ? value : undefined;
}
