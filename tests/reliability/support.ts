// Shared by the reliability tests: the provider's lifecycle run in this process against the
// simulator, on a runtime of their own configured as `configure` would with the simulator's key
// pair and endpoint; a poller that keeps every wait's result (for the errors it recorded), quiet
// progress output, and small figures.
import * as assert from "assert";
import type { RateLimiter } from "../../provider/client/limiter";
import { Poller, WaitRequest } from "../../provider/engine/poller";
import type { WaitResult } from "../../provider/engine/result";
import { onRuntime } from "../../provider/lifecycle/host";
import { reportExportLifecycle } from "../../provider/lifecycle/reportExport";
import { taskWaiterLifecycle } from "../../provider/lifecycle/taskWaiter";
import { Runtime, createRuntime } from "../../provider/wait/runtime";
import { readSettings } from "../../provider/wait/settings";
import type { Simulator } from "../../simulator";
import { NO_AMBIENT_CREDENTIALS, simulatorConfig } from "../host/fixture";

export type Kind = "TaskWaiter" | "ReportExport";

/** The runtime the reliability suites run the lifecycles on (configureAgainst sets its settings). */
let runtime: Runtime = createRuntime({ settings: readSettings({ get: () => undefined }, NO_AMBIENT_CREDENTIALS) });
export const LIFECYCLES = { TaskWaiter: onRuntime(taskWaiterLifecycle, () => runtime), ReportExport: onRuntime(reportExportLifecycle, () => runtime) } as const;

/** The rate limiter of the suites' runtime: its buckets say what the calls met. */
export function rateLimiter(): RateLimiter {
    return runtime.limiter;
}

/** Fast polling, as the host tests use: the simulator's tasks last seconds, not minutes. */
export const FAST_POLL = { min: "100ms", max: "300ms" };

/** Configures the suites' runtime as `configure` would with this stack config (no ambient credentials); its poller and limiter stay. */
export function configureAgainst(sim: Simulator | undefined, overrides: Record<string, string | undefined> = {}): void {
    const config: Record<string, string | undefined> = { ...(sim ? simulatorConfig(sim) : {}), ...overrides };
    runtime = createRuntime({ ...runtime, settings: readSettings({ get: (key) => config[key] }, NO_AMBIENT_CREDENTIALS) });
}

/**
 * Mocha hooks for a suite: a fresh runtime while it runs (buckets slowed down by injected throttling
 * must not outlive it, nor a suite's settings). Call it inside the describe.
 */
export function isolateRuntime(): void {
    let saved: Runtime;
    before(() => {
        saved = runtime;
        runtime = createRuntime({ settings: runtime.settings });
    });
    after(() => (runtime = saved));
}

/** A poller that keeps every result, so a test can count the errors each wait recorded. */
export class RecordingPoller extends Poller {
    readonly results: WaitResult<unknown>[] = [];
    override wait<S>(request: WaitRequest<S>): Promise<WaitResult<S>> {
        const pending = super.wait(request);
        void pending.then((result) => this.results.push(result as WaitResult<unknown>));
        return pending;
    }
}

/** Runs `body` with a fresh recording poller in the suites' runtime, then puts the old one back. */
export async function withRecordingPoller<T>(body: (recorder: RecordingPoller) => Promise<T>): Promise<T> {
    const previous = runtime;
    const recorder = new RecordingPoller();
    runtime = createRuntime({ ...runtime, poller: recorder });
    try {
        return await body(recorder);
    } finally {
        runtime = createRuntime({ ...runtime, poller: previous.poller });
    }
}

/** Runs `body` with the provider's stdout lines (progress, warnings) captured instead of printed. */
export async function quietly<T>(body: () => Promise<T>, lines: string[] = []): Promise<T> {
    const original = process.stdout.write;
    process.stdout.write = ((chunk: unknown) => {
        lines.push(String(chunk));
        return true;
    }) as typeof process.stdout.write;
    try {
        return await body();
    } finally {
        process.stdout.write = original;
    }
}

export type Created = { ok: true; id: string; outs: Record<string, unknown> } | { ok: false; error: Error };

/** check, then create, through the lifecycle functions the provider object forwards to. */
export async function checkAndCreate(kind: Kind, inputs: Record<string, unknown>): Promise<Created> {
    const lifecycle = LIFECYCLES[kind];
    const checked = await lifecycle.check({}, inputs);
    assert.deepStrictEqual(checked.failures ?? [], [], `${kind} ${JSON.stringify(inputs)}: ${JSON.stringify(checked.failures)}`);
    try {
        const created = await lifecycle.create(checked.inputs);
        return { ok: true, id: created.id, outs: created.outs ?? {} };
    } catch (error) {
        return { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
    }
}

/** create must fail: its error. */
export async function createFails(kind: Kind, inputs: Record<string, unknown>): Promise<Error> {
    const created = await checkAndCreate(kind, inputs);
    if (created.ok) assert.fail(`${kind} create should have failed, got ${JSON.stringify(created.outs)}`);
    return created.error;
}

/** Nearest-rank percentile of a list of numbers (0 for an empty list). */
export function percentile(values: readonly number[], p: number): number {
    if (values.length === 0) return 0;
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Seconds with one decimal, for tables. */
export function seconds(ms: number): string {
    return (ms / 1000).toFixed(1) + "s";
}
