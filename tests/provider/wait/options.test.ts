import * as assert from "assert";
import { maxGapLead } from "../../../provider/engine/cadence";
import { Poller, WaitRequest } from "../../../provider/engine/poller";
import { reportExportLifecycle } from "../../../provider/lifecycle/reportExport";
import { taskWaiterLifecycle } from "../../../provider/lifecycle/taskWaiter";
import { sasSnapshotOf } from "../../../provider/services/sas";
import { parseWaitDurations } from "../../../provider/inputs/durations";
import { UNKNOWN_VALUE } from "../../../provider/inputs/validate";
import { FORECAST_MAX_GAP_MS, waitOptions } from "../../../provider/wait/options";
import { FakeClock } from "../../support/engineClock";
import { until } from "../../support/wait";
import { RecordedCall, StubClient, captureStdout, testRuntime } from "../../support/clientStub";
import { BDRC_SAMPLE, SAS_SAMPLE } from "../../support/samples";

/** What the waits ask of the engine: the poller they are given records every request. */
class RecordingPoller extends Poller {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- requests of every snapshot type
    readonly requests: WaitRequest<any>[] = [];
    override wait<S>(request: WaitRequest<S>) {
        this.requests.push(request);
        return super.wait(request);
    }
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;

type OptionInputs = { timeout: string; pollInterval?: { min?: string; max?: string } };
/** The options of inputs as validation parses their durations. */
const optionsOf = (inputs: OptionInputs) => waitOptions(inputs.timeout, parseWaitDurations(inputs, UNKNOWN_VALUE).durations!);
const maxGapOf = (inputs: OptionInputs) => optionsOf(inputs).maxGapMs;

describe("wait/options: the schedule a resource asks for, parsed once, reaches the engine", () => {
    const client = new StubClient();
    const lifecycles = (recorder: RecordingPoller) => {
        const runtime = testRuntime(client, { poller: recorder });
        return { taskWaiter: taskWaiterLifecycle(runtime), reportExport: reportExportLifecycle(runtime) };
    };

    it("maxGapOf: the user's pollInterval.max, else 60 s (or the backoff's maximum when pollInterval.min is above it), never below the backoff's minimum", () => {
        assert.strictEqual(FORECAST_MAX_GAP_MS, 60 * SECOND);
        assert.strictEqual(maxGapOf({ timeout: "1h" }), 60 * SECOND);
        assert.strictEqual(maxGapOf({ timeout: "1h", pollInterval: { max: "20s" } }), 20 * SECOND);
        assert.strictEqual(maxGapOf({ timeout: "1h", pollInterval: { max: "5m" } }), 5 * MINUTE);
        assert.strictEqual(maxGapOf({ timeout: "1h", pollInterval: { min: "5s" } }), 60 * SECOND);
        assert.strictEqual(maxGapOf({ timeout: "1h", pollInterval: { min: "90s" } }), 90 * SECOND);
        // a max shorter than the default minimum (3 s) is kept: the minimum gives way to it
        assert.strictEqual(maxGapOf({ timeout: "1h", pollInterval: { max: "2s" } }), 2 * SECOND);
        assert.strictEqual(optionsOf({ timeout: "1h", pollInterval: { max: "2s" } }).backoff.minMs, 2 * SECOND);
        assert.strictEqual(maxGapOf({ timeout: "1h", pollInterval: { min: "1s", max: "2s" } }), 2 * SECOND);
        // only a user's max is a promise the engine aims a little before
        assert.strictEqual(optionsOf({ timeout: "1h", pollInterval: { max: "20s" } }).userMaxGap, true);
        assert.strictEqual(optionsOf({ timeout: "1h" }).userMaxGap, false);
        assert.strictEqual(optionsOf({ timeout: "1h30m" }).timeoutMs, 90 * MINUTE);
    });

    it("TaskWaiter (bdrc) passes pollInterval.max as maxGapMs and the reported progress", async () => {
        const recorder = new RecordingPoller();
        const { taskWaiter } = lifecycles(recorder);
        const stub = client.answer((c) => ({ ...BDRC_SAMPLE, Data: { ...BDRC_SAMPLE.Data, TaskId: c.path!.split("/").pop(), TaskStatus: "COMPLETE" } }));
        try {
            for (const pollInterval of [{ min: "1s", max: "20s" }, undefined]) {
                const run = await captureStdout(() =>
                    taskWaiter.create({ service: "bdrc", taskId: "t-abc123", region: "cn-shanghai", timeout: "30s", pollInterval, resourceName: "w" }),
                );
                assert.ifError(run.error);
            }
            assert.deepStrictEqual(
                recorder.requests.map((r) => r.maxGapMs),
                [20 * SECOND, FORECAST_MAX_GAP_MS],
            );
            const request = recorder.requests[0];
            assert.strictEqual(request.progressOf!({ taskId: "t", rawStatus: "RUNNING", progress: 25.5 }), 25.5);
            assert.strictEqual(request.progressOf!({ taskId: "t", rawStatus: "RUNNING" }), undefined);
        } finally {
            stub.restore();
        }
    });

    it("ReportExport (Security Center) passes pollInterval.max, and reads CurrentCount of TotalCount as progress when Progress is absent", async () => {
        const recorder = new RecordingPoller();
        const { reportExport } = lifecycles(recorder);
        const stub = client.answer(() => SAS_SAMPLE);
        try {
            const run = await captureStdout(() =>
                reportExport.create({ service: "sas", region: "cn-hangzhou", exportId: 131231, timeout: "30s", pollInterval: { max: "45s" } }),
            );
            assert.ifError(run.error);
            const request = recorder.requests[0];
            assert.strictEqual(request.maxGapMs, 45 * SECOND);
            const running = { ...SAS_SAMPLE, ExportStatus: "exporting", Link: "" };
            const progressOf = (body: Record<string, unknown>) => request.progressOf!(sasSnapshotOf(body, "131231"));
            assert.strictEqual(progressOf({ ...running, Progress: undefined, CurrentCount: 30, TotalCount: 120 }), 25);
            assert.strictEqual(progressOf({ ...running, Progress: 16, CurrentCount: 90, TotalCount: 100 }), 16, "Progress wins when present");
            assert.strictEqual(progressOf({ ...running, Progress: undefined, CurrentCount: 5, TotalCount: 0 }), undefined, "no rows: no progress");
            assert.strictEqual(progressOf({ ...running, Progress: undefined, CurrentCount: undefined, TotalCount: 100 }), undefined);
        } finally {
            stub.restore();
        }
    });

    /** A Security Center export that runs 10 minutes, reporting rows exported but no Progress; the checks it gets, on a fake clock. */
    async function sasChecks(withCounts: boolean, pollInterval?: OptionInputs["pollInterval"]): Promise<number[]> {
        const clock = new FakeClock(Date.now());
        const start = clock.now();
        const recorder = new RecordingPoller(clock, () => 0.5);
        const { reportExport } = lifecycles(recorder);
        const checks: number[] = [];
        const stub = client.answer((_call: RecordedCall) => {
            const t = clock.now() - start;
            checks.push(t);
            const done = t >= 10 * MINUTE;
            const rows = Math.floor((Math.min(t, 10 * MINUTE) / (10 * MINUTE)) * 400);
            return {
                ...SAS_SAMPLE,
                ExportStatus: done ? "success" : "exporting",
                Link: done ? SAS_SAMPLE.Link : "",
                Progress: undefined,
                CurrentCount: withCounts ? rows : undefined,
                TotalCount: withCounts ? 400 : undefined,
            };
        });
        try {
            const pending = captureStdout(() => reportExport.create({ service: "sas", region: "cn-hangzhou", exportId: 131231, timeout: "1h", pollInterval }));
            await until(() => recorder.requests.length === 1, "the wait to reach the poller");
            await clock.advance(15 * MINUTE);
            const run = await pending;
            assert.ifError(run.error);
            assert.strictEqual(run.value!.outs.status, "succeeded");
            return checks;
        } finally {
            stub.restore();
        }
    }

    it("places a Security Center export's checks from its row counts: few while the end is far, the end seen within seconds", async () => {
        const counted = await sasChecks(true);
        const blind = await sasChecks(false);
        const gaps = (checks: number[]) => checks.slice(1).map((t, i) => t - checks[i]);
        assert.strictEqual(Math.max(...gaps(blind)), 10 * SECOND, "without progress, the backoff's 10 s");
        assert.ok(Math.max(...gaps(counted)) > 10 * SECOND, "the counts forecast the end: checks further apart");
        assert.ok(Math.max(...gaps(counted)) <= FORECAST_MAX_GAP_MS);
        assert.ok(counted.length * 2 < blind.length, `${counted.length} checks with counts, ${blind.length} without`);
        assert.ok(counted[counted.length - 1] - 10 * MINUTE <= 5 * SECOND, `end seen at ${counted[counted.length - 1]}`);
    });

    it("the engine keeps the longest gap WaitOptions decided, no other: a user's pollInterval.max just before it, the default exactly", async () => {
        const gaps = (checks: number[]) => checks.slice(1).map((t, i) => t - checks[i]);
        // the default; a user's max; a max below the default pollInterval.min (3 s: the backoff's minimum wins); a min above 60 s
        for (const pollInterval of [undefined, { max: "20s" }, { max: "2s" }, { min: "90s" }]) {
            const options = optionsOf({ timeout: "1h", pollInterval });
            const kept = options.maxGapMs - (options.userMaxGap ? maxGapLead(options.maxGapMs) : 0);
            assert.strictEqual(Math.max(...gaps(await sasChecks(true, pollInterval))), kept, JSON.stringify(pollInterval));
        }
    });

    it("every request to the engine takes its schedule from WaitOptions: an ECS resource's lookup of its task, and the wait on it", async () => {
        const recorder = new RecordingPoller();
        const { taskWaiter } = lifecycles(recorder);
        const task = {
            TaskId: "t-ecs1",
            TaskStatus: "Finished",
            TaskAction: "ImportImage",
            ResourceId: "m-bp67acfmxazb4ph1",
            CreationTime: "2024-01-01T00:00:00Z",
        };
        const stub = client.answer((c) =>
            c.action === "DescribeTasks"
                ? { RequestId: "R-1", TotalCount: 1, TaskSet: { Task: [task] } }
                : { RequestId: "R-2", TaskId: "t-ecs1", TaskStatus: "Finished" },
        );
        const inputs = { timeout: "30s", pollInterval: { min: "2s", max: "20s" } };
        try {
            const run = await captureStdout(() =>
                taskWaiter.create({
                    service: "ecs",
                    resourceIds: ["m-bp67acfmxazb4ph1"],
                    taskAction: "ImportImage",
                    region: "cn-shanghai",
                    resourceName: "w",
                    ...inputs,
                }),
            );
            assert.ifError(run.error);
            assert.deepStrictEqual(
                recorder.requests.map((r) => r.taskId),
                ["m-bp67acfmxazb4ph1", "t-ecs1"],
                "the lookup, then the wait",
            );
            const options = optionsOf(inputs);
            for (const request of recorder.requests) {
                const { backoff, maxGapMs, userMaxGap } = request;
                assert.deepStrictEqual(
                    { backoff, maxGapMs, userMaxGap },
                    { backoff: options.backoff, maxGapMs: 20 * SECOND, userMaxGap: true },
                    request.taskId,
                );
                assert.ok(request.timeoutMs > 0 && request.timeoutMs <= options.timeoutMs, `${request.taskId}: ${request.timeoutMs} ms of the timeout left`);
            }
        } finally {
            stub.restore();
        }
    });

    it("a read for pulumi refresh takes its schedule from WaitOptions too: the defaults, for a minute", async () => {
        const recorder = new RecordingPoller();
        const { taskWaiter } = lifecycles(recorder);
        const stub = client.answer(() => ({ RequestId: "R-1", TotalCount: 1, TaskSet: { Task: [{ TaskId: "t-ecs1", TaskStatus: "Processing" }] } }));
        try {
            const props = {
                service: "ecs",
                taskId: "t-ecs1",
                region: "cn-shanghai",
                timeout: "2h",
                pollInterval: { max: "20s" },
                tasks: [{ taskId: "t-ecs1" }],
            };
            await taskWaiter.read("id", props);
            assert.strictEqual(recorder.requests.length, 1);
            const { timeoutMs, backoff, maxGapMs, userMaxGap } = recorder.requests[0];
            const options = optionsOf({ timeout: "60s" });
            assert.deepStrictEqual(
                { timeoutMs, backoff, maxGapMs, userMaxGap },
                { timeoutMs: MINUTE, backoff: options.backoff, maxGapMs: FORECAST_MAX_GAP_MS, userMaxGap: false },
            );
        } finally {
            stub.restore();
        }
    });
});
