// ApiWaiter's wait: identical requests sharing one call on the engine; a progress expression placing the checks.
import * as assert from "assert";
import { Poller } from "../../../../provider/engine/poller";
import { checkWait, runCheckedWait } from "../../../../provider/wait/index";
import type { WaitCaller } from "../../../../provider/wait/outcome";
import type { Runtime } from "../../../../provider/wait/runtime";
import { StubClient, testRuntime } from "../../../support/clientStub";
import { FakeClock } from "../../../support/engineClock";

/** A caller that prints nothing. */
const quiet: WaitCaller = {
    label: "test",
    progress: { observe: () => undefined, retrying: () => undefined, note: () => undefined },
    nextSteps: { keepWaiting: "", resumeExport: () => "", freshExport: "" },
};

const client = new StubClient();
let runtime: Runtime;

/** A runtime on a fake clock and the stub client, a fresh one for each test of the enclosing describe: `clock()` is its clock. */
function useFakeEngineClock(): () => FakeClock {
    let clock: FakeClock;
    beforeEach(() => {
        clock = new FakeClock(Date.now());
        runtime = testRuntime(client, { poller: new Poller(clock, () => 0.5) });
    });
    return () => clock;
}

const runApiWait = (raw: Record<string, unknown>, caller: WaitCaller) => {
    const checked = checkWait("ApiWaiter", raw, { defaultRegion: "cn-shanghai" });
    assert.ok(checked.wait, JSON.stringify(checked.failures));
    return runCheckedWait(checked.wait, runtime, caller);
};

describe("wait/definitions/api: identical requests share one call", () => {
    const clock = useFakeEngineClock();
    const inputs = (instanceId: string) => ({
        product: "Ecs",
        version: "2014-05-26",
        action: "DescribeInstances",
        params: { InstanceIds: `["${instanceId}"]` },
        until: { expr: "Instances.Instance[0].Status", to: "Running" },
    });

    it("three waits on one request and one on another: two calls a round, each wait judging the shared answer", async () => {
        let status = "Starting";
        const stub = client.answer(() => ({ RequestId: "R", Instances: { Instance: [{ Status: status }] } }));
        try {
            const waits = [inputs("i-1"), inputs("i-1"), inputs("i-1"), inputs("i-2")].map((i) => runApiWait(i, quiet));
            await clock().advance(0);
            assert.strictEqual(stub.calls.length, 2, JSON.stringify(stub.calls.map((c) => c.params)));
            assert.deepStrictEqual(stub.calls[0].params, { RegionId: "cn-shanghai", InstanceIds: '["i-1"]' }, "RegionId added from the region");
            assert.strictEqual(stub.calls[0].endpoint, "https://ecs.cn-shanghai.aliyuncs.com", "the endpoint from Alibaba's endpoint data");
            status = "Running";
            await clock().advance(3000);
            const outcomes = await Promise.all(waits);
            assert.deepStrictEqual(
                outcomes.map((o) => o.state),
                ["success", "success", "success", "success"],
            );
            assert.strictEqual(stub.calls.length, 4, "one more call per distinct request");
        } finally {
            stub.restore();
        }
    });
});

describe("wait/definitions/api: a progress expression places the checks around the end it forecasts", () => {
    const clock = useFakeEngineClock();
    const RUN_MS = 10 * 60_000;

    /** A job that reports Percent 0..100 linearly over RUN_MS, then State Done; the times of the calls and when the wait ended. */
    async function waitOnJob(extra: Record<string, unknown>) {
        const started = clock().now();
        const callTimes: number[] = [];
        const stub = client.answer(() => {
            const elapsed = clock().now() - started;
            callTimes.push(elapsed);
            return { RequestId: "R", Job: { Percent: Math.min(100, Math.floor((elapsed / RUN_MS) * 100)), State: elapsed >= RUN_MS ? "Done" : "Running" } };
        });
        try {
            const inputs = {
                product: "Ecs",
                version: "2014-05-26",
                action: "DescribeInstances",
                until: { expr: "Job.State", to: "Done" },
                timeout: "1h",
                ...extra,
            };
            let endedAt: number | undefined;
            const outcome = runApiWait(inputs, quiet).then((o) => ((endedAt = clock().now() - started), o));
            while (endedAt === undefined) await clock().advance(500);
            assert.strictEqual((await outcome).state, "success");
            const gaps = callTimes.slice(1).map((t, i) => t - callTimes[i]);
            return { calls: callTimes.length, lag: endedAt - RUN_MS, longestGap: Math.max(...gaps) };
        } finally {
            stub.restore();
        }
    }

    it("with `progress`, a third of the calls or fewer, and the end seen within a few seconds", async () => {
        const blind = await waitOnJob({});
        const informed = await waitOnJob({ progress: "Job.Percent" });
        assert.ok(blind.calls >= 55, `without progress, Terraform's 10 s cadence: ${blind.calls} calls`);
        assert.ok(informed.calls * 3 <= blind.calls, `${informed.calls} calls with progress against ${blind.calls} without`);
        assert.ok(informed.lag <= 5000, `end seen ${informed.lag} ms after it came`);
    });

    it("never lets two calls be further apart than pollInterval.max; a status expression is not a forecast", async () => {
        const capped = await waitOnJob({ progress: "Job.Percent", pollInterval: { max: "20s" } });
        assert.ok(capped.longestGap <= 20_000, `${capped.longestGap} ms between two calls`);
        const status = await waitOnJob({ progress: "Job.State" });
        assert.ok(status.calls >= 55, `a string progress places no checks: ${status.calls} calls`);
    });
});
