import * as assert from "assert";
import { recordedEnd } from "../../../provider/lifecycle/pulumi";
import { taskWaiterLifecycle } from "../../../provider/lifecycle/taskWaiter";
import { RecordedCall, StubClient, captureStdout, testRuntime } from "../../support/clientStub";

/** A deadline the failed task's first answer comes well before; the other task never ends. */
const WAIT = { timeout: "2s", pollInterval: { min: "100ms", max: "100ms" } };

/** ECS tasks that stay where they are: t-failed has failed, t-running runs on. */
function ecsApi(call: RecordedCall): unknown {
    const status = (id: string) => (id === "t-failed" ? "Failed" : "Processing");
    const task = (id: string) => ({ TaskId: id, TaskStatus: status(id), TaskAction: "ImportImage", CreationTime: "2024-01-01T00:00:00Z" });
    if (call.action === "DescribeTasks") {
        const ids = String(call.params.TaskIds ?? "").split(",");
        return { RequestId: "R-list", TotalCount: ids.length, TaskSet: { Task: ids.map(task) } };
    }
    const id = String(call.params.TaskId);
    return { RequestId: "R-attr", ...task(id), FailedCount: id === "t-failed" ? 1 : 0, TotalCount: 1, SuccessCount: 0 };
}

const client = new StubClient();

describe("TaskWaiter service ecs (client stubbed)", () => {
    it("one task failed while another still runs at the deadline: failed, not a timeout to resume", async () => {
        const lifecycle = taskWaiterLifecycle(testRuntime(client));
        const stub = client.answer(ecsApi);
        try {
            const inputs = { service: "ecs", taskIds: ["t-running", "t-failed"], region: "cn-hangzhou", resourceName: "pair", ...WAIT };
            const failing = await captureStdout(() => lifecycle.create(inputs));
            assert.ok(failing.error instanceof Error, "the deployment fails");
            assert.match(failing.error.message, /t-failed/);
            assert.doesNotMatch(failing.error.message, /timed out|again to keep waiting/, "a certain failure is not a timeout");

            const warned = await captureStdout(() => lifecycle.create({ ...inputs, onFailure: "warn" }));
            assert.ifError(warned.error);
            const outs = warned.value!.outs;
            assert.strictEqual(outs.status, "failed");
            assert.doesNotMatch(String(outs.failureReason), /timed out|again to keep waiting/);
            // what was recorded says the same as the outcome: finished, so the next up neither resumes nor waits again
            assert.strictEqual(recordedEnd(outs), "finished");
            const checked = await lifecycle.check!(outs, { ...inputs, onFailure: "warn" });
            const diff = await lifecycle.diff!("ecs:cn-hangzhou:pair", outs, checked.inputs!);
            assert.strictEqual(diff.changes, false);
        } finally {
            stub.restore();
        }
    });
});
