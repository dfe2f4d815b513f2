import { formatDuration } from "../provider/engine/duration";
import { ProgressReporter } from "../provider/lifecycle/progress";
import type { TaskSnapshot } from "../provider/services/snapshot";

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
    /** What the lifecycle's plans report to. */
    readonly reporter: ProgressReporter;
    /** Stops the live line and leaves its last state on screen. */
    finish(): void;
}

export function progressDisplay(mode: ProgressMode, stream: OutputStream, label: string, startedAt: number): ProgressDisplay {
    const effective = mode === "auto" ? (stream.isTTY ? "live" : "plain") : mode;
    if (effective === "live") {
        const live = new LiveProgress(label, startedAt, new LiveLine(stream));
        return { reporter: live, finish: () => live.finish() };
    }
    const write = effective === "plain" ? (line: string) => void stream.write(`${line}\n`) : () => undefined;
    return { reporter: new ProgressReporter(label, startedAt, Date.now, write), finish: () => undefined };
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

/** A ProgressReporter (so the plans can report to it) that keeps every task's latest snapshot on the live line. */
export class LiveProgress extends ProgressReporter {
    private readonly latest = new Map<string, TaskSnapshot<unknown>>();
    private readonly timer: ReturnType<typeof setInterval>;

    constructor(
        private readonly what: string,
        private readonly since: number,
        private readonly line: LiveLine,
    ) {
        super(what, since, Date.now, (text) => line.printAbove(text));
        this.timer = setInterval(() => this.draw(), TICK_MS);
        this.timer.unref();
        this.draw();
    }

    override observe(snapshot: TaskSnapshot<unknown>): void {
        this.latest.set(snapshot.taskId, snapshot);
        this.draw();
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
        if (tasks.length === 1) return `task ${tasks[0].taskId} ${tasks[0].rawStatus}${percent(tasks[0].progress)} (${tasks[0].status}) after ${elapsed}`;
        const head = `${tasks.length} tasks after ${elapsed}: `;
        if (tasks.length <= LISTED_TASKS) return head + tasks.map((s) => `${s.taskId} ${s.rawStatus}${percent(s.progress)}`).join(", ");
        const counts = new Map<string, number>();
        for (const s of tasks) counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
        const mean = tasks.reduce((sum, s) => sum + (s.progress ?? 0), 0) / tasks.length;
        return head + `${[...counts].map(([status, n]) => `${n} ${status}`).join(", ")}, ${Math.round(mean)}% on average`;
    }
}

function percent(progress: number | undefined): string {
    return progress === undefined ? "" : ` ${Math.round(progress * 10) / 10}%`;
}
