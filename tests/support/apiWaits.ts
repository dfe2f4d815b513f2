// ApiWaiter waits run in this process on a fake engine clock and the stub client: the inputs go
// through the resource's own check, the wait through runCheckedWait, and every line a wait prints
// is recorded (through the runtime's redaction, as the provider host and the CLI print them).
import * as assert from "assert";
import { Poller } from "../../provider/engine/poller";
import { checkWait, runCheckedWait } from "../../provider/wait/index";
import type { WaitCaller, WaitOutcome } from "../../provider/wait/outcome";
import { ProgressReporter } from "../../provider/wait/progress";
import { Runtime, redact } from "../../provider/wait/runtime";
import { StubClient, testRuntime } from "./clientStub";
import { FakeClock } from "./engineClock";

export const ECS_REQUEST = { product: "Ecs", version: "2014-05-26", action: "DescribeInstances" };

export interface ApiWaits {
    readonly client: StubClient;
    clock(): FakeClock;
    runtime(): Runtime;
    /** A runtime on the same poller and client with other stack config (another account): what a second `configure` makes. */
    configured(config: Record<string, string>): Runtime;
    /** Starts a wait; `lines` collects what it prints. */
    start(raw: Record<string, unknown>, on?: Runtime): { outcome: Promise<WaitOutcome>; lines: string[] };
    /** Runs a wait to its end, moving the fake clock until it ends. */
    run(raw: Record<string, unknown>, on?: Runtime): Promise<{ outcome: WaitOutcome; lines: string[] }>;
}

/** A fresh runtime on a fake clock for each test of the enclosing describe. */
export function useApiWaits(): ApiWaits {
    const client = new StubClient();
    let clock: FakeClock;
    let poller: Poller;
    let runtime: Runtime;
    beforeEach(() => {
        clock = new FakeClock(Date.UTC(2026, 0, 1));
        poller = new Poller(clock, () => 0.5);
        runtime = testRuntime(client, { poller });
    });
    const start = (raw: Record<string, unknown>, on: Runtime = runtime) => {
        const checked = checkWait("ApiWaiter", raw, { defaultRegion: "cn-shanghai" });
        assert.ok(checked.wait, JSON.stringify(checked.failures));
        const lines: string[] = [];
        const label = 'ApiWaiter "w"';
        const progress = new ProgressReporter(
            label,
            clock.now(),
            (text) => redact(on, text),
            () => clock.now(),
            (line) => lines.push(line),
        );
        const caller: WaitCaller = { label, progress, nextSteps: { keepWaiting: "run it again", resumeExport: () => "", freshExport: "" } };
        return { outcome: runCheckedWait(checked.wait, on, caller), lines };
    };
    return {
        client,
        clock: () => clock,
        runtime: () => runtime,
        configured: (config) => testRuntime(client, { poller, config }),
        start,
        async run(raw, on) {
            const started = start(raw, on);
            let outcome: WaitOutcome | undefined;
            void started.outcome.then((o) => (outcome = o));
            for (let i = 0; outcome === undefined && i < 100_000; i++) await clock.advance(1000);
            return { outcome: outcome!, lines: started.lines };
        },
    };
}
