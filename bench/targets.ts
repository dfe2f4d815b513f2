import { PROGRESS_PROFILES } from "../simulator/progress-profile";
import { HOST_WAITERS, THROTTLED_SIZE } from "./config";
import type { SideFigures } from "./figures";
import type { HostRuns } from "./host-bench";
import { LoneRow, SharedRow, Target, formatRatio, formatSeconds, median } from "./report";

/** Issue 16's targets, evaluated on one run's figures. A report, not a test: each is printed as met or not. */

/** Workloads the issue's targets must hold for (besides every profile being no worse than the baseline). */
const TARGET_WORKLOADS = ["linear", "s-curve", "mix"] as const;

const lag = (ours: number, baseline: number) => `${formatSeconds(ours)} vs ${formatSeconds(baseline)} (${formatRatio(ours, baseline)})`;
const calls = (ours: number, baseline: number) => `${ours} vs ${baseline} (${formatRatio(ours, baseline)})`;

export function sharedTargets(rows: readonly SharedRow[]): Target[] {
    const targets: Target[] = [];
    for (const r of rows.filter((row) => (TARGET_WORKLOADS as readonly string[]).includes(row.workload))) {
        const at = `${r.service} N=${r.n} ${r.workload}`;
        targets.push({
            what: `${at}: p95 lag at most 0.5x the baseline's`,
            met: r.ours.lagP95Ms <= 0.5 * r.baseline.lagP95Ms,
            figures: lag(r.ours.lagP95Ms, r.baseline.lagP95Ms),
        });
        if (r.n >= 100) {
            targets.push({
                what: `${at}: at least 20x fewer calls than the baseline`,
                met: r.baseline.calls >= 20 * r.ours.calls,
                figures: `${r.ours.calls} vs ${r.baseline.calls} (${(r.baseline.calls / r.ours.calls).toFixed(1)}x fewer)`,
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
            figures: lag(r.ours.lagP95Ms, r.baseline.lagP95Ms),
        });
    }
    return targets;
}

/** No profile worse than the baseline: lone trials per profile, and each profile's waits within the shared mixed runs (and its own runs). */
export function profileTargets(lone: readonly LoneRow[], shared: readonly SharedRow[]): Target[] {
    const targets: Target[] = [];
    for (const profile of PROGRESS_PROFILES) {
        const worse: string[] = [];
        let checked = 0;
        for (const r of lone.filter((row) => row.profile === profile)) {
            checked++;
            if (r.ours.calls > r.baseline.calls) worse.push(`${r.service} N=1 calls ${calls(r.ours.calls, r.baseline.calls)}`);
            if (r.ours.lagP95Ms > r.baseline.lagP95Ms) worse.push(`${r.service} N=1 p95 ${lag(r.ours.lagP95Ms, r.baseline.lagP95Ms)}`);
        }
        for (const r of shared) {
            const ours = r.workload === profile ? r.ours : r.workload === "mix" ? r.ours.byProfile[profile] : undefined;
            const baseline = r.workload === profile ? r.baseline : r.baseline.byProfile[profile];
            if (!ours || !baseline) continue;
            checked++;
            if (ours.lagP95Ms > baseline.lagP95Ms) worse.push(`${r.service} N=${r.n} ${r.workload} p95 ${lag(ours.lagP95Ms, baseline.lagP95Ms)}`);
            if (r.workload === profile && r.ours.calls > r.baseline.calls) worse.push(`${r.service} N=${r.n} calls ${calls(r.ours.calls, r.baseline.calls)}`);
        }
        targets.push({
            what: `profile ${profile}: no worse than the baseline on calls or p95 lag`,
            met: worse.length === 0,
            figures: worse.length === 0 ? `${checked} comparisons, none worse` : `worse in ${worse.length} of ${checked}: ${worse.slice(0, 4).join("; ")}`,
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
