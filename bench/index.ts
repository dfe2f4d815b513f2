/**
 * `npm run bench`: this project's waiters against Terraform-style ones, on the simulator, with
 * time compressed, for ECS, bdrc, ECD and Security Center waits and five progress profiles.
 * Prints its figures and which targets they meet, and writes them into bench/RESULTS.md (between
 * the markers; the rest of that file is kept). A report, not a test: it exits 0 whether or not
 * targets are met. BENCH_SERVICES, BENCH_SIZES, BENCH_LONE, BENCH_LONE_ROUNDS, BENCH_SMALL_GROUPS, BENCH_PROFILE_SIZES and BENCH_SKIP
 * (lone, throttled, gap, host, engine, engine-default, import, path) make smaller development runs.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROGRESS_PROFILES } from "../simulator/progressProfile";
import {
    FACTOR,
    GROUPS_BELOW,
    LONE_PER_PROFILE,
    LONE_ROUNDS,
    PROFILE_SIZES,
    SEED,
    SHARED_SIZES,
    SMALL_GROUPS,
    THROTTLED_SIZE,
    THROTTLE_PER_SECOND,
} from "./config";
import { SideFigures, figuresOf, groupFigures } from "./figures";
import { Floor, sharedFloor } from "./floor";
import { createFigures, createFiguresText } from "./createPath";
import { EngineRun, engineRuns, engineTargets, engineText } from "./engine";
import { HostRuns, hostRuns } from "./hostBench";
import { ImportCost, importCost, importCostText, importTargets } from "./importCost";
import type { TaskResult } from "./protocol";
import { LoneRow, SharedRow, hostTable, loneTable, mixProfileTable, sharedTable, targetLines, throttledTable } from "./report";
import { SideRun, runSide } from "./runSide";
import { loneText, machine, maxGapText, sharedText, throttledText, hostText, workloadText, FLOOR_TEXT } from "./text";
import { loneTargets, otherTargets, profileTargets, sharedTargets } from "./targets";
import { SERVICES, Service, SimTaskRef, groupsOf, planLoneTrials, planTasks } from "./workload";

const out: string[] = [];
function print(...lines: string[]): void {
    for (const line of lines) {
        out.push(line);
        console.log(line);
    }
}

/** Services whose list call reports progress: their shared waits forecast, so one-profile workloads are run too. */
const LISTS_PROGRESS: readonly Service[] = ["bdrc", "ecd"];
const MAX_GAP = { setting: "20s", ms: 20_000, perService: 10 };
const SKIP = new Set((process.env.BENCH_SKIP ?? "").split(","));

function services(): Service[] {
    const asked = (process.env.BENCH_SERVICES ?? "").split(",").filter((s): s is Service => (SERVICES as readonly string[]).includes(s));
    return asked.length > 0 ? asked : [...SERVICES];
}

function side(label: string, which: "ours" | "baseline"): void {
    process.stderr.write(`bench: ${label}: ${which} ...\n`);
}

async function loneRows(service: Service, results: TaskResult[]): Promise<LoneRow[]> {
    const ours: TaskResult[] = [];
    const baseline: TaskResult[] = [];
    for (let round = 0; round < LONE_ROUNDS; round++) {
        const plan = planLoneTrials(service, LONE_PER_PROFILE, SEED + 1 + 100 * round);
        side(`${service} N=1 round ${round + 1}`, "ours");
        const run = await runSide("ours", plan, { speed: FACTOR, lone: true });
        const shared = Object.values(run.run.sharedCalls).reduce((a, b) => a + b, 0);
        if (shared > 0) throw new Error(`${service} lone trials shared ${shared} calls: they are not lone`);
        ours.push(...run.run.results);
        side(`${service} N=1 round ${round + 1}`, "baseline");
        baseline.push(...(await runSide("baseline", plan, { speed: FACTOR, lone: true })).run.results);
    }
    results.push(...ours);
    const rowOf = (profile: LoneRow["profile"]): LoneRow => {
        const results = {
            ours: ours.filter((r) => profile === "all" || r.profile === profile),
            baseline: baseline.filter((r) => profile === "all" || r.profile === profile),
        };
        return { service, profile, ours: groupFigures(results.ours), baseline: groupFigures(results.baseline), results };
    };
    return [...PROGRESS_PROFILES.map(rowOf), rowOf("all")];
}

async function sharedRows(service: Service, wrong: SideRun[]): Promise<SharedRow[]> {
    const rows: SharedRow[] = [];
    for (const n of SHARED_SIZES) {
        const groups = n < GROUPS_BELOW ? SMALL_GROUPS : 1;
        const plan = planTasks(service, n * groups, "mix", SEED + n, { groups });
        side(`${service} N=${n}${groups > 1 ? ` x${groups}` : ""} mix`, "ours");
        const ours = await runSide("ours", plan, { speed: FACTOR });
        side(`${service} N=${n}`, "baseline");
        const baseline = figuresOf(await runSide("baseline", plan, { speed: FACTOR }));
        wrong.push(ours);
        rows.push({ service, n, groups, workload: "mix", ours: figuresOf(ours), baseline, floor: groupedFloor(service, ours) });
        if (!LISTS_PROGRESS.includes(service) || !PROFILE_SIZES.includes(n)) continue;
        for (const profile of ["linear", "s-curve"] as const) {
            side(`${service} N=${n} ${profile}`, "ours");
            const run = await runSide("ours", planTasks(service, n * groups, profile, SEED + n, { groups }), { speed: FACTOR });
            wrong.push(run);
            rows.push({ service, n, groups, workload: profile, ours: figuresOf(run), baseline, floor: groupedFloor(service, run) });
        }
    }
    return rows;
}

/** The floor of a run whose waits share calls within their groups only: the sum of each group's. */
function groupedFloor(service: Service, run: SideRun): Floor | undefined {
    let floor: Floor | undefined = { rounds: 0, calls: 0 };
    for (const tasks of groupsOf<SimTaskRef>(run.run.tasks)) {
        const own = sharedFloor(service, tasks, run.run.startedAtMs);
        floor = own && floor ? { rounds: Math.max(floor.rounds, own.rounds), calls: floor.calls + own.calls } : undefined;
    }
    return floor;
}

/** Lone waits of every service and profile with pollInterval.max set: the longest gap between two checks of a task. */
async function maxGapRun(wrong: SideRun[]): Promise<{ worstMs: number; limitMs: number; tasks: number }> {
    const plan = services().flatMap((service) => planLoneTrials(service, MAX_GAP.perService / PROGRESS_PROFILES.length, SEED + 3));
    side(`pollInterval.max ${MAX_GAP.setting}`, "ours");
    const run = await runSide("ours", plan, { speed: FACTOR, lone: true, pollMax: MAX_GAP.setting });
    wrong.push(run);
    const gaps = run.run.results.map((r) => r.maxGapMs ?? 0);
    return { worstMs: Math.max(...gaps), limitMs: MAX_GAP.ms, tasks: gaps.length };
}

async function main(): Promise<void> {
    const began = Date.now();
    const load = os.loadavg();
    print(...workloadText(machine(), load));
    let imported: ImportCost | undefined;
    if (!SKIP.has("import")) {
        process.stderr.write("bench: import cost ...\n");
        imported = importCost();
        print(...importCostText(imported), "");
    }
    if (!SKIP.has("path")) {
        process.stderr.write("bench: the files a create crosses ...\n");
        print(...createFiguresText(createFigures()), "");
    }
    const lone: LoneRow[] = [];
    const shared: SharedRow[] = [];
    const ourRuns: SideRun[] = [];
    const loneResults: TaskResult[] = [];
    for (const service of services()) {
        if (!SKIP.has("lone")) lone.push(...(await loneRows(service, loneResults)));
        shared.push(...(await sharedRows(service, ourRuns)));
    }
    print(...loneText(), ...loneTable(lone), "");
    print(...sharedText(), ...sharedTable(shared), "");
    print("Each profile's p95 lag within the mixed runs, ours / the baseline's on the same tasks:", "", ...mixProfileTable(shared, PROGRESS_PROFILES), "");
    print(...FLOOR_TEXT, "");

    const throttled = SKIP.has("throttled") ? undefined : await throttledRun(ourRuns);
    const maxGap = SKIP.has("gap") ? undefined : await maxGapRun(ourRuns);
    if (maxGap) print(...maxGapText(maxGap, MAX_GAP.setting), "");
    let host: HostRuns | undefined;
    if (!SKIP.has("host")) {
        process.stderr.write("bench: provider host ...\n");
        host = await hostRuns();
        print(...hostText(), ...hostTable(host.taskWaiter, host.trivial, host.memory, host.hangingMemory), "");
    }

    let engine: EngineRun[] = [];
    if (!SKIP.has("engine")) {
        process.stderr.write("bench: through the real Pulumi engine ...\n");
        engine = await engineRuns({ defaultParallel: !SKIP.has("engine-default") });
        print(...engineText(engine));
    }

    const wrongResults = [...ourRuns.flatMap((r) => r.run.results), ...loneResults].filter((t) => t.observed !== t.planned);
    const wrong = {
        count: wrongResults.length,
        details: wrongResults
            .slice(0, 3)
            .map((r) => `${r.service} ${r.taskId}: planned ${r.planned}, got ${r.observed}`)
            .join("; "),
    };
    const targets = [
        ...sharedTargets(shared),
        ...loneTargets(lone),
        ...profileTargets(lone, shared),
        ...otherTargets(wrong, throttled, host, maxGap),
        ...(engine.length ? engineTargets(engine) : []),
        ...(imported ? importTargets(imported) : []),
    ];
    const seconds = Math.round((Date.now() - began) / 1000);
    print(
        "### Targets",
        "",
        ...targetLines(targets),
        "",
        `Benchmark run took ${seconds} s; load average at its start ${load.map((l) => l.toFixed(2)).join(", ")}, at its end ${os
            .loadavg()
            .map((l) => l.toFixed(2))
            .join(", ")}.`,
    );
    writeResults(out);
}

async function throttledRun(ourRuns: SideRun[]): Promise<SideFigures> {
    const plan = planTasks("ecs", THROTTLED_SIZE, "mix", SEED + 7);
    const perRealSecond = THROTTLE_PER_SECOND * FACTOR;
    side("throttled", "ours");
    const run = await runSide("ours", plan, { speed: FACTOR, rateLimitPerRealSecond: perRealSecond });
    ourRuns.push(run);
    const ours = figuresOf(run);
    side("throttled", "baseline");
    const baseline = figuresOf(await runSide("baseline", plan, { speed: FACTOR, rateLimitPerRealSecond: perRealSecond }));
    print(...throttledText(perRealSecond), ...throttledTable(ours, baseline), "", ...limiterLines(run, ours), "");
    return ours;
}

/** Our side's rate limiter in the throttled run: what each bucket saw (rateLimiter().stats()). */
function limiterLines(run: SideRun, figures: SideFigures): string[] {
    const buckets = run.run.limiter ?? [];
    return [
        `Our rate limiter (rateLimiter().stats()), ${figures.limiter.buckets} bucket(s): ${figures.limiter.calls} calls, ${figures.limiter.delayed} delayed for a token or a retry-after, ` +
            `${figures.limiter.throttled} throttled answers.`,
        "",
        "| bucket (product, endpoint, region, account) | rate now (/s) | calls | delayed | throttled |",
        "| --- | ---: | ---: | ---: | ---: |",
        ...buckets.map((b) => `| ${b.key.replace(/\|/g, ", ")} | ${b.ratePerSecond.toFixed(1)} | ${b.calls} | ${b.delayed} | ${b.throttled} |`),
    ];
}

const BEGIN = "<!-- bench:begin (written by npm run bench) -->";
const END = "<!-- bench:end -->";

/** Replaces the figures in bench/RESULTS.md, keeping what was written around them. */
function writeResults(lines: string[]): void {
    const file = path.join(__dirname, "..", "..", "bench", "RESULTS.md");
    const block = [BEGIN, ...lines, END].join("\n");
    const previous = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
    const start = previous.indexOf(BEGIN);
    const end = previous.indexOf(END);
    const next = start >= 0 && end > start ? previous.slice(0, start) + block + previous.slice(end + END.length) : `# Benchmark results\n\n${block}\n`;
    fs.writeFileSync(file, next);
    console.error(`bench: figures written to ${path.relative(process.cwd(), file)}`);
}

main().then(
    () => process.exit(0),
    (error: unknown) => {
        console.error("bench failed:", error);
        process.exit(1);
    },
);
