import { formatDuration } from "../engine/duration";
import type { TaskSnapshot } from "../services/snapshot";

export const PROGRESS_INTERVAL_MS = 15_000;

export type LineWriter = (line: string) => void;

/** The CLI shows a dynamic provider's stdout as info messages; this is what goes there. */
export const writeLine: LineWriter = (line) => process.stdout.write(`${line}\n`);

/**
 * Progress lines for one resource: on every status change of any of its tasks, otherwise at most
 * one line every 15 seconds for the whole resource. The CLI does not attach provider output to a
 * resource, so each line names it. The clock (`now`) and the writer are injectable for tests.
 *
 *   [alicloud-tasks] TaskWaiter "image-gate": task t-123 Processing 40% (running) after 1m05s
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
        // APIs report fractions (ECD: 33.33333): one decimal is all a reader needs
        const progress = snapshot.progress !== undefined ? ` ${Math.round(snapshot.progress * 10) / 10}%` : "";
        return `[alicloud-tasks] ${this.label}: task ${snapshot.taskId} ${snapshot.rawStatus}${progress} (${snapshot.status}) after ${formatDuration(now - this.startedAt)}`;
    }
}
