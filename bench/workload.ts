import { seededRandom } from "../simulator/random";
import { DEFAULT_BACKOFF, backoffDelay } from "../provider/engine/backoff";
import { ECS_MAX_TASK_IDS } from "../provider/services/ecs";
import { ALIBABA_REGION_IDS } from "../simulator/regions";
import { MAX_DURATION_MS, MIN_DURATION_MS, REGION } from "./config";

/** What a task will do, decided before the run: both sides get the same plan. */
export type PlannedOutcome = "success" | "failed" | "partial";

export interface PlannedTask {
    region: string;
    durationMs: number;
    outcome: PlannedOutcome;
}

/** A planned task once the simulator made it: its id and when it ends on the simulator's clock. */
export interface SimTaskRef extends PlannedTask {
    taskId: string;
    endsAtMs: number;
}

/** Deterministic: the same seed gives both sides the same durations and outcomes. */
export function planTasks(count: number, seed: number, options: { ownRegions?: boolean } = {}): PlannedTask[] {
    const random = seededRandom(seed);
    const tenth = Math.floor(count / 10);
    const outcomes: PlannedOutcome[] = Array.from({ length: count }, (_, i) => (i < tenth ? "failed" : i < 2 * tenth ? "partial" : "success"));
    shuffle(outcomes, random);
    return outcomes.map((outcome, i) => ({
        region: options.ownRegions ? ALIBABA_REGION_IDS[i % ALIBABA_REGION_IDS.length] : REGION,
        durationMs: Math.round(MIN_DURATION_MS + random() * (MAX_DURATION_MS - MIN_DURATION_MS)),
        outcome,
    }));
}

/**
 * The fewest calls a poller can make while checking every pending task as often as the default
 * schedule asks. Rounds are the checks one wait makes on that schedule without jitter (at once,
 * then 3 s, 9 s, 19 s, then every 10 s) from the start until the last task is seen
 * terminal; a round costs ceil(pending / 100) DescribeTasks, pending being the tasks not seen
 * terminal at the round before. Each task then costs one DescribeTaskAttribute. Lone trials are
 * independent waits, so their floor is the sum of each one's.
 */
export function callFloor(tasks: readonly SimTaskRef[], startedAtMs: number, independent: boolean): { rounds: number; calls: number } {
    if (independent) {
        return tasks
            .map((t) => callFloor([t], startedAtMs, false))
            .reduce((sum, f) => ({ rounds: sum.rounds + f.rounds, calls: sum.calls + f.calls }), { rounds: 0, calls: 0 });
    }
    const ends = tasks.map((t) => t.endsAtMs - startedAtMs);
    const policy = { ...DEFAULT_BACKOFF, jitter: 0 };
    let rounds = 0;
    let calls = 0;
    let previous = -Infinity;
    for (let at = 0, attempt = 0; ; at += backoffDelay(attempt++, policy)) {
        const pending = ends.filter((end) => end > previous).length;
        if (pending === 0) break;
        rounds++;
        calls += Math.ceil(pending / ECS_MAX_TASK_IDS);
        previous = at;
    }
    return { rounds, calls: calls + tasks.length };
}

function shuffle<T>(items: T[], random: () => number): void {
    for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [items[i], items[j]] = [items[j], items[i]];
    }
}
