import { seededRandom } from "../simulator/random";
import { ALIBABA_REGION_IDS } from "../simulator/regions";
import { BDRC_REGIONS } from "../simulator/bdrcTask";
import { SAS_REGIONS } from "../simulator/sasTask";
import { PROGRESS_PROFILES, type ProgressProfile } from "../simulator/progressProfile";
import { MAX_DURATION_MS, MIN_DURATION_MS, REGION } from "./config";

/** The services the benchmark waits on, and what each one's tasks are. */
export const SERVICES = ["ecs", "bdrc", "ecd", "sas"] as const;
export type Service = (typeof SERVICES)[number];

/** What a task will do, decided before the run: both sides get the same plan. "partial": ECS Finished with a failed operation. */
export type PlannedOutcome = "success" | "failed" | "partial";

export interface PlannedTask {
    service: Service;
    /** Where the task lives (the simulator's task region). */
    region: string;
    /** Where the waiter looks for it: the task's region, except for Security Center (any region's waiter sees the account's exports). */
    waitRegion: string;
    durationMs: number;
    outcome: PlannedOutcome;
    profile: ProgressProfile;
}

/** A planned task once the simulator made it: its id and when it ends on the simulator's clock. */
export interface SimTaskRef extends PlannedTask {
    taskId: string;
    endsAtMs: number;
}

/** "mix": every task draws one of the five profiles, with equal chances. */
export type Workload = ProgressProfile | "mix";

/** Regions a service's tasks can live in. */
function regionsOf(service: Service): readonly string[] {
    if (service === "bdrc") return BDRC_REGIONS;
    if (service === "sas") return SAS_REGIONS;
    return ALIBABA_REGION_IDS;
}

/** The region every shared workload's tasks live in. */
export function sharedRegionOf(service: Service): string {
    return service === "bdrc" || service === "sas" ? "cn-shanghai" : REGION;
}

/** Outcomes a service's tasks can end with: ECS a tenth Failed and a tenth partial; bdrc and ECD a tenth failed; Security Center exports only succeed. */
function outcomesOf(service: Service, count: number): PlannedOutcome[] {
    const tenth = Math.floor(count / 10);
    return Array.from({ length: count }, (_, i): PlannedOutcome => {
        if (service === "sas") return "success";
        if (i < tenth) return "failed";
        if (service === "ecs" && i < 2 * tenth) return "partial";
        return "success";
    });
}

export interface PlanOptions {
    /** Lone trials: each task in a region of its own within its shard (see shardsOf). */
    lone?: boolean;
    /** Shared waits in this many groups (task i in group i % groups), each waiting from a region of its own. */
    groups?: number;
}

/** Where shared group `g` waits from: the shared region first, then other regions, none used twice. */
function groupRegion(service: Service, g: number): string {
    const shared = sharedRegionOf(service);
    return g === 0 ? shared : ALIBABA_REGION_IDS.filter((r) => r !== shared)[g - 1];
}

/**
 * Deterministic: the same seed gives the same durations and outcomes whatever the workload, so a
 * profile's run and the baseline's (which never reads progress) wait on the same timelines.
 */
export function planTasks(service: Service, count: number, workload: Workload, seed: number, options: PlanOptions = {}): PlannedTask[] {
    const random = seededRandom(seed);
    const outcomes = outcomesOf(service, count);
    shuffle(outcomes, random);
    const profiles = seededRandom(seed + 1);
    const regions = regionsOf(service);
    return outcomes.map((outcome, i) => {
        // A lone trial waits in a region of its own, so that no two trials share a call. bdrc and Security
        // Center are offered in few regions: their waiters look from other regions (the simulator, like an
        // endpoint override, serves every region) at tasks that live where the service does.
        const waitRegion = options.lone ? ALIBABA_REGION_IDS[i % ALIBABA_REGION_IDS.length] : groupRegion(service, i % (options.groups ?? 1));
        const region = service === "bdrc" || service === "sas" ? (options.lone ? regions[i % regions.length] : sharedRegionOf(service)) : waitRegion;
        return {
            service,
            region,
            waitRegion,
            durationMs: Math.round(MIN_DURATION_MS + random() * (MAX_DURATION_MS - MIN_DURATION_MS)),
            outcome,
            profile: workload === "mix" ? PROGRESS_PROFILES[Math.floor(profiles() * PROGRESS_PROFILES.length)] : workload,
        };
    });
}

/** Tasks by the region their waiters look from: the groups of a grouped shared workload. */
export function groupsOf<T extends PlannedTask>(tasks: readonly T[]): T[][] {
    const groups = new Map<string, T[]>();
    for (const task of tasks) groups.set(task.waitRegion, [...(groups.get(task.waitRegion) ?? []), task]);
    return [...groups.values()];
}

/** Lone trials of every profile: `perProfile` of each, the profiles interleaved. */
export function planLoneTrials(service: Service, perProfile: number, seed: number): PlannedTask[] {
    const plan = planTasks(service, perProfile * PROGRESS_PROFILES.length, "linear", seed, { lone: true });
    return plan.map((task, i) => ({ ...task, profile: PROGRESS_PROFILES[i % PROGRESS_PROFILES.length] }));
}

/**
 * Splits lone trials into groups in which no two waits could share a call (one per service and
 * region): each group runs in a process of its own, with its own poller.
 */
export function shardsOf(plan: readonly PlannedTask[]): PlannedTask[][] {
    const shards: PlannedTask[][] = [];
    const used: Set<string>[] = [];
    for (const task of plan) {
        const key = `${task.service}|${task.waitRegion}`;
        let i = used.findIndex((keys) => !keys.has(key));
        if (i === -1) {
            i = shards.length;
            shards.push([]);
            used.push(new Set());
        }
        shards[i].push(task);
        used[i].add(key);
    }
    return shards;
}

function shuffle<T>(items: T[], random: () => number): void {
    for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [items[i], items[j]] = [items[j], items[i]];
    }
}
