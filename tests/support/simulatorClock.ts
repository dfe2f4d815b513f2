/**
 * The simulator's manual clock as the tests use it: a task stays in the state the test put it in
 * until the test moves the clock, so what a waiter observes never depends on how fast a process
 * started or a timer fired.
 */
import { ManualClock, type Simulator } from "../../simulator";

/**
 * How far the manual clock starts behind the real one. The provider compares a download URL's
 * expiry (computed by the simulator from its own clock) with the REAL clock: behind by this much,
 * a link with no lifetime (urlTtlMs 0) has expired for the provider, and the default one-hour link
 * still has 50 minutes, however far (less than this) the tests advance the clock.
 */
export const BEHIND_REAL_TIME_MS = 10 * 60_000;

export function manualClock(): ManualClock {
    return new ManualClock(Date.now() - BEHIND_REAL_TIME_MS);
}

/** Moves the clock to the end of the task's timeline (nothing if it is there already); the task is then terminal. */
export function finishTask(sim: Simulator, clock: ManualClock, taskId: string): void {
    const task = sim.getTask(taskId);
    if (!task) throw new Error(`no task ${taskId} in the simulator`);
    if (task.endsAt === null) throw new Error(`task ${taskId} never ends (outcome ${task.outcome})`);
    const remaining = Date.parse(task.endsAt) - clock.now();
    if (remaining > 0) clock.advance(remaining);
}

/** A task that is over before anything waits on it: created, then the clock moved to its end. */
export function finishedTask(sim: Simulator, clock: ManualClock, spec: Parameters<Simulator["createTask"]>[0]): ReturnType<Simulator["createTask"]> {
    const task = sim.createTask(spec);
    finishTask(sim, clock, task.taskId);
    return sim.getTask(task.taskId)!;
}
