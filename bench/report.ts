import type { ProgressProfile } from "../simulator/progressProfile";
import type { TaskResult } from "./protocol";
import type { GroupFigures, SideFigures } from "./figures";
import type { Floor } from "./floor";
import type { ColdStart, HostMemory } from "./hostBench";
import type { Service, Workload } from "./workload";

/** The benchmark's printed report, as Markdown (readable in a terminal, and folded into bench/RESULTS.md). */

export interface LoneRow {
    service: Service;
    /** A profile's trials, or "all" of them. */
    profile: ProgressProfile | "all";
    ours: GroupFigures;
    baseline: GroupFigures;
    /** Each side's waits, for figures pooled over services. */
    results: { ours: TaskResult[]; baseline: TaskResult[] };
}

export interface SharedRow {
    service: Service;
    n: number;
    /** Groups of n waits run at once, none sharing a call with another (1: one group). */
    groups: number;
    workload: Workload;
    ours: SideFigures;
    /** The baseline on the same timelines (it never reads progress: one run serves every workload of a size). */
    baseline: SideFigures;
    floor?: Floor;
}

export interface Target {
    what: string;
    met: boolean;
    figures: string;
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const ratio = (a: number, b: number) => (b === 0 ? (a === 0 ? "1.00x" : "inf") : `${(a / b).toFixed(a / b < 0.1 ? 3 : 2)}x`);
const int = (n: number) => String(Math.round(n));
const mb = (value: number) => `${value.toFixed(1)} MB`;
const minutes = (ms: number) => {
    const seconds = Math.round(ms / 1000);
    return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, "0")}s`;
};
const actions = (byAction: Record<string, number>) =>
    Object.entries(byAction)
        .sort()
        .map(([action, n]) => `${action} ${n}`)
        .join(", ");

export function loneTable(rows: readonly LoneRow[]): string[] {
    const lines = [
        "| service | profile | trials | calls ours / baseline | ratio | lag p50 ours / baseline | lag p95 ours / baseline | p95 ratio | wrong (ours) |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ];
    for (const r of rows) {
        lines.push(
            `| ${r.profile === "all" ? `**${r.service}**` : r.service} | ${r.profile === "all" ? "**all (mix)**" : r.profile} | ${r.ours.tasks} | ${r.ours.calls} / ${r.baseline.calls} | ` +
                `${ratio(r.ours.calls, r.baseline.calls)} | ${s(r.ours.lagP50Ms)} / ${s(r.baseline.lagP50Ms)} | ${s(r.ours.lagP95Ms)} / ${s(r.baseline.lagP95Ms)} | ` +
                `${ratio(r.ours.lagP95Ms, r.baseline.lagP95Ms)} | ${r.ours.wrong} |`,
        );
    }
    return lines;
}

/** N, and for a grouped run how many groups of N ran at once: "10 (x5)". */
export function sizeLabel(row: Pick<SharedRow, "n" | "groups">): string {
    return row.groups > 1 ? `${row.n} (x${row.groups})` : String(row.n);
}

export function sharedTable(rows: readonly SharedRow[]): string[] {
    const lines = [
        "| service | N | workload | side | API calls (by action) | calls/task | lag p50 | lag p95 | floor | ours/floor | wrong | CPU | peak RSS |",
        "| --- | ---: | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ];
    let shownBaseline = "";
    for (const r of rows) {
        const floor = r.floor ? `${r.floor.calls} (${r.floor.rounds} checks)` : "n/a";
        const { ours, baseline } = r;
        lines.push(
            `| ${r.service} | ${sizeLabel(r)} | ${r.workload} | ours | ${ours.calls} (${actions(ours.byAction)}) | ${ours.callsPerTask.toFixed(2)} | ${s(ours.lagP50Ms)} | ${s(ours.lagP95Ms)} | ` +
                `${floor} | ${r.floor ? ratio(ours.calls, r.floor.calls) : "n/a"} | ${ours.wrong} | ${int(ours.cpuMs)} ms | ${mb(ours.maxRssMb)} |`,
        );
        const key = `${r.service}|${r.n}`;
        if (shownBaseline !== key) {
            shownBaseline = key;
            lines.push(
                `| | | (same timelines) | baseline | ${baseline.calls} (${actions(baseline.byAction)}) | ${baseline.callsPerTask.toFixed(2)} | ${s(baseline.lagP50Ms)} | ` +
                    `${s(baseline.lagP95Ms)} | | | ${baseline.wrong} | ${int(baseline.cpuMs)} ms | ${mb(baseline.maxRssMb)} |`,
            );
        }
        lines.push(
            `| | | | ours/baseline | ${ratio(ours.calls, baseline.calls)} (${(baseline.calls / ours.calls).toFixed(1)}x fewer) | | ${ratio(ours.lagP50Ms, baseline.lagP50Ms)} | ` +
                `${ratio(ours.lagP95Ms, baseline.lagP95Ms)} | | | | ${ratio(ours.cpuMs, baseline.cpuMs)} | ${ratio(ours.maxRssMb, baseline.maxRssMb)} |`,
        );
    }
    return lines;
}

/** p95 lag of each profile's waits within the mixed runs, ours against the baseline's on the same tasks. */
export function mixProfileTable(rows: readonly SharedRow[], profiles: readonly ProgressProfile[]): string[] {
    const lines = [`| service | N | ${profiles.join(" | ")} |`, `| --- | ---: | ${profiles.map(() => "---:").join(" | ")} |`];
    for (const r of rows.filter((row) => row.workload === "mix")) {
        const cells = profiles.map((p) => {
            const ours = r.ours.byProfile[p];
            const base = r.baseline.byProfile[p];
            return ours && base ? `${s(ours.lagP95Ms)} / ${s(base.lagP95Ms)}` : "-";
        });
        lines.push(`| ${r.service} | ${sizeLabel(r)} | ${cells.join(" | ")} |`);
    }
    return lines;
}

export function throttledTable(ours: SideFigures, baseline: SideFigures): string[] {
    const lines = [
        "| side | completed | false failures | wrong | throttled responses | lag p50 | lag p95 | API calls | wall (virtual) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ];
    for (const [side, f] of [
        ["ours", ours],
        ["baseline", baseline],
    ] as const) {
        lines.push(
            `| ${side} | ${f.completed}/${f.tasks} | ${f.falseFailures} | ${f.wrong} | ${f.throttled} | ${s(f.lagP50Ms)} | ${s(f.lagP95Ms)} | ${f.calls} | ${minutes(f.virtualWallMs)} |`,
        );
    }
    return lines;
}

export function hostTable(taskWaiter: ColdStart[], trivial: ColdStart[], memory: HostMemory, hanging: HostMemory): string[] {
    const med = (runs: ColdStart[], key: keyof ColdStart) => median(runs.map((r) => r[key]));
    return [
        "| provider | spawn to first create answered (median) | runs | spawn to port line (median) |",
        "| --- | ---: | --- | ---: |",
        `| TaskWaiter (Finished task) | ${int(med(taskWaiter, "totalMs"))} ms | ${taskWaiter.map((r) => int(r.totalMs)).join(", ")} ms | ${int(med(taskWaiter, "spawnToPortMs"))} ms |`,
        `| trivial provider | ${int(med(trivial, "totalMs"))} ms | ${trivial.map((r) => int(r.totalMs)).join(", ")} ms | ${int(med(trivial, "spawnToPortMs"))} ms |`,
        `| ratio | ${ratio(med(taskWaiter, "totalMs"), med(trivial, "totalMs"))} | | |`,
        "",
        `Host RSS (VmRSS): ${mb(memory.idleKb / 1024)} after one create, no wait in flight; ${mb(memory.loadedKb / 1024)} with ${memory.inFlight} waiters in flight; ` +
            `growth ${mb((memory.loadedKb - memory.idleKb) / 1024)} (${((memory.loadedKb - memory.idleKb) / memory.inFlight).toFixed(1)} kB per waiter). ` +
            `For comparison, ${hanging.inFlight} creates of a provider that never returns grow the host by ${mb((hanging.loadedKb - hanging.idleKb) / 1024)}: what gRPC and the host keep per call.`,
    ];
}

export function targetLines(targets: readonly Target[]): string[] {
    return targets.map((t) => `- ${t.met ? "MET    " : "NOT MET"} ${t.what}: ${t.figures}`);
}

export function median(values: readonly number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export { ratio as formatRatio, s as formatSeconds };
