import { execSync } from "child_process";
import * as os from "os";
import { DEFAULT_RATE_LIMIT } from "../provider/client/limiter";
import { DEFAULT_BACKOFF } from "../provider/engine/backoff";
import { DEFAULT_CADENCE } from "../provider/engine/cadence";
import { FORECAST_MAX_GAP_MS } from "../provider/wait/options";
import { COLD_START_REPEATS, FACTOR, HOST_WAITERS, LONE_PER_PROFILE, LONE_ROUNDS, SMALL_GROUPS, THROTTLED_SIZE, THROTTLE_PER_SECOND } from "./config";
import { formatSeconds } from "./report";

/** The prose of the report: what each table measured. */

export function machine(): string {
    const memGiB = (os.totalmem() / 2 ** 30).toFixed(1);
    const nproc = execSync("nproc").toString().trim();
    return `nproc ${nproc}, ${memGiB} GiB memory, ${os.cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}, ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function workloadText(machineLine: string, load: number[]): string[] {
    return [
        "## Benchmark: one shared poller with progress forecasts against Terraform-style waiters",
        "",
        `Time is compressed ${FACTOR}x on both sides: the simulator's task clock and the waiters' clocks (poller, rate limiter, the baseline's sleeps) run ${FACTOR}x faster than real time. ` +
            "Lags and virtual wall times are in virtual time, what a real run would show; CPU and RSS are what this machine spent. " +
            `Real latency counts ${FACTOR}x in virtual time, which penalises the side that queues more requests, and load on the machine shows in the lags.`,
        "",
        `Machine: ${machineLine}; load average at the start ${load.map((l) => l.toFixed(2)).join(", ")}.`,
        "",
        "### Workloads",
        "",
        "Tasks of 2 to 20 minutes (uniform), started together with their waiters. ECS image imports (a tenth Failed, a tenth Finished with a failed operation, which must end " +
            "failed: failOnPartialFailure), bdrc tasks and ECD report exports (a tenth failed), Security Center exports (all succeed). Each task follows a progress profile " +
            "(the simulator's `progressProfile`): linear; s-curve (slow start and finish); jump (0% until done); stall (rises to 40%, falls back to 30% and stalls until " +
            "60% of its run, then climbs faster); none (the API reports no progress). The mix draws each task's profile among the five with equal chances.",
        "",
        `Ours: the TaskWaiter (ECS, bdrc) or ReportExport adopting the export (ECD, Security Center) lifecycle create, default options (backoff ${DEFAULT_BACKOFF.minMs / 1000} s .. ` +
            `${DEFAULT_BACKOFF.maxMs / 1000} s x${DEFAULT_BACKOFF.factor} without a forecast; a forecast spaces checks up to ${FORECAST_MAX_GAP_MS / 1000} s while the end is far; shared checks every ` +
            `${DEFAULT_CADENCE.sharedMs / 1000} s, down to ${DEFAULT_BACKOFF.minMs / 1000} s while one call answers more than ${DEFAULT_CADENCE.perWaitCallMs / DEFAULT_CADENCE.sharedMs} waits; rate limit ${DEFAULT_RATE_LIMIT.ratePerSecond}/s per bucket). Baseline: Terraform alicloud's schedule, one describe call per task per poll ` +
            "(ECS DescribeTaskAttribute, bdrc DescribeTask, ECD DescribeEcdReportTasks by TaskId, Security Center DescribeExportInfo; at once, then 3 s, 6 s, 10 s, 10 s, ...), " +
            "the same pop-core client, never reading progress. Lag: from the task's end on the simulator clock to the waiter resolving. Each side runs alone, against a fresh simulator process.",
        "",
    ];
}

export function loneText(): string[] {
    return [
        "### Lone waits (N = 1)",
        "",
        `${LONE_PER_PROFILE * LONE_ROUNDS} lone waits per service and profile, in ${LONE_ROUNDS} rounds of ${LONE_PER_PROFILE} at once, each waiting from a region of its own so that none shares a call (ours runs them in as many processes as ` +
            "that takes; bdrc and Security Center waiters look from other regions at tasks in their own, as an endpoint override allows). Calls are those that named the task, " +
            "counted by each polling process; the baseline on the same trials. `all` pools the five profiles: the mix.",
        "",
    ];
}

export function sharedText(): string[] {
    return [
        "### Shared waits",
        "",
        `N waits in one account and region, started together (N = 10: ${SMALL_GROUPS} groups of 10 at once, each waiting from a region of its own, so that a p95 rests on ` +
            `${10 * SMALL_GROUPS} waits, not 10; no group shares a call with another, and the floor is the sum of theirs): the mix of profiles,` +
            " and for bdrc and ECD, whose list calls report progress, also all-linear and all-s-curve " +
            "workloads. The baseline never reads progress, so one baseline run on the same timelines (durations, outcomes) serves every workload of a size. " +
            "ECS's list (DescribeTasks) reports no progress: its shared waits cannot forecast, whatever the profile. Security Center has no list call: its waits never share a call.",
        "",
    ];
}

export const FLOOR_TEXT = [
    "### Floor",
    "",
    "The floor of the new schedule is the fewest calls that check every pending task at once, after the backoff's first step (3 s), then every shared gap " +
        "(4 s; 3 s while a call answers more than 200 pending waits, as the poller spaces them) until the check that first sees the last task terminal, without knowing when any task ends: per check ECS ceil(pending / 100) DescribeTasks, bdrc ceil(N / 500) " +
        "DescribeTasks pages and ECD ceil(N / 200) DescribeEcdReportTasks pages (their lists show finished tasks too), plus one DescribeTaskAttribute per ECS task. " +
        "A forecast may skip checks while every pending task's end is far, so a run can go below it. Security Center has no list call and no shared floor.",
];

export function throttledText(perRealSecond: number): string[] {
    return [
        "### Throttled run",
        "",
        `${THROTTLED_SIZE} ECS waiters (mix); the simulator allows ${THROTTLE_PER_SECOND} requests per virtual second per action and answers Throttling.User beyond ` +
            `(fault rule rateLimit perSecond ${perRealSecond}: the simulator counts a sliding real second, ${FACTOR} virtual seconds, so bursts up to ${perRealSecond} pass; its x-acs-retry-after is in real ms).`,
        "",
    ];
}

export function maxGapText(gap: { worstMs: number; limitMs: number; tasks: number }, setting: string): string[] {
    return [
        "### pollInterval.max",
        "",
        `${gap.tasks} lone waits (every service and profile) with pollInterval.max ${setting}: the longest time between the starts of two calls for one task was ` +
            `${formatSeconds(gap.worstMs)} (limit ${formatSeconds(gap.limitMs)}; measured in compressed time, where 1 ms of event-loop delay shows as ${(FACTOR / 1000).toFixed(2)} s).`,
    ];
}

/** The SDK whose host is measured: what the host keeps per call in flight changes between releases. */
function pulumiVersion(): string {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require("@pulumi/pulumi/package.json") as { version: string }).version;
}

export function hostText(): string[] {
    return [
        "### Provider host",
        "",
        `Pulumi's dynamic provider host (harness startProviderHost; @pulumi/pulumi ${pulumiVersion()}), real time: spawn, configure, check, create. TaskWaiter on an already Finished task against a provider whose create returns at once; ${COLD_START_REPEATS} runs each. ` +
            `Then one host with ${HOST_WAITERS} concurrent creates on hour-long tasks, killed afterwards.`,
        "",
    ];
}
