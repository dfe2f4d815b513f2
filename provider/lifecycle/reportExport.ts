import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { ConfigSource } from "../client/credentials";
import { REPORT_EXPORT_INPUTS, ecdReportExportSchema, sasReportExportSchema } from "../inputs";
import { hasExpired } from "../services/downloadUrl";
import { checkInputs, parseCheckedInputs } from "../waits/check";
import { CheckedReportExportInputs, exportNaming } from "../waits/exportPlan";
import { readExport, recordedExportId, runExportWait } from "../waits/exportWait";
import { toPlainJson } from "../waits/outcome";
import { writeLine } from "../waits/progress";
import { configureProvider } from "../waits/settings";
import { differs, finishedStatus, isUnfinished, pulumiFace, resourceLabel, settle, warn } from "./pulumiFace";

/**
 * What the ReportExport provider's methods do. An export is adopted (taskId / exportId) or
 * started (create); a started export's id is recorded whenever a run ends without the file, so
 * the next `pulumi up` resumes on the same export, never starting a second one. A started export
 * whose download URL has expired is replaced (renewOnExpiry), which starts a fresh one.
 *
 * A stable contract: every stack's state holds a `__provider` that requires this module as
 * `pulumi-alicloud-tasks/lifecycle/reportExport` for every later operation, `delete` included.
 * Never rename or remove it, nor the functions it exports.
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

export async function configure(config: ConfigSource): Promise<void> {
    configureProvider(config);
}

export async function check(_olds: Record<string, unknown>, news: Record<string, unknown>): Promise<dynamic.CheckResult> {
    return checkInputs(REPORT_EXPORT_INPUTS, news);
}

export async function diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<dynamic.DiffResult> {
    const replaces = REPLACE_KEYS.filter((k) => differs(olds[k], news[k]));
    // in start mode the recorded taskId / exportId is an output, not an input: only an adopted id is compared
    for (const key of ADOPT_KEYS) if (news[key] !== undefined && differs(olds[key], news[key])) replaces.push(key);
    const optionsChanged = INPUT_KEYS.filter((k) => !REPLACE_KEYS.includes(k) && !ADOPT_KEYS.includes(k)).some((k) => differs(olds[k], news[k]));
    const label = resourceLabel(KIND, typeof news.resourceName === "string" ? news.resourceName : undefined);
    if (replaces.length === 0 && failedStart(olds, news)) {
        replaces.push(RETRY_KEY);
        writeLine(`[alicloud-tasks] ${label}: the export started earlier failed: replacing the resource starts a fresh one.`);
    }
    if (replaces.length === 0 && isExpired(olds)) {
        const renewal = renewalOf(olds, news);
        if (renewal.renew) replaces.push(RENEWAL_KEY);
        say(renewal, label);
    }
    return { changes: replaces.length > 0 || optionsChanged || isUnfinished(olds), replaces, deleteBeforeReplace: false };
}

export async function create(raw: Record<string, unknown>): Promise<dynamic.CreateResult> {
    const inputs = parse(raw);
    const outcome = await runExportWait(inputs, pulumiFace(KIND, inputs.resourceName));
    // the id names the export; a start that failed before any export existed throws before it is needed
    const id = `${inputs.service}:${inputs.region}:${outcome.ids[0] ?? "none"}`;
    return { id, outs: settle(id, outcome) };
}

export async function update(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<dynamic.UpdateResult> {
    const inputs = parse(news);
    // only options changed: keep the recorded export and its URL, do not wait again
    if (finishedStatus(olds)) return { outs: toPlainJson({ ...olds, ...inputs }) };
    // resume on the export recorded when it was started: never start a second one
    const recorded = inputs.create !== undefined ? recordedExportId(inputs, olds) : undefined;
    return { outs: settle(id, await runExportWait(inputs, pulumiFace(KIND, inputs.resourceName), recorded)) };
}

export async function read(id: string, props: Record<string, unknown>): Promise<dynamic.ReadResult> {
    const inputs = parse(inputsOf(props));
    // an export gone from the API keeps what was recorded, and its URL's expiry still counts
    const refreshed = await readExport(inputs, props);
    if (isExpired(refreshed)) {
        refreshed.status = "expired";
        say(renewalOf(refreshed, inputs), resourceLabel(KIND, inputs.resourceName));
    }
    return { id, props: refreshed };
}

export async function remove(): Promise<void> {
    // the report file stays where the service keeps it; it expires on its own
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
    const naming = exportNaming(news.service) ?? { what: "export", idKey: "taskId" };
    const what = `${naming.what} ${String(olds[naming.idKey] ?? "")}`.trim();
    const when = typeof olds.expiresAt === "string" ? `its download URL expired at ${olds.expiresAt}` : "it has expired";
    if (news.create === undefined) {
        return {
            renew: false,
            message: `${what}: ${when}. An adopted export cannot be renewed: remove ${naming.idKey} and set create to start a fresh export.`,
        };
    }
    if (news.renewOnExpiry === false) {
        return { renew: false, message: `${what}: ${when}. renewOnExpiry is false: the expired export is kept; replace the resource to start a fresh one.` };
    }
    return { renew: true, message: `${what}: ${when}: replacing the resource starts a fresh export (renewOnExpiry).` };
}

function say(renewal: { renew: boolean; message: string }, label: string): void {
    if (renewal.renew) writeLine(`[alicloud-tasks] ${label}: ${renewal.message}`);
    else warn(`${label}: ${renewal.message}`);
}

function parse(raw: Record<string, unknown>): CheckedReportExportInputs {
    return parseCheckedInputs(KIND, REPORT_EXPORT_INPUTS, raw);
}

/** The inputs among recorded properties: in start mode taskId / exportId are outputs, not inputs. */
export function inputsOf(props: Record<string, unknown>): Record<string, unknown> {
    const picked = Object.fromEntries(Object.entries(props).filter(([k]) => INPUT_KEYS.includes(k)));
    if (picked.create !== undefined) for (const key of ADOPT_KEYS) delete picked[key];
    return picked;
}
