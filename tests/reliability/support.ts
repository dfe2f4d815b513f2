// Shared by the reliability tests: the provider's lifecycle run in this process against the
// simulator (configureProvider with the simulator's key pair and endpoint), a poller that keeps
// every wait's result (for the errors it recorded), quiet progress output, and small figures.
import * as assert from "assert";
import { Poller, WaitRequest } from "../../provider/engine/poller";
import type { WaitResult } from "../../provider/engine/result";
import * as reportExport from "../../provider/lifecycle/reportExport";
import { RateLimiter, rateLimiter, useRateLimiter } from "../../provider/client/limiter";
import { configureProvider, poller, providerSettings, usePoller } from "../../provider/waits/settings";
import * as taskWaiter from "../../provider/lifecycle/taskWaiter";
import type { Simulator } from "../../simulator";
import { NO_AMBIENT_CREDENTIALS, simulatorConfig } from "../host/fixture";

export type Kind = "TaskWaiter" | "ReportExport";
export const LIFECYCLES = { TaskWaiter: taskWaiter, ReportExport: reportExport } as const;

/** Fast polling, as the host tests use: the simulator's tasks last seconds, not minutes. */
export const FAST_POLL = { min: "100ms", max: "300ms" };

/** Configures the in-process provider as `pulumi up` would with this stack config (no ambient credentials). */
export function configureAgainst(sim: Simulator | undefined, overrides: Record<string, string | undefined> = {}): void {
    const config: Record<string, string | undefined> = { ...(sim ? simulatorConfig(sim) : {}), ...overrides };
    configureProvider({ get: (key) => config[key] }, NO_AMBIENT_CREDENTIALS);
}

/**
 * Mocha hooks for a suite that configures the in-process provider: a fresh rate limiter while it
 * runs (buckets slowed down by injected throttling must not outlive it), and the settings that
 * were there before put back afterwards. Call it inside the describe.
 */
export function isolateRuntime(): void {
    let saved: ReturnType<typeof providerSettings>;
    let savedLimiter: RateLimiter;
    before(() => {
        saved = providerSettings();
        savedLimiter = rateLimiter();
        useRateLimiter(new RateLimiter());
    });
    after(() => {
        configureProvider(saved.config, saved.env);
        useRateLimiter(savedLimiter);
    });
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

/** Runs `body` with a fresh recording poller as the process's poller, then puts the old one back. */
export async function withRecordingPoller<T>(body: (recorder: RecordingPoller) => Promise<T>): Promise<T> {
    const previous = poller();
    const recorder = new RecordingPoller();
    usePoller(recorder);
    try {
        return await body(recorder);
    } finally {
        usePoller(previous);
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

/** A compact fixed-width table for console.log: the figures a test prints. */
export function table(title: string, header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
    const cells = [header, ...rows].map((r) => r.map(String));
    const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
    const line = (r: string[]) => "  " + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
    return [`  ${title}`, line(cells[0]), "  " + widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

/** Seconds with one decimal, for tables. */
export function seconds(ms: number): string {
    return (ms / 1000).toFixed(1) + "s";
}
