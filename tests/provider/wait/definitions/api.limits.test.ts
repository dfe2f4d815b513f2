// ApiWaiter at its limits, in this process against the stub client: a JMESPath expression that would run
// for 2^60 steps ends its wait with the budget error while another wait keeps being checked; an answer
// nested thousands deep is an InvalidResponseBody naming the API; a failing endpoint speaks at once.
import * as assert from "assert";
import { toApiError } from "../../../../provider/client/errors";
import { ECS_REQUEST, useApiWaits } from "../../../support/apiWaits";

/** Each `[@,@]|` doubles what follows: 2^60 elements to flatten. Compiles, passes check, never ends unbounded. */
const BOMB = `${Array(60).fill("[@,@]").join("|")}|length(${"[]".repeat(40)})`;

describe("wait/definitions/api: limits", () => {
    const waits = useApiWaits();

    it("ends a wait whose expression runs past the evaluation budget with that error, while another wait is still checked", async () => {
        let other = "Starting";
        const stub = waits.client.answer((call) => (call.params.InstanceIds === '["i-other"]' ? { Status: other } : { Status: "Running" }));
        try {
            const runaway = waits.start({ ...ECS_REQUEST, params: { InstanceIds: '["i-bomb"]' }, until: { expr: BOMB, to: 1 } });
            const steady = waits.start({ ...ECS_REQUEST, params: { InstanceIds: '["i-other"]' }, until: { expr: "Status", to: "Running" } });
            await waits.clock().advance(0);
            const ended = await runaway.outcome;
            assert.deepStrictEqual([ended.state, ended.cause, ended.outputs.status], ["failure", "error", "failed"]);
            assert.match(ended.message!, /acceptor 0's expression ".*" evaluation took longer than its budget of 250 ms .*: simplify the expression/);
            const before = stub.calls.filter((c) => c.params.InstanceIds === '["i-other"]').length;
            other = "Running";
            await waits.clock().advance(10_000);
            assert.strictEqual((await steady.outcome).state, "success", "the other wait went on and saw its end");
            assert.ok(stub.calls.filter((c) => c.params.InstanceIds === '["i-other"]').length > before, "checked again after the runaway one ended");
        } finally {
            stub.restore();
        }
    });

    it("fails an answer nested 5,000 deep as InvalidResponseBody naming the API, not a stack overflow", async () => {
        let deep: unknown = { Status: "Running" };
        for (let i = 0; i < 5000; i++) deep = { Sub: deep };
        const stub = waits.client.answer(() => deep);
        try {
            const { outcome } = await waits.run({ ...ECS_REQUEST, until: { expr: "Status", to: "Running" } });
            assert.deepStrictEqual([outcome.state, outcome.cause, outcome.errorCode], ["failure", "error", "InvalidResponseBody"]);
            assert.match(outcome.message!, /Ecs DescribeInstances failed: InvalidResponseBody: the answer is JSON nested deeper than 64 levels/);
            assert.doesNotMatch(outcome.message!, /call stack/);
        } finally {
            stub.restore();
        }
    });

    it("prints the first failed check at once (host, error, until when it retries), then at the progress cadence", async () => {
        const stub = waits.client.answer(() => {
            throw toApiError("Ecs DescribeInstances", { code: "ECONNREFUSED" }, "ecs.cn-shanghai.aliyuncs.com");
        });
        try {
            const started = waits.start({ ...ECS_REQUEST, until: { expr: "Status", to: "Running" }, timeout: "10m" });
            await waits.clock().advance(0);
            assert.deepStrictEqual(
                started.lines,
                [
                    'ApiWaiter "w": Ecs DescribeInstances failed: ECONNREFUSED: network error reaching ecs.cn-shanghai.aliyuncs.com; retrying until 00:10:00 UTC (10m00s left, the timeout)',
                ].map((l) => `[alicloud-tasks] ${l}`),
                "one line right after the first failed call",
            );
            await waits.clock().advance(14_000);
            assert.strictEqual(started.lines.length, 1, "no more lines within the progress interval, though the calls went on failing");
            assert.ok(stub.calls.length >= 3, `${stub.calls.length} calls`);
            await waits.clock().advance(46_000);
            assert.deepStrictEqual(
                started.lines.map((l) => /left/.test(l) && /retrying until 00:10:00 UTC \((\d+m\d+s) left/.exec(l)![1]),
                ["10m00s", "9m41s", "9m21s", "9m01s"],
                "then one per progress interval (15 s), at the calls that failed after it",
            );
            await waits.clock().advance(600_000);
            const outcome = await started.outcome;
            assert.strictEqual(outcome.state, "timeout");
            assert.match(
                outcome.message!,
                /No poll got an answer: fix what the last error names \(the endpoint, the region, the network\) before waiting longer/,
            );
        } finally {
            stub.restore();
        }
    });
});
