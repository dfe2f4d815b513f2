/**
 * How a running task's reported progress moves over its run: the `progressProfile` of a task spec.
 * The timeline (queue, run, end) is the same whatever the profile; only what the APIs report as
 * progress while the task runs changes (ECS TaskProcess, bdrc Progress, ECD Progress, Security
 * Center Progress and CurrentCount). Real tasks are not all linear: waiters that predict the end
 * from progress are tested against all of these.
 *
 * - linear (default): progress follows elapsed time.
 * - s-curve: slow start, fast middle, slow finish (smoothstep).
 * - jump: 0 for the whole run, then done: progress says nothing about the end.
 * - stall: rises to 40% at 40% of the run, falls back to 30% (a retried step) and stays there until
 *   60% of the run, then climbs faster to the end.
 * - none: the APIs leave progress out altogether (the fields are absent while the task runs and at its end).
 */
export const PROGRESS_PROFILES = ["linear", "s-curve", "jump", "stall", "none"] as const;
export type ProgressProfile = (typeof PROGRESS_PROFILES)[number];

/** Where the stall profile falls back and how long it stays there. */
const STALL = { peakAt: 0.4, fallTo: 0.3, resumeAt: 0.6 } as const;

/**
 * The reported fraction (0..1) of a task `elapsed` (0..1) of the way through its run. Undefined
 * for "none". Never 1 before the run ends: the services cap what they show below 100% until then.
 */
export function reportedFraction(profile: ProgressProfile, elapsed: number): number | undefined {
    const x = Math.min(1, Math.max(0, elapsed));
    switch (profile) {
        case "linear":
            return x;
        case "s-curve":
            return x * x * (3 - 2 * x);
        case "jump":
            return 0;
        case "stall":
            if (x < STALL.peakAt) return x;
            if (x < STALL.resumeAt) return STALL.fallTo;
            return STALL.fallTo + ((x - STALL.resumeAt) * (1 - STALL.fallTo)) / (1 - STALL.resumeAt);
        case "none":
            return undefined;
    }
}
