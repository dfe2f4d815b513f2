import { formatDuration } from "../engine/duration";
import type { TaskSnapshot, TaskStatus } from "../services/snapshot";

/** Where a wait reports what it sees: each snapshot with its effective status, failed checks that are retried, and remarks. */
export interface ProgressSink {
    observe(snapshot: TaskSnapshot, status: TaskStatus): void;
    /** A check failed (`failure` names the API, the error and the host) and is retried for up to `leftMs`. */
    retrying(failure: string, leftMs: number): void;
    note(message: string): void;
}

const PROGRESS_INTERVAL_MS = 15_000;

export type LineWriter = (line: string) => void;

/** A dynamic provider's stdout is shown by the Pulumi CLI as info messages; the wait command prints to its own. */
export const writeLine: LineWriter = (line) => process.stdout.write(`${line}\n`);

/**
 * Progress lines for one wait: on every status change of any of its tasks, otherwise at most one
 * line every 15 seconds for the whole wait. The Pulumi CLI does not attach provider output to a
 * resource, so each line names it. The clock (`now`) and the writer are injectable for tests.
 *
 *   [alicloud-tasks] TaskWaiter "image-gate": task t-123 Processing 40% (running) after 1m05s
 */
export class ProgressReporter implements ProgressSink {
    private readonly lastStatus = new Map<string, string>();
    private lastLineAt = -Infinity;
    /** The line about failed checks: the first of a run of failures at once, then one per interval. */
    private lastRetryLineAt = -Infinity;

    private readonly write: LineWriter;

    /** `redact`: lines quote what servers said, so they leave the process only through it. */
    constructor(
        private readonly label: string,
        private readonly startedAt: number,
        redact: (text: string) => string,
        private readonly now: () => number = Date.now,
        write: LineWriter = writeLine,
    ) {
        this.write = (line) => write(redact(line));
    }

    observe(snapshot: TaskSnapshot, status: TaskStatus): void {
        const now = this.now();
        this.lastRetryLineAt = -Infinity;
        const changed = this.lastStatus.get(snapshot.taskId) !== snapshot.rawStatus;
        if (!changed && now - this.lastLineAt < PROGRESS_INTERVAL_MS) return;
        this.lastStatus.set(snapshot.taskId, snapshot.rawStatus);
        this.lastLineAt = now;
        this.write(
            `[alicloud-tasks] ${this.label}: task ${snapshot.taskId} ${snapshot.rawStatus}${percent(snapshot.progress)} (${status}) after ${formatDuration(now - this.startedAt)}`,
        );
    }

    note(message: string): void {
        this.write(`[alicloud-tasks] ${this.label}: ${message}`);
    }

    /** "... failed: ECONNREFUSED: network error reaching ecs.cn-hangzhou.aliyuncs.com; retrying until 14:03:21 UTC (29m50s left)". */
    retrying(failure: string, leftMs: number): void {
        const now = this.now();
        if (now - this.lastRetryLineAt < PROGRESS_INTERVAL_MS) return;
        this.lastRetryLineAt = now;
        const until = new Date(now + leftMs).toISOString().slice(11, 19);
        this.write(`[alicloud-tasks] ${this.label}: ${failure}; retrying until ${until} UTC (${formatDuration(leftMs)} left, the timeout)`);
    }
}

/** " 33.3%": APIs report fractions (ECD: 33.33333), one decimal is all a reader needs; "" when none is reported. */
export function percent(progress: number | undefined): string {
    return progress === undefined ? "" : ` ${Math.round(progress * 10) / 10}%`;
}
