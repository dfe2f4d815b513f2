/**
 * Simulated asynchronous tasks, independent of any one service's vocabulary. A task is a
 * timeline fixed at creation: queued for queuedMs, then running for durationMs, then ending
 * with its outcome. Its state is computed from the simulator clock whenever it is asked for,
 * so nothing has to tick in the background. Services translate the neutral phase below into
 * their own status words (ECS: Waiting / Processing / Finished / Failed).
 */
import type { SimClock } from "./clock";

export type TaskOutcome = "success" | "failed" | "partial";
export const TASK_OUTCOMES: readonly TaskOutcome[] = ["success", "failed", "partial"];

/** Where a task is on its timeline. "partial" is finished with some failed operations. */
export type TaskPhase = "waiting" | "running" | "succeeded" | "failed" | "partial";

export interface SimTask {
  readonly id: string;
  /** The service that owns the task ("ecs"; later "bdrc", "ecd", "sas"). */
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
  /** Creation order, to break ties between tasks created in the same millisecond. */
  readonly seq: number;
}

export interface TaskState {
  phase: TaskPhase;
  /** Integer percentage. Rises linearly while running, never 100 before the task ends. */
  progress: number;
  /** When the task ends (ms, simulator clock), whether or not that is already past. */
  endsAt: number;
  terminal: boolean;
}

export function isTerminal(phase: TaskPhase): boolean {
  return phase === "succeeded" || phase === "failed" || phase === "partial";
}

export function taskState(task: SimTask, now: number): TaskState {
  const startsAt = task.createdAt + task.queuedMs;
  const endsAt = startsAt + task.durationMs;
  if (now < startsAt) return { phase: "waiting", progress: 0, endsAt, terminal: false };
  if (now < endsAt) {
    const progress = Math.min(99, Math.floor(((now - startsAt) / task.durationMs) * 100));
    return { phase: "running", progress, endsAt, terminal: false };
  }
  const phase: TaskPhase = task.outcome === "success" ? "succeeded" : task.outcome;
  return { phase, progress: 100, endsAt, terminal: true };
}

/** A task and its state at one instant, as the control API and startSimulator() show it. */
export interface SimTaskView {
  taskId: string;
  service: string;
  action: string;
  region: string;
  resourceId: string;
  /** ISO-8601 times on the simulator clock. */
  createdAt: string;
  endsAt: string;
  queuedMs: number;
  durationMs: number;
  outcome: TaskOutcome;
  operations: number;
  failedOperations: number;
  errorCode: string;
  errorMsg: string;
  supportCancel: boolean;
  phase: TaskPhase;
  progress: number;
}

export function taskView(task: SimTask, now: number): SimTaskView {
  const state = taskState(task, now);
  return {
    taskId: task.id,
    service: task.service,
    action: task.action,
    region: task.region,
    resourceId: task.resourceId,
    createdAt: new Date(task.createdAt).toISOString(),
    endsAt: new Date(state.endsAt).toISOString(),
    queuedMs: task.queuedMs,
    durationMs: task.durationMs,
    outcome: task.outcome,
    operations: task.operations,
    failedOperations: task.failedOperations,
    errorCode: task.errorCode,
    errorMsg: task.errorMsg,
    supportCancel: task.supportCancel,
    phase: state.phase,
    progress: state.progress,
  };
}

/** The fields of a task other than its creation time and order, which the store assigns. */
export type NewTask = Omit<SimTask, "createdAt" | "seq">;

export class DuplicateTaskError extends Error {
  constructor(readonly taskId: string) {
    super(`a task with id ${taskId} already exists`);
  }
}

/** All tasks of all services, keyed by id. */
export class TaskStore {
  private readonly tasks = new Map<string, SimTask>();
  private nextSeq = 0;

  constructor(private readonly clock: SimClock) {}

  add(fields: NewTask): SimTask {
    if (this.tasks.has(fields.id)) throw new DuplicateTaskError(fields.id);
    const task: SimTask = Object.freeze({ ...fields, createdAt: this.clock.now(), seq: this.nextSeq++ });
    this.tasks.set(task.id, task);
    return task;
  }

  get(id: string): SimTask | undefined {
    return this.tasks.get(id);
  }

  /** Tasks that pass the filter, newest first. */
  list(filter: (task: SimTask) => boolean = () => true): SimTask[] {
    return [...this.tasks.values()]
      .filter(filter)
      .sort((a, b) => b.createdAt - a.createdAt || b.seq - a.seq);
  }

  get size(): number {
    return this.tasks.size;
  }
}
