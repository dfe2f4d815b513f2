import { REPORT_EXPORT_INPUTS, ReportExportInputs, ecdReportExportSchema, sasReportExportSchema } from "../inputs";
import { hasExpired } from "../services/downloadUrl";
import { CheckedInputs, checkInputs, parseCheckedInputs } from "../wait/check";
import { exportNaming, recordedExportId, refreshExport } from "../wait/definitions/export";
import { runCheckedWait } from "../wait/index";
import { Runtime, linesOf, plainJson } from "../wait/runtime";
import { Lifecycle, configureHost, onRuntime } from "./host";
import { compareInputs, differs, recordedEnd, pulumiCaller, pulumiResult, resourceLabel, spoken, warn } from "./pulumi";

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
const OPTION_KEYS = INPUT_KEYS.filter((k) => !REPLACE_KEYS.includes(k) && !ADOPT_KEYS.includes(k));
/** The property a renewal replaces on: it reads as "the URL's expiry changed" in `pulumi preview`. */
export const RENEWAL_KEY = "expiresAt";
/** The property a retry of a failed started export replaces on. */
const RETRY_KEY = "status";

/** ReportExport's lifecycle on a runtime: the host's (the functions below), or a test's own. */
export function reportExportLifecycle(runtime: Runtime): Lifecycle {
    const wait = async ({ inputs, options }: CheckedInputs<ReportExportInputs>, recordedId?: string) =>
        runCheckedWait({ kind: KIND, inputs, options }, runtime, pulumiCaller(KIND, inputs.resourceName, runtime), { exportId: recordedId });
    return {
        async check(_olds, news) {
            return spoken(KIND, news, checkInputs(REPORT_EXPORT_INPUTS, news, runtime.settings), runtime);
        },
        async diff(_id, olds, news) {
            const { replaces, optionsChanged } = compareInputs(olds, news, REPLACE_KEYS, OPTION_KEYS);
            // in start mode the recorded taskId / exportId is an output, not an input: only an adopted id is compared
            for (const key of ADOPT_KEYS) if (news[key] !== undefined && differs(olds[key], news[key])) replaces.push(key);
            const label = resourceLabel(KIND, typeof news.resourceName === "string" ? news.resourceName : undefined);
            if (replaces.length === 0 && failedStart(olds, news)) {
                replaces.push(RETRY_KEY);
                linesOf(runtime)(`[alicloud-tasks] ${label}: the export started earlier failed: replacing the resource starts a fresh one.`);
            }
            if (replaces.length === 0 && isExpired(olds)) {
                const renewal = renewalOf(olds, news);
                if (renewal.renew) replaces.push(RENEWAL_KEY);
                say(renewal, label, runtime);
            }
            return { changes: replaces.length > 0 || optionsChanged || recordedEnd(olds) === "unfinished", replaces, deleteBeforeReplace: false };
        },
        async create(raw) {
            const checked = parse(raw);
            const { inputs } = checked;
            const outcome = await wait(checked);
            // the id names the export; a start that failed before any export existed throws before it is needed
            const id = `${inputs.service}:${inputs.region}:${outcome.ids[0] ?? "none"}`;
            return { id, outs: pulumiResult(id, outcome, runtime) };
        },
        async update(id, olds, news) {
            const checked = parse(news);
            const { inputs } = checked;
            // only options changed: keep the recorded export and its URL, do not wait again
            if (recordedEnd(olds) === "finished") return { outs: plainJson(runtime, { ...olds, ...inputs }) };
            // resume on the export recorded when it was started: never start a second one
            const recorded = inputs.create !== undefined ? recordedExportId(inputs, olds) : undefined;
            return { outs: pulumiResult(id, await wait(checked, recorded), runtime) };
        },
        async read(id, props) {
            const { inputs } = parse(inputsOf(props));
            // an export gone from the API keeps what was recorded, and its URL's expiry still counts
            const refreshed = await refreshExport(inputs, runtime, props);
            if (isExpired(refreshed)) {
                refreshed.status = "expired";
                say(renewalOf(refreshed, inputs), resourceLabel(KIND, inputs.resourceName), runtime);
            }
            return { id, props: refreshed };
        },
        async remove() {
            // the report file stays where the service keeps it; it expires on its own
        },
    };
}

export const configure = configureHost;
export const { check, diff, create, update, read, remove } = onRuntime(reportExportLifecycle);

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

function say(renewal: { renew: boolean; message: string }, label: string, runtime: Runtime): void {
    if (renewal.renew) linesOf(runtime)(`[alicloud-tasks] ${label}: ${renewal.message}`);
    else warn(`${label}: ${renewal.message}`, runtime);
}

function parse(raw: Record<string, unknown>): CheckedInputs<ReportExportInputs> {
    return parseCheckedInputs(KIND, REPORT_EXPORT_INPUTS, raw);
}

/** The inputs among recorded properties: in start mode taskId / exportId are outputs, not inputs. */
export function inputsOf(props: Record<string, unknown>): Record<string, unknown> {
    const picked = Object.fromEntries(Object.entries(props).filter(([k]) => INPUT_KEYS.includes(k)));
    if (picked.create !== undefined) for (const key of ADOPT_KEYS) delete picked[key];
    return picked;
}
