import type { SideFigures } from "./figures";
import type { ColdStart, HostMemory } from "./host-bench";

/** The benchmark's printed report, as Markdown (readable in a terminal, and folded into the README). */

export interface WorkloadRow {
    n: number;
    label: string;
    ours: SideFigures;
    baseline: SideFigures;
    floor: { rounds: number; calls: number };
}

export interface Target {
    what: string;
    met: boolean;
    figures: string;
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const ratio = (a: number, b: number) => (b === 0 ? (a === 0 ? "1.00x" : "inf") : `${(a / b).toFixed(a / b < 0.1 ? 3 : 2)}x`);
const int = (n: number) => String(Math.round(n));
const mb = (kbOrMb: number) => `${kbOrMb.toFixed(1)} MB`;
const minutes = (ms: number) => {
    const seconds = Math.round(ms / 1000);
    return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, "0")}s`;
};

export function workloadTable(rows: readonly WorkloadRow[]): string[] {
    const lines = [
        "| N | side | API calls | DescribeTasks | DescribeTaskAttribute | calls/task | lag p50 | lag p95 | wrong | wall (virtual) | wall (real) | CPU | peak RSS |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ];
    for (const row of rows) {
        const { ours, baseline } = row;
        for (const [side, f] of [
            ["ours", ours],
            ["baseline", baseline],
        ] as const) {
            lines.push(
                `| ${side === "ours" ? row.label : ""} | ${side} | ${f.calls} | ${f.byAction.DescribeTasks ?? 0} | ${f.byAction.DescribeTaskAttribute ?? 0} | ${f.callsPerTask.toFixed(1)} | ` +
                    `${s(f.lagP50Ms)} | ${s(f.lagP95Ms)} | ${f.wrong} | ${minutes(f.virtualWallMs)} | ${s(f.wallMs)} | ${int(f.cpuMs)} ms | ${mb(f.maxRssMb)} |`,
            );
        }
        lines.push(
            `| | ours/baseline | ${ratio(ours.calls, baseline.calls)} | | | ${ratio(ours.callsPerTask, baseline.callsPerTask)} | ${ratio(ours.lagP50Ms, baseline.lagP50Ms)} | ` +
                `${ratio(ours.lagP95Ms, baseline.lagP95Ms)} | | ${ratio(ours.virtualWallMs, baseline.virtualWallMs)} | ${ratio(ours.wallMs, baseline.wallMs)} | ` +
                `${ratio(ours.cpuMs, baseline.cpuMs)} | ${ratio(ours.maxRssMb, baseline.maxRssMb)} |`,
        );
    }
    return lines;
}

export function floorTable(rows: readonly WorkloadRow[]): string[] {
    const lines = ["| N | rounds | floor (calls) | ours (calls) | ours/floor |", "| --- | ---: | ---: | ---: | ---: |"];
    for (const row of rows)
        lines.push(`| ${row.label} | ${row.floor.rounds} | ${row.floor.calls} | ${row.ours.calls} | ${ratio(row.ours.calls, row.floor.calls)} |`);
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
