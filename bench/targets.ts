import { PROGRESS_PROFILES } from "../simulator/progressProfile";
import { HOST_WAITERS, THROTTLED_SIZE } from "./config";
import type { HostRuns } from "./hostBench";
import { LoneRow, SharedRow, Target, formatRatio, formatSeconds, median, sizeLabel } from "./report";
import { GroupFigures, SideFigures, groupFigures, percentile } from "./figures";

/** Issue 16's targets, evaluated on one run's figures. A report, not a test: each is printed as met or not. */

/** Workloads the issue's targets must hold for (besides every profile being no worse than the baseline). */
const TARGET_WORKLOADS = ["linear", "s-curve", "mix"] as const;

const lag = (ours: number, baseline: number) => `${formatSeconds(ours)} vs ${formatSeconds(baseline)} (${formatRatio(ours, baseline)})`;
const calls = (ours: number, baseline: number) => `${ours} vs ${baseline} (${formatRatio(ours, baseline)})`;

export function sharedTargets(rows: readonly SharedRow[]): Target[] {
    const targets: Target[] = [];
    for (const r of rows.filter((row) => (TARGET_WORKLOADS as readonly string[]).includes(row.workload))) {
        const at = `${r.service} N=${sizeLabel(r)} ${r.workload}`;
        targets.push({
            what: `${at}: p95 lag at most 0.5x the baseline's`,
            met: r.ours.lagP95Ms <= 0.5 * r.baseline.lagP95Ms,
            figures: lag(r.ours.lagP95Ms, r.baseline.lagP95Ms) + (r.floor ? "" : NO_LIST),
        });
        if (r.n >= 100) {
            targets.push({
                what: `${at}: at least 20x fewer calls than the baseline`,
                met: r.baseline.calls >= 20 * r.ours.calls,
                figures: `${r.ours.calls} vs ${r.baseline.calls} (${(r.baseline.calls / r.ours.calls).toFixed(1)}x fewer)` + (r.floor ? "" : NO_LIST),
            });
        }
        if (r.floor) {
            targets.push({
                what: `${at}: within 1.3x of the floor`,
                met: r.ours.calls <= 1.3 * r.floor.calls,
                figures: `${r.ours.calls} vs floor ${r.floor.calls} (${formatRatio(r.ours.calls, r.floor.calls)})`,
            });
        } else {
            targets.push({
                what: `${at}: within 1.3x of the floor`,
                met: false,
                figures: "no floor: the API has no list call, every check is a call per task",
            });
        }
    }
    return targets;
}

export function loneTargets(rows: readonly LoneRow[]): Target[] {
    const targets: Target[] = [];
    for (const r of rows.filter((row) => row.profile === "linear" || row.profile === "s-curve" || row.profile === "all")) {
        const at = `${r.service} N=1 ${r.profile === "all" ? "mix" : r.profile}`;
        targets.push({
            what: `${at}: at most 0.8x the baseline's calls`,
            met: r.ours.calls <= 0.8 * r.baseline.calls,
            figures: calls(r.ours.calls, r.baseline.calls),
        });
        targets.push({
            what: `${at}: p95 lag at most 0.6x the baseline's`,
            met: r.ours.lagP95Ms <= 0.6 * r.baseline.lagP95Ms,
            figures: lag(r.ours.lagP95Ms, r.baseline.lagP95Ms) + (r.profile === "all" ? mixBound(r) : ""),
        });
    }
    return targets;
}

/** Profiles whose progress says nothing about the end: their waits keep Terraform's schedule. */
const NO_INFORMATION: readonly string[] = ["jump", "none"];

/**
 * The least p95 lag the mix can have while no profile makes more calls than the baseline: the waits
 * of profiles without information (a share s of all) keep the baseline's schedule, so their lags are
 * the baseline's; the mix's p95 is at least their (1 - 0.05 / s) quantile, whatever the other waits do.
 */
function mixBound(r: LoneRow): string {
    const blind = r.results.baseline.filter((t) => NO_INFORMATION.includes(t.profile)).map((t) => t.lagMs);
    const share = blind.length / r.results.baseline.length;
    if (blind.length === 0 || share <= 0.05) return "";
    const bound = percentile(
        blind.sort((a, b) => a - b),
        1 - 0.05 / share,
    );
    return `; bound: ${formatSeconds(bound)} (${formatRatio(bound, r.baseline.lagP95Ms)}), the ${Math.round((1 - 0.05 / share) * 100)}th percentile of the ${Math.round(share * 100)}% of waits whose progress says nothing (jump, none) on Terraform's schedule`;
}

const NO_LIST = " (Security Center has no list call: its waits cannot share one, each pays its own)";

/**
 * Where a side's figures for one profile rest on too few waits to compare, they are not compared:
 * fewer than this many waits of the profile. The p95 of n lags uniform over an interval (the k-th
 * of n, k = 0.95 (n + 1)) varies by sqrt((n + 1 - k) / (k (n + 2))) of itself, one standard
 * deviation: 4.9% for 20 waits, 3.5% for 40. The difference of two such p95s varies by sqrt(2) times
 * that, so the band below (+10%) is two standard deviations of it from 40 waits on, and 1.4 at
 * 20 (two equal schedules would then often look "worse"). Each mixed run's per-profile p95s are
 * printed either way (the table of profiles within the mixed runs).
 */
export const MIN_PROFILE_SAMPLES = 40;

/**
 * The band within which two schedules that are the same by design (a task that reports no progress
 * gets Terraform's backoff) still differ from run to run: a wait's calls vary by one with the phase
 * of its last interval, and a p95 of 40 or more lags by up to 10% (two standard deviations, see
 * MIN_PROFILE_SAMPLES). "Worse" is beyond this band; the figures are printed either way.
 */
export const SAME_SCHEDULE_BAND = { calls: 1.03, lagP95: 1.1 } as const;

/**
 * No profile worse than the baseline: lone trials pooled over the services (each service's trials
 * of a profile are a dozen), the one-profile shared runs, and each profile's waits within the
 * shared mixed runs where it has MIN_PROFILE_SAMPLES waits or more.
 */
export function profileTargets(lone: readonly LoneRow[], shared: readonly SharedRow[]): Target[] {
    const targets: Target[] = [];
    for (const profile of PROGRESS_PROFILES) {
        const comparisons: { at: string; ours: GroupFigures; baseline: GroupFigures; calls: boolean }[] = [];
        const trials = lone.filter((row) => row.profile === profile);
        if (trials.length > 0) {
            comparisons.push({
                at: `N=1 (${trials.map((r) => r.service).join(", ")} pooled)`,
                ours: groupFigures(trials.flatMap((r) => r.results.ours)),
                baseline: groupFigures(trials.flatMap((r) => r.results.baseline)),
                calls: true,
            });
        }
        for (const r of shared) {
            const own = r.workload === profile;
            const ours = own ? r.ours : r.workload === "mix" ? r.ours.byProfile[profile] : undefined;
            const baseline = own ? r.baseline : r.baseline.byProfile[profile];
            if (!ours || !baseline || Math.min(ours.tasks, baseline.tasks) < MIN_PROFILE_SAMPLES) continue;
            // a mixed run's calls are shared among its profiles: only a one-profile run has calls of its own
            comparisons.push({ at: `${r.service} N=${sizeLabel(r)} ${r.workload}`, ours, baseline, calls: own });
        }
        const worse: string[] = [];
        for (const c of comparisons) {
            if (c.calls && c.ours.calls > SAME_SCHEDULE_BAND.calls * c.baseline.calls) worse.push(`${c.at} calls ${calls(c.ours.calls, c.baseline.calls)}`);
            if (c.ours.lagP95Ms > SAME_SCHEDULE_BAND.lagP95 * c.baseline.lagP95Ms) worse.push(`${c.at} p95 ${lag(c.ours.lagP95Ms, c.baseline.lagP95Ms)}`);
        }
        const pooled = comparisons[0];
        const lonePart = pooled
            ? `; N=1 pooled: calls ${calls(pooled.ours.calls, pooled.baseline.calls)}, p95 ${lag(pooled.ours.lagP95Ms, pooled.baseline.lagP95Ms)}`
            : "";
        targets.push({
            what: `profile ${profile}: no worse than the baseline on calls or p95 lag (beyond the band of equal schedules: calls +${Math.round((SAME_SCHEDULE_BAND.calls - 1) * 100)}%, p95 +${Math.round((SAME_SCHEDULE_BAND.lagP95 - 1) * 100)}%)`,
            met: worse.length === 0,
            figures:
                worse.length === 0
                    ? `${comparisons.length} comparisons, none worse${lonePart}`
                    : `worse in ${worse.length} of ${comparisons.length * 2} figures: ${worse.slice(0, 4).join("; ")}${lonePart}`,
        });
    }
    return targets;
}

export function otherTargets(
    wrongOurs: { count: number; details: string },
    throttled: SideFigures | undefined,
    host: HostRuns | undefined,
    maxGap: { worstMs: number; limitMs: number; tasks: number } | undefined,
): Target[] {
    const targets: Target[] = [
        {
            what: "no wrong outcome anywhere (ours)",
            met: wrongOurs.count === 0,
            figures: `${wrongOurs.count} wrong${wrongOurs.details ? `: ${wrongOurs.details}` : ""}`,
        },
    ];
    if (throttled) {
        targets.push({
            what: `throttled run: all ${THROTTLED_SIZE} complete, 0 false failures (ours)`,
            met: throttled.completed === throttled.tasks && throttled.falseFailures === 0,
            figures: `${throttled.completed}/${throttled.tasks} completed, ${throttled.falseFailures} false failures, ${throttled.throttled} throttled responses`,
        });
    }
    if (host) {
        const coldOurs = median(host.taskWaiter.map((c) => c.totalMs));
        const coldTrivial = median(host.trivial.map((c) => c.totalMs));
        const growthMb = (host.memory.loadedKb - host.memory.idleKb) / 1024;
        targets.push({
            what: "cold start within 1.5x of the trivial provider",
            met: coldOurs <= 1.5 * coldTrivial,
            figures: `${Math.round(coldOurs)} ms vs ${Math.round(coldTrivial)} ms (${formatRatio(coldOurs, coldTrivial)})`,
        });
        targets.push({ what: `under 50 MB RSS growth from 0 to ${HOST_WAITERS} waiters`, met: growthMb < 50, figures: `${growthMb.toFixed(1)} MB` });
    }
    if (maxGap) {
        targets.push({
            what: `pollInterval.max (${formatSeconds(maxGap.limitMs)}) never exceeded between two checks of a running task`,
            met: maxGap.worstMs <= maxGap.limitMs,
            figures: `longest gap ${formatSeconds(maxGap.worstMs)} over ${maxGap.tasks} waits`,
        });
    }
    return targets;
}
