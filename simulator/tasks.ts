/**
 * Simulated asynchronous tasks, independent of any one service's vocabulary. A task is a
 * timeline fixed at creation: queued for queuedMs, then running for durationMs, then ending
 * with its outcome. Its state is computed from the simulator clock whenever it is asked for,
 * so nothing has to tick in the background. Services translate the neutral phase below into
 * their own status words (ECS: Waiting / Processing / Finished / Failed; bdrc: CREATED /
 * RUNNING / COMPLETE / ...), and keep their own settings in the task's details.
 */
import type { SimClock } from "./clock";
import { reportedFraction, type ProgressProfile } from "./progressProfile";

/**
 * How a task ends. Each service accepts only some: ECS success / failed / partial, bdrc success /
 * failed / cancelled / expired, ECD success / failed, Sas success / stuck. "stuck" never ends:
 * its progress climbs to 99% over durationMs and stays there.
 */
export type TaskOutcome = "success" | "failed" | "partial" | "cancelled" | "expired" | "stuck";
export const TASK_OUTCOMES: readonly TaskOutcome[] = ["success", "failed", "partial", "cancelled", "expired", "stuck"];

/** Where a task is on its timeline. "partial" is finished with some failed operations. */
export type TaskPhase = "waiting" | "running" | "succeeded" | "failed" | "partial" | "cancelled" | "expired";

/** Service-specific settings of a task (bdrc TaskName, ECD URL lifetime, ...), made by its TaskKind. */
export type TaskDetails = Readonly<Record<string, unknown>>;

export interface SimTask {
    readonly id: string;
    /** The service that owns the task: "ecs", "bdrc", "ecd" or "sas". */
    readonly service: string;
    readonly region: string;
    /** The operation that created the task, e.g. ImportImage. */
    readonly action: string;
    readonly resourceId: string;
    /** Creation time on the simulator clock (ms since the epoch). */
    readonly createdAt: number;
    readonly queuedMs: number;
    readonly durationMs: number;
    readonly outcome: TaskOutcome;
    /** Number of operations the task consists of (>= 1). */
    readonly operations: number;
    /** How many of them fail: 0 for success, all for failed, 1..operations-1 for partial. */
    readonly failedOperations: number;
    /** Carried by the failed operations. */
    readonly errorCode: string;
    readonly errorMsg: string;
    readonly supportCancel: boolean;
    /** How the reported progress moves over the run (progressProfile.ts). */
    readonly progressProfile: ProgressProfile;
    readonly details: TaskDetails;
    /** Creation order, to break ties between tasks created in the same millisecond. */
    readonly seq: number;
}

export interface TaskState {
    phase: TaskPhase;
    /**
     * Integer percentage as the APIs report it: shaped by the task's progress profile while it runs
     * (linear by default), never 100 before the task ends; 0 for profile "none".
     */
    progress: number;
    /** The same as a fraction (0..1), for services with finer scales (bdrc: 0..10000). */
    fraction: number;
    /** False for profile "none": the APIs leave their progress fields out. */
    progressReported: boolean;
    /** When the queue ends and the run starts (ms, simulator clock). */
    startsAt: number;
    /** When the task ends, whether or not that is already past; Infinity for a stuck task. */
    endsAt: number;
    terminal: boolean;
}

export function isTerminal(phase: TaskPhase): boolean {
    return phase !== "waiting" && phase !== "running";
}

const TERMINAL_PHASE: Record<Exclude<TaskOutcome, "stuck">, TaskPhase> = {
    success: "succeeded",
    failed: "failed",
    partial: "partial",
    cancelled: "cancelled",
    expired: "expired",
};

/** A stuck task's progress stops short of the end, as a stalled export does. */
const STUCK_FRACTION = 0.99;

export function taskState(task: SimTask, now: number): TaskState {
    const startsAt = task.createdAt + task.queuedMs;
    const progressReported = task.progressProfile !== "none";
    if (now < startsAt) return { phase: "waiting", progress: 0, fraction: 0, progressReported, startsAt, endsAt: endOf(task), terminal: false };
    if (task.outcome === "stuck") {
        const elapsed = task.durationMs === 0 ? STUCK_FRACTION : Math.min(STUCK_FRACTION, (now - startsAt) / task.durationMs);
        const fraction = reportedFraction(task.progressProfile, elapsed) ?? 0;
        return { phase: "running", progress: Math.floor(fraction * 100), fraction, progressReported, startsAt, endsAt: Infinity, terminal: false };
    }
    const endsAt = startsAt + task.durationMs;
    if (now < endsAt) {
        const fraction = reportedFraction(task.progressProfile, (now - startsAt) / task.durationMs) ?? 0;
        return { phase: "running", progress: Math.min(99, Math.floor(fraction * 100)), fraction, progressReported, startsAt, endsAt, terminal: false };
    }
    return {
        phase: TERMINAL_PHASE[task.outcome],
        progress: progressReported ? 100 : 0,
        fraction: progressReported ? 1 : 0,
        progressReported,
        startsAt,
        endsAt,
        terminal: true,
    };
}

function endOf(task: SimTask): number {
    return task.outcome === "stuck" ? Infinity : task.createdAt + task.queuedMs + task.durationMs;
}

/** A task and its state at one instant, as the control API and startSimulator() show it. */
export interface SimTaskView {
    taskId: string;
    service: string;
    action: string;
    region: string;
    resourceId: string;
    /** ISO-8601 times on the simulator clock; endsAt is null for a task that never ends (stuck). */
    createdAt: string;
    endsAt: string | null;
    queuedMs: number;
    durationMs: number;
    outcome: TaskOutcome;
    operations: number;
    failedOperations: number;
    /**
     * The error the failed operations report: only for outcome failed or partial. The APIs show an
     * error only for a failed task (ECS ErrorCode "" on a successful operation, bdrc ErrorMessage "",
     * ECD ErrorCode "Success"), so the view of a task that does not fail carries none either.
     */
    errorCode?: string;
    errorMsg?: string;
    supportCancel: boolean;
    progressProfile: ProgressProfile;
    phase: TaskPhase;
    /** Progress as the APIs report it (shaped by progressProfile; 0 when it is "none"). */
    progress: number;
    /** The status word the service's API shows now ("Processing", "RUNNING", "exporting", ...). */
    status: string;
    /** Service-specific settings (see the service's task fields). */
    details: TaskDetails;
}

/** `status` is the service's own word for the task now (TaskKind.statusOf). */
export function taskView(task: SimTask, now: number, status: string): SimTaskView {
    const state = taskState(task, now);
    return {
        taskId: task.id,
        service: task.service,
        action: task.action,
        region: task.region,
        resourceId: task.resourceId,
        createdAt: new Date(task.createdAt).toISOString(),
        endsAt: Number.isFinite(state.endsAt) ? new Date(state.endsAt).toISOString() : null,
        queuedMs: task.queuedMs,
        durationMs: task.durationMs,
        outcome: task.outcome,
        operations: task.operations,
        failedOperations: task.failedOperations,
        ...(task.failedOperations > 0 ? { errorCode: task.errorCode, errorMsg: task.errorMsg } : {}),
        supportCancel: task.supportCancel,
        progressProfile: task.progressProfile,
        phase: state.phase,
        progress: state.progress,
        status,
        details: task.details,
    };
}

/** The fields of a task other than its creation time and order, which the store assigns. */
export type NewTask = Omit<SimTask, "createdAt" | "seq">;

export class DuplicateTaskError extends Error {
    constructor(readonly taskId: string) {
        super(`a task with id ${taskId} already exists`);
    }
}

/** How many tasks the store holds, and how many bytes of fields in all, before it refuses more. */
export const MAX_TASKS = 10_000;
export const MAX_TASK_STORE_BYTES = 16 * 1024 * 1024;

/** The store is full: remove tasks (DELETE /__sim/tasks[/<id>], Simulator.removeTask) to make room. */
export class TaskStoreFullError extends Error {
    constructor(what: string) {
        super(`the simulator holds at most ${what}: remove tasks first (DELETE /__sim/tasks/<id>, DELETE /__sim/tasks, or Simulator.removeTask)`);
        this.name = "TaskStoreFullError";
    }
}

/** What a task's fields take, roughly: the bytes of its JSON. */
function sizeOf(task: NewTask): number {
    return Buffer.byteLength(JSON.stringify(task), "utf8");
}

/** All tasks of all services, keyed by id. Bounded: see MAX_TASKS and MAX_TASK_STORE_BYTES. */
export class TaskStore {
    private readonly tasks = new Map<string, SimTask>();
    private readonly sizes = new Map<string, number>();
    private totalBytes = 0;
    private nextSeq = 0;

    constructor(
        private readonly clock: SimClock,
        private readonly maxTasks = MAX_TASKS,
        private readonly maxBytes = MAX_TASK_STORE_BYTES,
    ) {}

    /** Throws DuplicateTaskError, or TaskStoreFullError when the task would not fit. */
    add(fields: NewTask): SimTask {
        if (this.tasks.has(fields.id)) throw new DuplicateTaskError(fields.id);
        if (this.tasks.size >= this.maxTasks) throw new TaskStoreFullError(`${this.maxTasks} tasks`);
        const size = sizeOf(fields);
        if (this.totalBytes + size > this.maxBytes) throw new TaskStoreFullError(`${this.maxBytes} bytes of task fields`);
        const task: SimTask = Object.freeze({ ...fields, createdAt: this.clock.now(), seq: this.nextSeq++ });
        this.tasks.set(task.id, task);
        this.sizes.set(task.id, size);
        this.totalBytes += size;
        return task;
    }

    get(id: string): SimTask | undefined {
        return this.tasks.get(id);
    }

    /** Forgets a task, as if the service had lost it (fault injection, DELETE /__sim/tasks/<id>). */
    remove(id: string): boolean {
        if (!this.tasks.delete(id)) return false;
        this.totalBytes -= this.sizes.get(id) ?? 0;
        this.sizes.delete(id);
        return true;
    }

    /** Forgets every task; returns how many there were. */
    clear(): number {
        const count = this.tasks.size;
        this.tasks.clear();
        this.sizes.clear();
        this.totalBytes = 0;
        return count;
    }

    has(id: string): boolean {
        return this.tasks.has(id);
    }

    /** Tasks that pass the filter, newest first. */
    list(filter: (task: SimTask) => boolean = () => true): SimTask[] {
        return [...this.tasks.values()].filter(filter).sort((a, b) => b.createdAt - a.createdAt || b.seq - a.seq);
    }

    get size(): number {
        return this.tasks.size;
    }
}
