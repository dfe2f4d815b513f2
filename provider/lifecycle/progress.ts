import { formatDuration } from "../engine/duration";
import type { TaskSnapshot } from "../services/snapshot";

export const PROGRESS_INTERVAL_MS = 15_000;

export type LineWriter = (line: string) => void;

/** The CLI shows a dynamic provider's stdout as info messages; this is what goes there. */
export const writeLine: LineWriter = (line) => process.stdout.write(`${line}\n`);

/**
 * Progress lines for one resource: on every status change, otherwise at most every 15 seconds.
 * The CLI does not attach provider output to a resource, so each line names it.
 */
export class ProgressReporter {
    private readonly lastStatus = new Map<string, string>();
    private lastLineAt = -Infinity;

    constructor(
        private readonly label: string,
        private readonly startedAt: number,
        private readonly now: () => number = Date.now,
        private readonly write: LineWriter = writeLine,
    ) {}

    observe(snapshot: TaskSnapshot<unknown>): void {
        const now = this.now();
        const changed = this.lastStatus.get(snapshot.taskId) !== snapshot.rawStatus;
        if (!changed && now - this.lastLineAt < PROGRESS_INTERVAL_MS) return;
        this.lastStatus.set(snapshot.taskId, snapshot.rawStatus);
        this.lastLineAt = now;
        this.write(this.format(snapshot, now));
    }

    note(message: string): void {
        this.write(`[alicloud-tasks] ${this.label}: ${message}`);
    }

    private format(snapshot: TaskSnapshot<unknown>, now: number): string {
        const progress = snapshot.progress !== undefined ? ` ${snapshot.progress}%` : "";
        return `[alicloud-tasks] ${this.label}: task ${snapshot.taskId} ${snapshot.rawStatus}${progress} (${snapshot.status}) after ${formatDuration(now - this.startedAt)}`;
    }
}
