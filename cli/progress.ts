import { ProgressReporter, ProgressSink, TaskSnapshot, TaskStatus, formatDuration, percent } from "../provider/wait";

/**
 * Progress while the command waits. On a terminal: one live line, rewritten in place with "\r"
 * every second and on every snapshot. Elsewhere (CI logs, pipes): the provider's own lines, a
 * line per status change and one every 15 s, so a log reads like `pulumi up` output.
 */

export type ProgressMode = "auto" | "live" | "plain" | "none";
export const PROGRESS_MODES: readonly ProgressMode[] = ["auto", "live", "plain", "none"];

export interface OutputStream {
    write(text: string): unknown;
    isTTY?: boolean;
    columns?: number;
}

export interface ProgressDisplay {
    /** What the wait reports to. */
    readonly sink: ProgressSink;
    /** Stops the live line and leaves its last state on screen. */
    finish(): void;
}

/** `redact`: progress lines quote what servers said, so they leave the process only through it. */
export function progressDisplay(mode: ProgressMode, stream: OutputStream, label: string, startedAt: number, redact: (text: string) => string): ProgressDisplay {
    const effective = mode === "auto" ? (stream.isTTY ? "live" : "plain") : mode;
    if (effective === "live") {
        const live = new LiveProgress(label, startedAt, new LiveLine(stream), redact);
        return { sink: live, finish: () => live.finish() };
    }
    const write = effective === "plain" ? (line: string) => void stream.write(`${line}\n`) : () => undefined;
    return { sink: new ProgressReporter(label, startedAt, redact, Date.now, write), finish: () => undefined };
}

/** One line at the bottom of a terminal that is redrawn in place; other lines are printed above it. */
export class LiveLine {
    private text = "";

    constructor(private readonly stream: OutputStream) {}

    show(text: string): void {
        // a terminal that reports no width (0) gets a usual one
        const width = Math.max(20, (this.stream.columns || 100) - 1);
        this.text = text.length > width ? `${text.slice(0, width - 3)}...` : text;
        this.stream.write(`\r\x1b[2K${this.text}`);
    }

    /** A line that stays: printed over the live line, which is then drawn again below it. */
    printAbove(line: string): void {
        this.stream.write(`\r\x1b[2K${line}\n`);
        if (this.text) this.stream.write(this.text);
    }

    /** Ends the live line with a newline, so its last state stays on screen. */
    end(): void {
        if (this.text) this.stream.write("\n");
        this.text = "";
    }
}

const TICK_MS = 1000;
/** Up to this many tasks are listed one by one; more are counted by status. */
const LISTED_TASKS = 3;

/** A progress sink that keeps every task's latest snapshot on the live line; notes are printed above it. */
export class LiveProgress implements ProgressSink {
    private readonly latest = new Map<string, { snapshot: TaskSnapshot; status: TaskStatus }>();
    private readonly timer: ReturnType<typeof setInterval>;
    private readonly notes: ProgressReporter;

    constructor(
        private readonly what: string,
        private readonly since: number,
        private readonly line: LiveLine,
        redact: (text: string) => string,
    ) {
        this.notes = new ProgressReporter(what, since, redact, Date.now, (text) => line.printAbove(text));
        this.timer = setInterval(() => this.draw(), TICK_MS);
        this.timer.unref();
        this.draw();
    }

    observe(snapshot: TaskSnapshot, status: TaskStatus): void {
        this.latest.set(snapshot.taskId, { snapshot, status });
        this.draw();
    }

    note(message: string): void {
        this.notes.note(message);
    }

    retrying(failure: string, leftMs: number): void {
        this.notes.retrying(failure, leftMs);
    }

    finish(): void {
        clearInterval(this.timer);
        this.draw();
        this.line.end();
    }

    private draw(): void {
        this.line.show(`[alicloud-tasks] ${this.what}: ${this.state(formatDuration(Date.now() - this.since))}`);
    }

    /** The elapsed time comes before a list of tasks, so that cutting a long line to the terminal's width keeps it. */
    private state(elapsed: string): string {
        const tasks = [...this.latest.values()];
        if (tasks.length === 0) return `waiting for the first status after ${elapsed}`;
        if (tasks.length === 1) {
            const { snapshot, status } = tasks[0];
            return `task ${snapshot.taskId} ${snapshot.rawStatus}${percent(snapshot.progress)} (${status}) after ${elapsed}`;
        }
        const head = `${tasks.length} tasks after ${elapsed}: `;
        if (tasks.length <= LISTED_TASKS)
            return head + tasks.map(({ snapshot }) => `${snapshot.taskId} ${snapshot.rawStatus}${percent(snapshot.progress)}`).join(", ");
        const counts = new Map<string, number>();
        for (const { status } of tasks) counts.set(status, (counts.get(status) ?? 0) + 1);
        const mean = tasks.reduce((sum, { snapshot }) => sum + (snapshot.progress ?? 0), 0) / tasks.length;
        return head + `${[...counts].map(([status, n]) => `${n} ${status}`).join(", ")}, ${Math.round(mean)}% on average`;
    }
}
