import { WaitOutcome, formatDuration, redactUrl } from "../provider/wait";
import type { OutputStream } from "./progress";

/**
 * The end of a run. With --json, stdout holds exactly one JSON object: the record the resource
 * would store, download URL without its query unless --show-url. Otherwise a short summary on
 * stdout when the wait succeeded. Why it did not succeed always goes to stderr, where CI logs show it.
 */

export interface ReportOptions {
    json: boolean;
    showUrl: boolean;
    stdout: OutputStream;
    stderr: OutputStream;
    /** Said in brackets after a failure's message: where the credentials came from, after a caller error. */
    aside?: string;
}

/** A pre-signed URL's query is a credential until it expires: printed only when asked for. */
export function presentable(record: Record<string, unknown>, showUrl: boolean, secretOutputs: readonly string[] = []): Record<string, unknown> {
    // `wait api --secret`, or an answer holding a secret field: the values are kept out of the output as they are out of messages
    const shown: Record<string, unknown> =
        record.secret === true
            ? { ...record, answer: "(secret)", matchedValue: "(secret)" }
            : { ...record, ...Object.fromEntries(secretOutputs.filter((k) => record[k] !== undefined).map((k) => [k, "(secret)"])) };
    if (showUrl || typeof shown.downloadUrl !== "string") return shown;
    return { ...shown, downloadUrl: redactUrl(shown.downloadUrl) };
}

export function report(outcome: WaitOutcome, options: ReportOptions): void {
    const record = presentable(outcome.outputs, options.showUrl, outcome.secretOutputs);
    if (options.json) options.stdout.write(`${JSON.stringify(record, null, 2)}\n`);
    if (outcome.state !== "success") {
        options.stderr.write(`alicloud-tasks: ${outcome.message ?? outcome.state}${options.aside ? ` (${options.aside})` : ""}\n`);
        return;
    }
    if (!options.json)
        options.stdout.write(
            summaryLines(outcome, record, options.showUrl)
                .map((l) => `${l}\n`)
                .join(""),
        );
}

/** "succeeded: ECS task t-1 Finished after 9s", then what a script may want next: the image id, the report's URL. */
function summaryLines(outcome: WaitOutcome, record: Record<string, unknown>, showUrl: boolean): string[] {
    const waited = typeof record.waitedSeconds === "number" ? ` after ${formatDuration(record.waitedSeconds * 1000)}` : "";
    const what = outcome.ids.length > 1 ? `${outcome.ids.length} ${outcome.what}s ${outcome.ids.join(", ")}` : `${outcome.what} ${outcome.ids.join("")}`;
    // an API wait says which acceptor matched, not a task's status
    if (typeof record.reason === "string") return [`succeeded: ${outcome.what}: ${record.reason}${waited}`];
    const lines = [`succeeded: ${what} ${String(record.rawStatus ?? "")}${waited}`];
    if (typeof record.resourceId === "string") lines.push(`resource: ${record.resourceId}`);
    if (typeof record.totalCount === "number") lines.push(`entries: ${record.currentCount ?? "?"}/${record.totalCount}`);
    if (typeof record.fileName === "string") lines.push(`file: ${record.fileName}`);
    if (typeof record.downloadUrl === "string") lines.push(`url: ${record.downloadUrl}${showUrl ? "" : " (query removed: --show-url prints the signed URL)"}`);
    if (typeof record.expiresAt === "string") lines.push(`expires: ${record.expiresAt}`);
    return lines;
}
