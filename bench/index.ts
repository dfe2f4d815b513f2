/**
 * `npm run bench`: this project's waiters against Terraform-style ones, on the simulator, with
 * time compressed. Prints its figures and which targets they meet, and writes them into
 * bench/RESULTS.md (between the markers; the rest of that file is kept). A report, not a test:
 * it exits 0 whether or not targets are met.
 */
import { execSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DEFAULT_RATE_LIMIT } from "../provider/client/limiter";
import { DEFAULT_BACKOFF } from "../provider/engine/backoff";
import { COLD_START_REPEATS, FACTOR, HOST_WAITERS, LONE_TRIALS, SEED, SIZES, THROTTLED_SIZE, THROTTLE_PER_SECOND } from "./config";
import { figuresOf, floorOf } from "./figures";
import { ColdStart, HostMemory, hangingMemory, taskWaiterColdStart, taskWaiterMemory, trivialColdStart } from "./host-bench";
import { Target, WorkloadRow, floorTable, formatRatio, formatSeconds, hostTable, median, targetLines, throttledTable, workloadTable } from "./report";
import { runSide } from "./run-side";
import { SimProcess, createTasks } from "./sim";
import { planTasks } from "./workload";

const out: string[] = [];
function print(...lines: string[]): void {
    for (const line of lines) {
        out.push(line);
        console.log(line);
    }
}

function machine(): string {
    const memGiB = (os.totalmem() / 2 ** 30).toFixed(1);
    const nproc = execSync("nproc").toString().trim();
    return `nproc ${nproc}, ${memGiB} GiB memory, ${os.cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}, ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

async function workloads(): Promise<WorkloadRow[]> {
    const rows: WorkloadRow[] = [];
    for (const n of SIZES) {
        const lone = n === 1;
        const plan = planTasks(lone ? LONE_TRIALS : n, SEED + n, { ownRegions: lone });
        const label = lone ? `1 (x${LONE_TRIALS} trials)` : String(n);
        process.stderr.write(`bench: N = ${label}: ours ...`);
        const ours = await runSide("ours", plan, { speed: FACTOR });
        process.stderr.write(" baseline ...");
        const baseline = await runSide("baseline", plan, { speed: FACTOR });
        process.stderr.write(" done\n");
        rows.push({ n, label, ours: figuresOf(ours), baseline: figuresOf(baseline), floor: floorOf(ours.run, lone) });
    }
    return rows;
}

interface HostRuns {
    taskWaiter: ColdStart[];
    trivial: ColdStart[];
    memory: HostMemory;
    hangingMemory: HostMemory;
}

async function hostRuns(): Promise<HostRuns> {
    process.stderr.write("bench: provider host ...\n");
    const sim = await SimProcess.start(1);
    try {
        const [finished] = await createTasks(sim.url, [{ region: "cn-hangzhou", durationMs: 0, outcome: "success" }]);
        const taskWaiter: ColdStart[] = [];
        const trivial: ColdStart[] = [];
        for (let i = 0; i < COLD_START_REPEATS; i++) {
            trivial.push(await trivialColdStart());
            taskWaiter.push(await taskWaiterColdStart(sim.url, finished.taskId));
        }
        const long = await createTasks(
            sim.url,
            Array.from({ length: HOST_WAITERS }, () => ({ region: "cn-hangzhou", durationMs: 3_600_000, outcome: "success" as const })),
        );
        const memory = await taskWaiterMemory(
            sim.url,
            finished.taskId,
            long.map((t) => t.taskId),
        );
        return { taskWaiter, trivial, memory, hangingMemory: await hangingMemory(HOST_WAITERS) };
    } finally {
        await sim.stop();
    }
}

function targetsOf(rows: WorkloadRow[], throttled: ReturnType<typeof figuresOf>, host: HostRuns): Target[] {
    const targets: Target[] = [];
    for (const row of rows.filter((r) => r.n === 100 || r.n === 500)) {
        const { ours, baseline } = row;
        targets.push({
            what: `N=${row.n}: at least 20x fewer API calls than the baseline`,
            met: baseline.calls >= 20 * ours.calls,
            figures: `${ours.calls} vs ${baseline.calls} (${(baseline.calls / ours.calls).toFixed(1)}x fewer)`,
        });
        targets.push({
            what: `N=${row.n}: within 1.25x of the floor`,
            met: ours.calls <= 1.25 * row.floor.calls,
            figures: `${ours.calls} vs floor ${row.floor.calls} (${formatRatio(ours.calls, row.floor.calls)})`,
        });
        targets.push({
            what: `N=${row.n}: p95 lag no worse than the baseline's`,
            met: ours.lagP95Ms <= baseline.lagP95Ms,
            figures: `${formatSeconds(ours.lagP95Ms)} vs ${formatSeconds(baseline.lagP95Ms)}`,
        });
    }
    const lone = rows.find((r) => r.n === 1);
    if (lone) {
        targets.push({
            what: "N=1: no more API calls than the baseline",
            met: lone.ours.calls <= lone.baseline.calls,
            figures: `${lone.ours.calls} vs ${lone.baseline.calls} over ${LONE_TRIALS} trials (${formatRatio(lone.ours.calls, lone.baseline.calls)})`,
        });
        targets.push({
            what: "N=1: p95 lag no worse than the baseline's",
            met: lone.ours.lagP95Ms <= lone.baseline.lagP95Ms,
            figures: `${formatSeconds(lone.ours.lagP95Ms)} vs ${formatSeconds(lone.baseline.lagP95Ms)} (p50 ${formatSeconds(lone.ours.lagP50Ms)} vs ${formatSeconds(lone.baseline.lagP50Ms)})`,
        });
    }
    const wrongOurs = rows.reduce((n, r) => n + r.ours.wrong, 0) + throttled.wrong;
    const details = [...rows.flatMap((r) => r.ours.wrongDetails), ...throttled.wrongDetails].slice(0, 3).join("; ");
    targets.push({ what: "no wrong outcome anywhere (ours)", met: wrongOurs === 0, figures: `${wrongOurs} wrong${details ? `: ${details}` : ""}` });
    targets.push({
        what: `throttled run: all ${THROTTLED_SIZE} complete, 0 false failures (ours)`,
        met: throttled.completed === throttled.tasks && throttled.falseFailures === 0,
        figures: `${throttled.completed}/${throttled.tasks} completed, ${throttled.falseFailures} false failures, ${throttled.throttled} throttled responses`,
    });
    const coldOurs = median(host.taskWaiter.map((c) => c.totalMs));
    const coldTrivial = median(host.trivial.map((c) => c.totalMs));
    targets.push({
        what: "cold start within 1.5x of the trivial provider",
        met: coldOurs <= 1.5 * coldTrivial,
        figures: `${Math.round(coldOurs)} ms vs ${Math.round(coldTrivial)} ms (${formatRatio(coldOurs, coldTrivial)})`,
    });
    const growthMb = (host.memory.loadedKb - host.memory.idleKb) / 1024;
    targets.push({ what: `under 50 MB RSS growth from 0 to ${HOST_WAITERS} waiters`, met: growthMb < 50, figures: `${growthMb.toFixed(1)} MB` });
    return targets;
}

async function main(): Promise<void> {
    const began = Date.now();
    print(
        "## Benchmark: one shared poller against Terraform-style waiters",
        "",
        `Time is compressed ${FACTOR}x on both sides: the simulator's task clock and the waiters' clocks (poller, rate limiter, the baseline's sleeps) run ${FACTOR}x faster than real time. ` +
            "Lags and virtual wall times are in virtual time, what a real run would show; wall (real), CPU and RSS are what this machine spent. " +
            `Real latency counts ${FACTOR}x in virtual time, which penalises the side that queues more requests.`,
        "",
        `Machine: ${machine()}.`,
        "",
        "### Workloads",
        "",
        `N ECS image imports (DescribeTasks / DescribeTaskAttribute), durations uniform 2..20 min, a tenth Failed, a tenth Finished with a failed operation (must end failed: failOnPartialFailure); ` +
            `N waiters start together. Ours: the TaskWaiter lifecycle create, default options (backoff ${DEFAULT_BACKOFF.minMs / 1000} s .. ${DEFAULT_BACKOFF.maxMs / 1000} s x${DEFAULT_BACKOFF.factor}, ` +
            `jitter ${DEFAULT_BACKOFF.jitter * 100}%; rate limit ${DEFAULT_RATE_LIMIT.ratePerSecond}/s per bucket). Baseline: Terraform alicloud's schedule, one DescribeTaskAttribute per task per poll ` +
            `(at once, then 3 s, 6 s, 10 s, 10 s, ...), same pop-core client. N = 1 is ${LONE_TRIALS} lone waits in ${LONE_TRIALS} regions (nothing to share), summed; its CPU and RSS are for all ${LONE_TRIALS}. ` +
            "Lag: from the task's end on the simulator clock to the waiter resolving. Each side runs alone, against a fresh simulator process.",
        "",
    );
    const rows = await workloads();
    print(...workloadTable(rows), "");
    print(
        "### Floor",
        "",
        "Floor = rounds x ceil(pending / 100) DescribeTasks + one DescribeTaskAttribute per task. Rounds are the checks one wait makes on the default schedule without jitter " +
            "(at once, 3 s, 9 s, 19 s, then every 10 s) from the start until the last task is seen terminal; pending is the number of tasks not yet seen terminal at the round before. " +
            "For N = 1 the trials' floors are summed.",
        "",
        ...floorTable(rows),
        "",
    );
    process.stderr.write("bench: throttled run ...\n");
    const plan = planTasks(THROTTLED_SIZE, SEED + 7);
    const perRealSecond = THROTTLE_PER_SECOND * FACTOR;
    const throttledOurs = figuresOf(await runSide("ours", plan, { speed: FACTOR, rateLimitPerRealSecond: perRealSecond }));
    const throttledBaseline = figuresOf(await runSide("baseline", plan, { speed: FACTOR, rateLimitPerRealSecond: perRealSecond }));
    print(
        "### Throttled run",
        "",
        `${THROTTLED_SIZE} waiters; the simulator allows ${THROTTLE_PER_SECOND} requests per virtual second per action and answers Throttling.User beyond ` +
            `(fault rule rateLimit perSecond ${perRealSecond}: the simulator counts a sliding real second, ${FACTOR} virtual seconds, so bursts up to ${perRealSecond} pass; its x-acs-retry-after is in real ms).`,
        "",
        ...throttledTable(throttledOurs, throttledBaseline),
        "",
    );
    const host = await hostRuns();
    print(
        "### Provider host",
        "",
        `Pulumi's dynamic provider host (harness startProviderHost), real time: spawn, configure, check, create. TaskWaiter on an already Finished task against a provider whose create returns at once; ${COLD_START_REPEATS} runs each. ` +
            `Then one host with ${HOST_WAITERS} concurrent creates on hour-long tasks, killed afterwards.`,
        "",
        ...hostTable(host.taskWaiter, host.trivial, host.memory, host.hangingMemory),
        "",
    );
    const targets = targetsOf(rows, throttledOurs, host);
    print("### Targets", "", ...targetLines(targets), "", `Benchmark run took ${Math.round((Date.now() - began) / 1000)} s.`);
    writeResults(out);
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
