import * as assert from "assert";
import { DEFAULT_BACKOFF } from "../../../provider/engine/backoff";
import { maxGapLead } from "../../../provider/engine/cadence";
import { Poller, TaskSource, WaitRequest } from "../../../provider/engine/poller";
import { FakeClock } from "../../support/engineClock";

/**
 * The poller places the checks of a running task from the progress it reports (forecast.ts,
 * cadence.ts). Everything runs on the fake clock: check times are exact, not measured.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;

interface Snap {
    id: string;
    running: boolean;
    progress?: number;
}

/** A task's life: its reported progress (undefined: none reported) at `t` ms after the wait started, and when it ends. */
interface Script {
    endsAt: number;
    progressAt(t: number): number | undefined;
}

/** One task; each check reads it at the check's start and answers `latencyMs` later (on the fake clock). */
class ScriptedTask implements TaskSource<Snap> {
    readonly maxBatchSize = 1;
    /** When each check started. */
    readonly checks: number[] = [];
    constructor(
        private readonly clock: FakeClock,
        private readonly script: Script,
        private readonly latencyMs = 0,
        readonly batchKey = "k",
    ) {}
    async fetch(ids: readonly string[]): Promise<Map<string, Snap>> {
        const t = this.clock.now();
        this.checks.push(t);
        const running = t < this.script.endsAt;
        const snap: Snap = { id: ids[0], running, progress: running ? this.script.progressAt(t) : 100 };
        if (this.latencyMs > 0) await new Promise<void>((resolve) => this.clock.setTimer(resolve, this.latencyMs));
        return new Map([[ids[0], snap]]);
    }
}

const noJitter = () => 0.5;

/** Whole percents, floored, as ECS and Security Center report them. */
const whole = (fraction: number) => Math.min(99, Math.floor(fraction * 100));

/** Progress shapes over a run of `run` ms after a queue of `queue` ms (the shapes of the simulator's profiles, and a few more). */
function shapes(queue: number, run: number): Record<string, Script> {
    const endsAt = queue + run;
    const x = (t: number) => Math.max(0, Math.min(1, (t - queue) / run));
    return {
        linear: { endsAt, progressAt: (t) => whole(x(t)) },
        "s-curve": { endsAt, progressAt: (t) => whole(x(t) * x(t) * (3 - 2 * x(t))) },
        // 0 for the whole run, then done: progress says nothing of the end
        jump: { endsAt, progressAt: () => 0 },
        // linear to 20% of the run, then done at once: the forecast said the end was far
        "jump to done": { endsAt: queue + run / 5, progressAt: (t) => whole(x(t)) },
        // rises to 40%, falls back to 30% and stays until 60% of the run, then climbs faster
        stall: { endsAt, progressAt: (t) => whole(x(t) < 0.4 ? x(t) : x(t) < 0.6 ? 0.3 : 0.3 + ((x(t) - 0.6) * 0.7) / 0.4) },
        // goes back to 0 twice (a retried step), climbing at its own pace each time
        backwards: { endsAt, progressAt: (t) => whole((x(t) * 3) % 1) },
        // slower at the end than its pace said: a forecast end that passes with the task running
        "slow finish": { endsAt, progressAt: (t) => whole(x(t) < 0.5 ? x(t) * 1.6 : 0.8 + (x(t) - 0.5) * 0.38) },
        none: { endsAt, progressAt: () => undefined },
    };
}

interface Run {
    checks: number[];
    polls: number;
    /** From the task's end to the check that saw it. */
    lag: number;
    state: string;
}

/** `maxGapMs` is a user's pollInterval.max (userMaxGap) unless the run says otherwise. */
async function runWait(
    script: Script,
    options: { maxGapMs: number; userMaxGap?: boolean; latencyMs?: number; progress?: boolean; timeoutMs?: number },
): Promise<Run> {
    const clock = new FakeClock();
    const task = new ScriptedTask(clock, script, options.latencyMs ?? 0);
    const request: WaitRequest<Snap> = {
        source: task,
        taskId: "t-1",
        timeoutMs: options.timeoutMs ?? 4 * 3600 * SECOND,
        backoff: DEFAULT_BACKOFF,
        maxGapMs: options.maxGapMs,
        userMaxGap: options.userMaxGap ?? true,
        judge: (s) => (s.running ? "retry" : "success"),
        progressOf: options.progress === false ? undefined : (s) => s.progress,
    };
    const pending = new Poller(clock, noJitter).wait(request);
    await clock.advance(script.endsAt + 5 * MINUTE);
    const result = await pending;
    const seenAt = task.checks.find((t) => t >= script.endsAt) ?? Infinity;
    return { checks: task.checks, polls: result.polls, lag: seenAt - script.endsAt, state: result.state };
}

function gaps(checks: number[]): number[] {
    return checks.slice(1).map((t, i) => t - checks[i]);
}

describe("engine: Poller places checks from the forecast", () => {
    it("checks a linearly progressing task far fewer times than one without progress, and sees its end within seconds", async () => {
        const script = shapes(0, 20 * MINUTE).linear;
        const informed = await runWait(script, { maxGapMs: MINUTE });
        const blind = await runWait(script, { maxGapMs: MINUTE, progress: false });
        assert.strictEqual(informed.state, "success");
        assert.strictEqual(blind.state, "success");
        // the backoff alone: a check every 10 s for 20 minutes
        assert.ok(blind.polls >= 115, `${blind.polls} checks without progress`);
        assert.ok(informed.polls * 3 <= blind.polls, `${informed.polls} checks with progress vs ${blind.polls} without`);
        assert.ok(informed.lag <= 5 * SECOND, `end seen ${informed.lag} ms after it came`);
        assert.ok(blind.lag <= DEFAULT_BACKOFF.maxMs);
        // the checks are sparse while the end is far, dense near it
        assert.ok(Math.max(...gaps(informed.checks)) > DEFAULT_BACKOFF.maxMs, "the forecast stretches checks beyond the backoff's maximum");
        const lastMinute = informed.checks.filter((t) => t >= script.endsAt - MINUTE && t <= script.endsAt);
        assert.ok(lastMinute.length >= 3, `${lastMinute.length} checks in the last minute`);
    });

    it("sees the end as soon with answers that take time: the checks keep to the forecast", async () => {
        const script = shapes(30 * SECOND, 10 * MINUTE).linear;
        const run = await runWait(script, { maxGapMs: MINUTE, latencyMs: 1500 });
        assert.strictEqual(run.state, "success");
        assert.ok(run.lag <= 5 * SECOND, `end seen ${run.lag} ms after it came`);
        assert.ok(Math.max(...gaps(run.checks)) <= MINUTE);
    });

    for (const maxGapMs of [5 * SECOND, 20 * SECOND, MINUTE]) {
        for (const [shape, script] of Object.entries(shapes(45 * SECOND, 15 * MINUTE))) {
            it(`never lets two checks of a running task be more than maxGapMs ${maxGapMs / SECOND} s apart: ${shape}`, async () => {
                for (const latencyMs of [0, 2000]) {
                    const run = await runWait(script, { maxGapMs, latencyMs });
                    assert.strictEqual(run.state, "success");
                    const longest = Math.max(...gaps(run.checks));
                    assert.ok(longest <= maxGapMs, `${longest} ms between two checks (latency ${latencyMs})`);
                    assert.ok(run.lag <= maxGapMs, `end seen ${run.lag} ms after it came (latency ${latencyMs})`);
                    // the bound is the user's, not the backoff's: a forecast may use it all when the end is far, but for
                    // the lead that keeps a late timer or a queued call within it
                    if (shape === "linear" && maxGapMs > DEFAULT_BACKOFF.maxMs) assert.strictEqual(longest, maxGapMs - maxGapLead(maxGapMs));
                }
            });
        }
    }

    it("without a forecast keeps the backoff: a task that reports no progress, or no movement, is checked every 10 s", async () => {
        for (const shape of ["none", "jump"]) {
            const run = await runWait(shapes(0, 5 * MINUTE)[shape], { maxGapMs: 10 * MINUTE });
            assert.deepStrictEqual(run.checks.slice(0, 4), [0, 3000, 9000, 19_000], shape);
            assert.ok(
                gaps(run.checks)
                    .slice(3)
                    .every((g) => g === DEFAULT_BACKOFF.maxMs),
                shape,
            );
        }
    });

    it("backs off when a task is well late on its forecast, instead of checking it every 3 s", async () => {
        // 50% in the first 5 minutes, then stuck at 99% for 20 minutes before it ends
        const script: Script = { endsAt: 30 * MINUTE, progressAt: (t) => Math.min(99, Math.floor((t / (5 * MINUTE)) * 50)) };
        const run = await runWait(script, { maxGapMs: MINUTE });
        assert.strictEqual(run.state, "success");
        const stuck = run.checks.filter((t) => t >= 15 * MINUTE && t < 30 * MINUTE);
        // the backoff's 10 s at most 90 checks in those 15 minutes; 3 s would be 300
        assert.ok(stuck.length <= 95, `${stuck.length} checks while stuck at 99%`);
        assert.ok(run.lag <= DEFAULT_BACKOFF.maxMs);
    });

    it("backs off when a task reports 100% long before it ends, instead of checking it every 3 s", async () => {
        // linear to 100% in 2 minutes, then 100% while still running for 15 minutes more
        const script: Script = { endsAt: 17 * MINUTE, progressAt: (t) => Math.min(100, Math.floor((t / (2 * MINUTE)) * 100)) };
        const run = await runWait(script, { maxGapMs: MINUTE });
        assert.strictEqual(run.state, "success");
        const atFull = run.checks.filter((t) => t >= 5 * MINUTE && t < 17 * MINUTE);
        assert.ok(atFull.length <= 75, `${atFull.length} checks in 12 minutes at 100%`);
        assert.ok(run.lag <= DEFAULT_BACKOFF.maxMs);
    });

    it("keeps exactly the longest gap its request gives, the backoff's minimum or not: the engine has none of its own", async () => {
        // wait/options.ts decides the gap (never below the backoff's minimum there); the engine neither widens nor narrows it
        for (const maxGapMs of [2 * SECOND, DEFAULT_BACKOFF.maxMs, 25 * SECOND]) {
            const run = await runWait(shapes(0, 20 * MINUTE).linear, { maxGapMs, userMaxGap: false });
            assert.strictEqual(run.state, "success");
            assert.strictEqual(Math.max(...gaps(run.checks)), maxGapMs, `maxGapMs ${maxGapMs}`);
        }
    });
});
