import { createHash, randomBytes } from "crypto";
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

/**
 * Records the export a start key started, before anything else happens. Starts run concurrently (a
 * stack of many ReportExports, or several stacks on one machine), so each write is a read-modify-write
 * under the journal's lock file, created exclusively: one writer at a time, in this process or another.
 * The journal is written whole to a file of its own, then renamed into place.
 */
export async function journalStart(key: string, id: string, env: Env): Promise<void> {
    await withJournalLock(journalFile(env), (file) => addEntry(file, key, id));
}

async function addEntry(file: string, key: string, id: string): Promise<void> {
    const now = Date.now();
    const journal = Object.fromEntries(Object.entries(await readJournal(file)).filter(([, e]) => now - e.at < JOURNAL_RETENTION_MS));
    journal[key] = { id, at: now };
    const temporary = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
    await fs.writeFile(temporary, JSON.stringify(journal));
    await fs.rename(temporary, file);
}

/** How long a lock file may stand before it is taken for the leftover of a process that died holding it. */
const STALE_LOCK_MS = 10_000;

async function withJournalLock(file: string, write: (file: string) => Promise<void>): Promise<void> {
    await fs.mkdir(path.dirname(file), { recursive: true });
    const lock = `${file}.lock`;
    for (let attempt = 0; ; attempt++) {
        try {
            const handle = await fs.open(lock, "wx");
            await handle.close();
            break;
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
            const age = await fs.stat(lock).then(
                (s) => Date.now() - s.mtimeMs,
                () => 0,
            );
            if (age > STALE_LOCK_MS) await fs.rm(lock, { force: true });
            // a write holds the lock for milliseconds: retry soon, spread so that waiting writers do not retry in step
            else await new Promise((resolve) => setTimeout(resolve, Math.min(2 * 2 ** Math.min(attempt, 4), 25) * (0.5 + Math.random())));
        }
    }
    try {
        await write(file);
    } finally {
        await fs.rm(lock, { force: true });
    }
}
