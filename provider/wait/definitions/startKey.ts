import { createHash } from "crypto";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import type { Env } from "../../client/credentials";
import type { CheckedReportExportInputs } from "./exportApi";

/**
 * Starting an export is not idempotent, and a provider process can die between the start call's
 * answer and the state the engine records (a killed host, a closed laptop): the next `pulumi up`
 * then creates the resource again. The start key lets that run find the export the first one
 * started instead of starting a second: it is the same for the same resource (project, stack,
 * name) and request, on any machine. ECD carries it in the report file name, which its list shows;
 * Security Center has no list to search, so the key and the export id go into a journal on this
 * machine (a run elsewhere cannot know them).
 */
export function startKey(inputs: CheckedReportExportInputs): string | undefined {
    if (!inputs.resourceName || !inputs.resourceStack) return undefined;
    const identity = JSON.stringify([inputs.resourceStack, inputs.resourceName, inputs.service, inputs.region, inputs.create ?? null]);
    return `pulumi-${createHash("sha256").update(identity).digest("hex").slice(0, 12)}`;
}

/** Entries older than this are of no use: the exports they name have long finished or expired. */
const JOURNAL_RETENTION_MS = 7 * 24 * 3_600_000;

type Journal = Record<string, { id: string; at: number }>;

/** ALICLOUD_TASKS_STATE_DIR, else ~/.pulumi-alicloud-tasks. */
function journalFile(env: Env): string {
    const dir = env.ALICLOUD_TASKS_STATE_DIR || path.join(env.HOME || env.USERPROFILE || os.homedir(), ".pulumi-alicloud-tasks");
    return path.join(dir, "started-exports.json");
}

async function readJournal(file: string): Promise<Journal> {
    try {
        const parsed: unknown = JSON.parse(await fs.readFile(file, "utf8"));
        return parsed && typeof parsed === "object" ? (parsed as Journal) : {};
    } catch {
        return {}; // none yet, or unreadable: nothing is known
    }
}

/** The export a start key was recorded with on this machine, if any. */
export async function journaledStart(key: string, env: Env): Promise<string | undefined> {
    return (await readJournal(journalFile(env)))[key]?.id;
}

/** Records the export a start key started, before anything else happens (written whole, then renamed into place). */
export async function journalStart(key: string, id: string, env: Env): Promise<void> {
    const file = journalFile(env);
    const now = Date.now();
    const journal = Object.fromEntries(Object.entries(await readJournal(file)).filter(([, e]) => now - e.at < JOURNAL_RETENTION_MS));
    journal[key] = { id, at: now };
    await fs.mkdir(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    await fs.writeFile(temporary, JSON.stringify(journal));
    await fs.rename(temporary, file);
}
