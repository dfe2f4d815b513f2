/**
 * The scale run through the real Pulumi engine (issue 21): one stack of 100 ECS TaskWaiters and 20
 * ReportExports (10 ECD, 10 Security Center) against the simulator on the real clock. It prints the
 * calls of preview, up, a second up, refresh and destroy, up's wall time against the slowest task, and
 * up's calls by action against the floor (bench/floor.ts). `pulumi up` runs at most `--parallel` steps
 * at once (default 4 x CPU cores), and a wait holds its step: the run is made with --parallel above
 * the resource count, and once more with the default, to show what a user who keeps it gets.
 * `node bin/bench/engine.js` runs it alone; `npm run bench` runs it last (BENCH_SKIP=engine leaves it out).
 */
import * as os from "os";
import { PulumiProject, PulumiWorkspace, assertSucceeded, simulatorStackConfig } from "../harness/pulumiCli";
import { Simulator, startSimulator } from "../simulator";
import { sharedFloor } from "./floor";
import { Target, formatRatio, formatSeconds, targetLines } from "./report";
import type { SimTaskRef } from "./workload";

export const ENGINE_WAITERS = 100;
export const ENGINE_EXPORTS = 20;
/** ECS tasks last 20..60 s (evenly spread, no randomness), exports 40 s: minutes, not hours, of real time. */
const ECS_DURATIONS_MS = { min: 20_000, max: 60_000 };
const EXPORT_DURATION_MS = 40_000;
const WIDE_PARALLEL = 256;

const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { ReportExport, TaskWaiter } from "pulumi-alicloud-tasks";

const config = new pulumi.Config();
const taskIds: string[] = config.requireObject("taskIds");
taskIds.forEach((taskId, i) => new TaskWaiter(\`import-\${i}\`, { service: "ecs", taskId }));
for (let i = 0; i < config.requireNumber("exports"); i++) {
    if (i % 2 === 0) new ReportExport(\`desktops-\${i}\`, { service: "ecd", create: { taskType: "RESOURCE_REPORT", subType: "DESKTOP" } });
    else new ReportExport(\`warnings-\${i}\`, { service: "sas", create: { exportType: "exportHcWarning" } });
}
`;

export interface EngineRun {
    parallel: string;
    /** Calls by action of each command. */
    calls: Record<"preview" | "up" | "upAgain" | "refresh" | "destroy", Record<string, number>>;
    upWallMs: number;
    /** From up's start to the end of the last task to end (ECS tasks start with up; exports when up starts them). */
    slowestTaskMs: number;
    /** The floor of up's calls for the ECS waits (shared DescribeTasks + one DescribeTaskAttribute each) and the ECD exports. */
    floor: { ecs: number; ecd: number };
}

const total = (calls: Record<string, number>) => Object.values(calls).reduce((a, b) => a + b, 0);
const sum = (calls: Record<string, number>, actions: string[]) => actions.reduce((n, a) => n + (calls[a] ?? 0), 0);

async function runOnce(ws: PulumiWorkspace, sim: Simulator, parallel?: number): Promise<EngineRun> {
    sim.clearTasks();
    for (const service of ["ecd", "sas"]) sim.setTaskTemplate(service, { queuedMs: 0, durationMs: EXPORT_DURATION_MS, outcome: "success" });
    const span = ECS_DURATIONS_MS.max - ECS_DURATIONS_MS.min;
    const ecsTasks = Array.from({ length: ENGINE_WAITERS }, (_, i) =>
        sim.createTask({
            service: "ecs",
            action: "ImportImage",
            queuedMs: 0,
            durationMs: ECS_DURATIONS_MS.min + Math.round((span * i) / (ENGINE_WAITERS - 1)),
            outcome: "success",
        }),
    );
    const stack = simulatorStackConfig(sim);
    const config = { ...stack.config, taskIds: JSON.stringify(ecsTasks.map((t) => t.taskId)), exports: String(ENGINE_EXPORTS) };
    const project = await PulumiProject.create(ws, { name: "engine-scale", files: { "index.ts": PROGRAM }, config, secrets: stack.secrets });
    const extra = parallel ? ["--parallel", String(parallel)] : [];
    const measure = async (command: () => Promise<unknown>) => {
        sim.resetStats();
        await command();
        return sim.stats().calls;
    };
    const preview = await measure(async () => assertSucceeded(await project.preview(...extra)));
    let upWallMs = 0;
    let upStartedAt = 0;
    const up = await measure(async () => {
        upStartedAt = Date.now();
        assertSucceeded(await project.up(...extra));
        upWallMs = Date.now() - upStartedAt;
    });
    const upAgain = await measure(async () => assertSucceeded(await project.up(...extra)));
    const refresh = await measure(async () => assertSucceeded(await project.refresh("--skip-preview", ...extra)));
    const destroy = await measure(async () => assertSucceeded(await project.destroy(...extra)));
    const ends = sim.listTasks().map((t) => Date.parse(t.endsAt ?? t.createdAt));
    const refs = (service: string): SimTaskRef[] =>
        sim
            .listTasks()
            .filter((t) => t.service === service)
            // the floor reads only when each task ends
            .map((t) => ({ taskId: t.taskId, endsAtMs: Date.parse(t.endsAt!) }) as unknown as SimTaskRef);
    return {
        parallel: parallel ? String(parallel) : `default (${4 * os.cpus().length})`,
        calls: { preview, up, upAgain, refresh, destroy },
        upWallMs,
        slowestTaskMs: Math.max(...ends) - upStartedAt,
        floor: { ecs: sharedFloor("ecs", refs("ecs"), upStartedAt)?.calls ?? 0, ecd: sharedFloor("ecd", refs("ecd"), upStartedAt)?.calls ?? 0 },
    };
}

export async function engineRuns(options: { defaultParallel: boolean }): Promise<EngineRun[]> {
    const ws = await PulumiWorkspace.create();
    const sim = await startSimulator();
    try {
        const runs = [await runOnce(ws, sim, WIDE_PARALLEL)];
        if (options.defaultParallel) runs.push(await runOnce(ws, sim));
        return runs;
    } finally {
        await sim.close();
        ws.close();
    }
}

export function engineText(runs: readonly EngineRun[]): string[] {
    const lines = [
        "### Through the real Pulumi engine",
        "",
        `One stack of ${ENGINE_WAITERS} ECS TaskWaiters (tasks of ${ECS_DURATIONS_MS.min / 1000}..${ECS_DURATIONS_MS.max / 1000} s) and ${ENGINE_EXPORTS} ReportExports ` +
            `(half ECD, half Security Center, ${EXPORT_DURATION_MS / 1000} s each), real clock, the Pulumi CLI built from Go modules. ` +
            "Calls are the simulator's count for each command; refresh is `--skip-preview` (a plain refresh runs read twice).",
        "",
        "| --parallel | preview | up | up again | refresh | destroy | up wall time | slowest task | up calls, ECS + ECD | their floor |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ];
    for (const r of runs) {
        const ecsEcd = sum(r.calls.up, ["DescribeTasks", "DescribeTaskAttribute", "DescribeEcdReportTasks"]);
        lines.push(
            `| ${r.parallel} | ${total(r.calls.preview)} | ${total(r.calls.up)} | ${total(r.calls.upAgain)} | ${total(r.calls.refresh)} | ${total(r.calls.destroy)} | ` +
                `${formatSeconds(r.upWallMs)} | ${formatSeconds(r.slowestTaskMs)} | ${ecsEcd} | ${r.floor.ecs + r.floor.ecd} |`,
        );
    }
    lines.push("", "Calls of up by action:", "", "| --parallel | " + ACTIONS.join(" | ") + " |", "| --- |" + ACTIONS.map(() => " ---: |").join(""));
    for (const r of runs) lines.push(`| ${r.parallel} | ${ACTIONS.map((a) => r.calls.up[a] ?? 0).join(" | ")} |`);
    return [...lines, ""];
}

const ACTIONS = ["DescribeTasks", "DescribeTaskAttribute", "CreateEcdReportTask", "DescribeEcdReportTasks", "ExportRecord", "DescribeExportInfo"];

export function engineTargets(runs: readonly EngineRun[]): Target[] {
    const wide = runs[0];
    const ecsEcd = sum(wide.calls.up, ["DescribeTasks", "DescribeTaskAttribute", "DescribeEcdReportTasks"]);
    const floor = wide.floor.ecs + wide.floor.ecd;
    const refreshTaskCalls = sum(wide.calls.refresh, ["DescribeTasks", "DescribeTaskAttribute"]);
    return [
        { what: "engine: preview makes no call", met: total(wide.calls.preview) === 0, figures: `${total(wide.calls.preview)} calls` },
        { what: "engine: a second up makes no call", met: total(wide.calls.upAgain) === 0, figures: `${total(wide.calls.upAgain)} calls` },
        {
            what: `engine: refresh of ${ENGINE_WAITERS} finished TaskWaiters at most 5 calls`,
            met: refreshTaskCalls <= 5,
            figures: `${refreshTaskCalls} calls (refresh's calls in all: ${total(wide.calls.refresh)})`,
        },
        { what: "engine: destroy makes no call", met: total(wide.calls.destroy) === 0, figures: `${total(wide.calls.destroy)} calls` },
        {
            what: "engine: up within 1.1x of the floor's calls (ECS and ECD)",
            met: ecsEcd <= 1.1 * floor,
            figures: `${ecsEcd} vs floor ${floor} (${formatRatio(ecsEcd, floor)})`,
        },
    ];
}

if (require.main === module) {
    engineRuns({ defaultParallel: process.env.BENCH_ENGINE_DEFAULT_PARALLEL !== "0" }).then(
        (runs) => {
            for (const line of [...engineText(runs), ...targetLines(engineTargets(runs))]) console.log(line);
            process.exit(0);
        },
        (error: unknown) => {
            console.error("engine bench failed:", error);
            process.exit(1);
        },
    );
}
