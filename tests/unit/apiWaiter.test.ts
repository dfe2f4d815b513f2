// ApiWaiter's acceptor semantics, and identical requests sharing one call on the engine.
import * as assert from "assert";
import { toApiError } from "../../provider/client/errors";
import { Poller } from "../../provider/engine/poller";
import type { Acceptor } from "../../provider/inputs/apiWaiter";
import { apiWaiterInputsSchema } from "../../provider/inputs/apiWaiter";
import { judge } from "../../provider/waits/acceptors";
import { CheckedApiWaiterInputs, runApiWait } from "../../provider/waits/apiWait";
import type { Face } from "../../provider/waits/outcome";
import { usePoller } from "../../provider/waits/settings";
import { FakeClock } from "../support/fakeClock";
import { configureForTests, stubClient } from "./clientStub";

const body = (value: unknown) => ({ kind: "body" as const, body: value as never });
const error = (code: string) => ({ kind: "error" as const, code, message: code });
const state = (acceptors: Acceptor[], answer: Parameters<typeof judge>[0], caseSensitive = false) => judge(answer, acceptors, caseSensitive).state;

describe("waits/acceptors: how an answer is judged", () => {
    const S = "Instances.Instance[0].Status";
    it("the first matching acceptor decides; statuses compare case-insensitively unless asked, numbers and booleans loosely", () => {
        const acceptors: Acceptor[] = [
            { state: "failure", expr: S, equals: ["Stopped", "Deleted"] },
            { state: "success", expr: S, equals: "Running" },
        ];
        assert.strictEqual(state(acceptors, body({ Instances: { Instance: [{ Status: "running" }] } })), "success");
        assert.strictEqual(state(acceptors, body({ Instances: { Instance: [{ Status: "running" }] } }), true), "unmatched");
        assert.strictEqual(state(acceptors, body({ Instances: { Instance: [{ Status: "DELETED" }] } })), "failure");
        assert.strictEqual(state(acceptors, body({})), "unmatched", "a missing field selects null");
        assert.strictEqual(state([{ state: "success", expr: "Progress", equals: 100 }], body({ Progress: "100" })), "success");
        assert.strictEqual(state([{ state: "success", expr: "Done", equals: true }], body({ Done: "true" })), "success");
    });

    it("anyEquals and allEquals look into arrays (an empty one is never all-equal); exists sees null and [] as nothing", () => {
        const list = (...statuses: string[]) => body({ Items: statuses.map((Status) => ({ Status })) });
        const any: Acceptor[] = [{ state: "failure", expr: "Items[].Status", anyEquals: "Failed" }];
        const all: Acceptor[] = [{ state: "success", expr: "Items[].Status", allEquals: "Finished" }];
        assert.strictEqual(state(any, list("Finished", "failed")), "failure");
        assert.strictEqual(state(all, list("Finished", "FINISHED")), "success");
        assert.strictEqual(state(all, list("Finished", "Running")), "unmatched");
        assert.strictEqual(state(all, list()), "unmatched");
        const gone: Acceptor[] = [{ state: "success", expr: "Items[?Status=='Running']", exists: false }];
        assert.strictEqual(state(gone, list("Stopped")), "success");
        assert.strictEqual(state(gone, list("Running")), "unmatched");
    });

    it("error codes match error answers only, with * wildcards; an error no acceptor expects is an error", () => {
        const acceptors: Acceptor[] = [
            { state: "retry", errorCode: "*.NotFound" },
            { state: "success", expr: "Status", equals: "Running" },
        ];
        assert.strictEqual(state(acceptors, error("InvalidInstanceId.NotFound")), "retry");
        assert.strictEqual(state(acceptors, error("Forbidden.RAM")), "error");
        assert.strictEqual(state(acceptors, body({ Status: "Running" })), "success");
    });

    it("reads the error code of ROA products that spell the body in lower case (Container Service), so errorCode acceptors see it", () => {
        const error = toApiError("CS GET /clusters/c-1", {
            statusCode: 404,
            result: { code: "ErrorClusterNotFound", message: "cluster not found", requestId: "R-1" },
        });
        assert.deepStrictEqual([error.kind, error.code, error.detail, error.requestId], ["permanent", "ErrorClusterNotFound", "cluster not found", "R-1"]);
    });
});

/** A face that prints nothing. */
const quiet: Face = {
    label: "test",
    progress: { observe: () => undefined, note: () => undefined },
    words: { keepWaiting: "", resumeExport: () => "", freshExport: "" },
};

/** The engine on a fake clock for the enclosing describe, a fresh one for each test: `clock()` is the current one. */
function useFakeEngineClock(): () => FakeClock {
    let clock: FakeClock;
    before(() => configureForTests());
    beforeEach(() => {
        clock = new FakeClock(Date.now());
        usePoller(new Poller(clock, () => 0.5));
    });
    after(() => usePoller(new Poller()));
    return () => clock;
}

describe("waits/apiWait: identical requests share one call", () => {
    const clock = useFakeEngineClock();
    const inputs = (instanceId: string) =>
        Object.assign(
            apiWaiterInputsSchema.parse({
                product: "Ecs",
                version: "2014-05-26",
                action: "DescribeInstances",
                params: { InstanceIds: `["${instanceId}"]` },
                until: { expr: "Instances.Instance[0].Status", to: "Running" },
            }),
            { region: "cn-shanghai" },
        ) as CheckedApiWaiterInputs;

    it("three waits on one request and one on another: two calls a round, each wait judging the shared answer", async () => {
        let status = "Starting";
        const stub = stubClient(() => ({ RequestId: "R", Instances: { Instance: [{ Status: status }] } }));
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
                outcomes.map((o) => o.verdict),
                ["succeeded", "succeeded", "succeeded", "succeeded"],
            );
            assert.strictEqual(stub.calls.length, 4, "one more call per distinct request");
        } finally {
            stub.restore();
        }
    });
});

describe("waits/apiWait: a progress expression places the checks around the end it forecasts", () => {
    const clock = useFakeEngineClock();
    const RUN_MS = 10 * 60_000;

    /** A job that reports Percent 0..100 linearly over RUN_MS, then State Done; the times of the calls and when the wait ended. */
    async function waitOnJob(extra: Record<string, unknown>) {
        const started = clock().now();
        const callTimes: number[] = [];
        const stub = stubClient(() => {
            const elapsed = clock().now() - started;
            callTimes.push(elapsed);
            return { RequestId: "R", Job: { Percent: Math.min(100, Math.floor((elapsed / RUN_MS) * 100)), State: elapsed >= RUN_MS ? "Done" : "Running" } };
        });
        try {
            const inputs = Object.assign(
                apiWaiterInputsSchema.parse({
                    product: "Ecs",
                    version: "2014-05-26",
                    action: "DescribeInstances",
                    until: { expr: "Job.State", to: "Done" },
                    timeout: "1h",
                    ...extra,
                }),
                { region: "cn-shanghai" },
            ) as CheckedApiWaiterInputs;
            let endedAt: number | undefined;
            const outcome = runApiWait(inputs, quiet).then((o) => ((endedAt = clock().now() - started), o));
            while (endedAt === undefined) await clock().advance(500);
            assert.strictEqual((await outcome).verdict, "succeeded");
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
