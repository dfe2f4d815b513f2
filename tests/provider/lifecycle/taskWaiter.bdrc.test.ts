import * as assert from "assert";
import { taskWaiterLifecycle } from "../../../provider/lifecycle/taskWaiter";
import { RecordedCall, StubClient, apiError, captureStdout, testRuntime } from "../../support/clientStub";
import { BDRC_SAMPLE } from "../../support/samples";

/** Polls every 100 ms; a deadline no stubbed answer sequence comes near, however slow the machine. */
const FAST = { timeout: "30s", pollInterval: { min: "100ms", max: "100ms" } };
/** For waits that must time out: the stub never answers with a terminal status. */
const TIMES_OUT = { ...FAST, timeout: "1s" };

function bdrcBody(data: Record<string, unknown>): unknown {
    return { ...BDRC_SAMPLE, Data: { ...BDRC_SAMPLE.Data, ...data } };
}

/** A bdrc API whose task goes through the given states, one per DescribeTask call (the last repeats). */
function bdrcApi(states: Record<string, unknown>[]) {
    let calls = 0;
    return (call: RecordedCall) => bdrcBody({ TaskId: call.path!.split("/").pop(), ...states[Math.min(calls++, states.length - 1)] });
}

const client = new StubClient();
/** The lifecycle on a runtime as `configure` would set it up with this stack config. */
const configured = (config: Record<string, string> = {}) => taskWaiterLifecycle(testRuntime(client, { config }));
let lifecycle = configured();

describe("TaskWaiter service bdrc (client stubbed)", () => {
    beforeEach(() => (lifecycle = configured()));

    it("check fails on region where bdrc has no endpoint, at preview, unless an endpoint override is configured", async () => {
        const inHangzhou = await lifecycle.check({}, { service: "bdrc", taskId: "t-abc123", region: "cn-hangzhou" });
        assert.deepStrictEqual(
            inHangzhou.failures!.map((f) => f.property),
            ["region"],
        );
        assert.match(inHangzhou.failures![0].reason, /offered only in cn-shanghai, ap-southeast-1, cn-shanghai-finance-1/);
        lifecycle = configured({ "alicloud:region": "cn-hangzhou" });
        const fromConfig = await lifecycle.check({}, { service: "bdrc", taskId: "t-abc123" });
        assert.deepStrictEqual(
            fromConfig.failures!.map((f) => f.property),
            ["region"],
            "the configured default region is checked too",
        );
        lifecycle = configured({ "alicloud-tasks:endpoint": "http://127.0.0.1:9" });
        assert.deepStrictEqual((await lifecycle.check({}, { service: "bdrc", taskId: "t-abc123", region: "cn-hangzhou" })).failures, []);
        assert.deepStrictEqual((await lifecycle.check({}, { service: "ecs", taskId: "t-abc123", region: "cn-hangzhou" })).failures, []);
    });

    it("waits for COMPLETE and records the bdrc outputs", async () => {
        const stub = client.answer(
            bdrcApi([
                { TaskStatus: "RUNNING", Progress: 2500 },
                { TaskStatus: "COMPLETE", Progress: 10000, ErrorMessage: "" },
            ]),
        );
        try {
            const run = await captureStdout(() =>
                lifecycle.create({ service: "bdrc", taskId: "t-abc123", region: "cn-shanghai", ...FAST, resourceName: "scan" }),
            );
            assert.ifError(run.error);
            const { id, outs } = run.value!;
            assert.strictEqual(id, "bdrc:cn-shanghai:t-abc123");
            assert.strictEqual(outs.status, "succeeded");
            assert.strictEqual(outs.rawStatus, "COMPLETE");
            assert.strictEqual(outs.progress, 100);
            assert.strictEqual(outs.taskType, "UPDATE_RESOURCES");
            assert.strictEqual(outs.taskName, "test5566");
            assert.deepStrictEqual(outs.result, {
                resourceCounts: [
                    { resourceType: "ACS::OSS::Bucket", count: 2 },
                    { resourceType: "ACS::NAS::FileSystem", count: 3 },
                ],
            });
            assert.deepStrictEqual((outs.detail as { resourceTypes: string[] }).resourceTypes.length, 4);
            assert.strictEqual(outs.startedAt, "2024-08-30T02:12:07.000Z");
            assert.strictEqual(outs.finishedAt, "2024-08-30T02:12:07.000Z");
            assert.strictEqual(outs.errorMessage, undefined);
            assert.strictEqual(outs.tasks, undefined, "no ECS fields");
            assert.ok(run.lines.some((l) => /TaskWaiter "scan": task t-abc123 RUNNING 25% \(running\)/.test(l)));
            assert.strictEqual(stub.calls.length, 2);
        } finally {
            stub.restore();
        }
    });

    it("fails a FAILED task with its ErrorMessage, or records it with onFailure warn", async () => {
        let stub = client.answer(bdrcApi([{ TaskStatus: "FAILED", Progress: 4000, ErrorMessage: "quota exceeded" }]));
        try {
            const run = await captureStdout(() => lifecycle.create({ service: "bdrc", taskId: "t-abc123", region: "cn-shanghai", ...FAST }));
            assert.match(
                (run.error as Error).message,
                /TaskWaiter: BDRC task t-abc123 \(UPDATE_RESOURCES "test5566"\) FAILED \(failed\), progress 40%: quota exceeded \(RequestId 14DFF801/,
            );
        } finally {
            stub.restore();
        }
        stub = client.answer(bdrcApi([{ TaskStatus: "CANCELED" }]));
        try {
            const run = await captureStdout(() => lifecycle.create({ service: "bdrc", taskId: "t-abc123", region: "cn-shanghai", onFailure: "warn", ...FAST }));
            assert.strictEqual(run.value!.outs.status, "cancelled");
            assert.match(String(run.value!.outs.failureReason), /CANCELED \(cancelled\)/);
            assert.ok(run.lines.some((l) => l.startsWith("warning: TaskWaiter: BDRC task t-abc123")));
        } finally {
            stub.restore();
        }
    });

    it("treats extra raw statuses as the user says, case-insensitively", async () => {
        const stub = client.answer(bdrcApi([{ TaskStatus: "PARTIAL_SUCCESS" }]));
        try {
            const run = await captureStdout(() =>
                lifecycle.create({ service: "bdrc", taskId: "t-abc123", region: "cn-shanghai", successStatuses: ["partial_success"], ...FAST }),
            );
            assert.strictEqual(run.value!.outs.status, "succeeded");
        } finally {
            stub.restore();
        }
    });

    it("a task that stays 404 ends as not found, naming the region", async () => {
        const stub = client.answer(() => {
            throw apiError("InvalidTaskId.NotFound", 404);
        });
        try {
            const run = await captureStdout(() =>
                lifecycle.create({ service: "bdrc", taskId: "t-nope123", region: "cn-shanghai", timeout: "10s", pollInterval: FAST.pollInterval }),
            );
            assert.match((run.error as Error).message, /BDRC task t-nope123 was not found in region cn-shanghai after 4 polls/);
        } finally {
            stub.restore();
        }
    });

    it("times out as a partial failure that update resumes on the same task", async () => {
        let stub = client.answer(bdrcApi([{ TaskStatus: "RUNNING", Progress: 100 }]));
        let error: Error & { id: string; properties: Record<string, unknown> };
        try {
            const run = await captureStdout(() => lifecycle.create({ service: "bdrc", taskId: "t-abc123", region: "cn-shanghai", ...TIMES_OUT }));
            error = run.error as typeof error;
            assert.strictEqual(error.id, "bdrc:cn-shanghai:t-abc123");
            assert.strictEqual(error.properties.status, "running");
            assert.match(error.message, /last status RUNNING \(running\), progress 1%/);
        } finally {
            stub.restore();
        }
        stub = client.answer(bdrcApi([{ TaskStatus: "COMPLETE", Progress: 10000 }]));
        try {
            const news = {
                service: "bdrc",
                taskId: "t-abc123",
                region: "cn-shanghai",
                timeout: FAST.timeout,
                onFailure: "fail",
                pollInterval: FAST.pollInterval,
            };
            assert.strictEqual((await lifecycle.diff(error.id, error.properties, news)).changes, true);
            const run = await captureStdout(() => lifecycle.update(error.id, error.properties, news));
            assert.strictEqual(run.value!.outs.status, "succeeded");
            assert.strictEqual(stub.calls[0].path, "/api/v1/tasks/t-abc123");
        } finally {
            stub.restore();
        }
    });

    it("refresh keeps the record of a task gone from the history, and updates a visible one", async () => {
        const props = {
            service: "bdrc",
            taskId: "t-abc123",
            region: "cn-shanghai",
            timeout: "30m",
            onFailure: "fail",
            status: "succeeded",
            rawStatus: "COMPLETE",
            progress: 100,
        };
        let stub = client.answer(() => {
            throw apiError("InvalidTaskId.NotFound", 404);
        });
        try {
            assert.deepStrictEqual((await lifecycle.read("id", props)).props, props);
        } finally {
            stub.restore();
        }
        stub = client.answer(bdrcApi([{ TaskStatus: "EXPIRED", Progress: 10000 }]));
        try {
            assert.strictEqual((await lifecycle.read("id", props)).props!.status, "expired");
        } finally {
            stub.restore();
        }
    });
});

describe("TaskWaiter service ecs through its plan (client stubbed)", () => {
    before(() => (lifecycle = configured()));

    it("keeps the ECS outputs: tasks, resourceId, counts and operations", async () => {
        const stub = client.answer((call) => {
            if (call.action === "DescribeTasks") {
                return {
                    RequestId: "R1",
                    TotalCount: 1,
                    TaskSet: { Task: [{ TaskId: "t-abcd1234", TaskStatus: "Finished", TaskAction: "ImportImage", ResourceId: "m-image123" }] },
                };
            }
            return {
                RequestId: "R2",
                TaskId: "t-abcd1234",
                TaskStatus: "Finished",
                TaskAction: "ImportImage",
                TaskProcess: "100%",
                TotalCount: 1,
                SuccessCount: 1,
                FailedCount: 0,
                OperationProgressSet: { OperationProgress: [{ OperationStatus: "Success" }] },
            };
        });
        try {
            const run = await captureStdout(() => lifecycle.create({ service: "ecs", taskId: "t-abcd1234", region: "cn-hangzhou", ...FAST }));
            assert.ifError(run.error);
            const { id, outs } = run.value!;
            assert.strictEqual(id, "ecs:cn-hangzhou:t-abcd1234");
            assert.strictEqual(outs.status, "succeeded");
            assert.strictEqual(outs.resourceId, "m-image123");
            assert.strictEqual(outs.successCount, 1);
            assert.strictEqual(outs.failedCount, 0);
            assert.strictEqual((outs.tasks as unknown[]).length, 1);
            assert.deepStrictEqual(outs.operations, [{ taskId: "t-abcd1234", status: "Success", relatedItems: [] }]);
            assert.strictEqual(outs.taskType, undefined, "no bdrc fields");
        } finally {
            stub.restore();
        }
    });
});
