// TaskWaiter (ECS) inside Pulumi's dynamic provider host over gRPC, against the simulator:
// configure -> check -> create -> diff -> update -> read -> delete, as the engine calls them.
import * as assert from "assert";
import { HostCallError } from "../../harness";
import { taskWaiterProvider } from "../../provider/resources/taskWaiter";
import { finishTask, finishedTask, manualClock } from "../support/simulatorClock";
import { checkedInputs, FAST_POLL, Fixture, serializeProvider, startFixture, TASK_WAITER_TYPE, urn } from "./fixture";

describe("host: TaskWaiter, service ecs", function () {
    this.timeout(60_000);
    let fx: Fixture;
    let provider: string;
    // a task stays where the test put it until the test moves the clock
    const clock = manualClock();

    before(async () => {
        fx = await startFixture({ clock });
        provider = await serializeProvider(taskWaiterProvider);
    });
    after(async () => fx?.close());

    const checked = (name: string, inputs: Record<string, unknown>) => checkedInputs(fx.host, TASK_WAITER_TYPE, provider, name, inputs);

    async function createError(name: string, inputs: Record<string, unknown>): Promise<HostCallError> {
        const news = await checked(name, inputs);
        try {
            await fx.host.create(urn(TASK_WAITER_TYPE, name), news);
        } catch (error) {
            assert.ok(error instanceof HostCallError, String(error));
            return error;
        }
        assert.fail("create should have failed");
    }

    describe("a successful image import, through the whole lifecycle", () => {
        let task: ReturnType<Fixture["sim"]["createTask"]>;
        let id: string;
        let state: Record<string, unknown>;
        const name = "image-import";

        it("check fills the region from stack config and applies defaults", async () => {
            task = fx.sim.createTask({ service: "ecs", action: "ImportImage", queuedMs: 300, durationMs: 1200, outcome: "success" });
            const inputs = await checked(name, { service: "ecs", taskId: task.taskId, pollInterval: FAST_POLL });
            assert.strictEqual(inputs.region, "cn-hangzhou");
            assert.strictEqual(inputs.timeout, "30m");
            assert.strictEqual(inputs.failOnPartialFailure, true);
            assert.strictEqual(inputs.__provider, provider);
        });

        it("create blocks until the task is Finished, then outputs carry the result", async () => {
            const inputs = await checked(name, { service: "ecs", taskId: task.taskId, pollInterval: FAST_POLL });
            let returned = false;
            const creating = fx.host.create(urn(TASK_WAITER_TYPE, name), inputs).finally(() => (returned = true));
            // held queued, then running, each until the provider has printed it
            await fx.host.waitForLine(`TaskWaiter "${name}": task ${task.taskId} Waiting (pending)`);
            clock.advance(300);
            await fx.host.waitForLine(new RegExp(`TaskWaiter "${name}": task ${task.taskId} Processing( \\d+%)? \\(running\\)`));
            assert.strictEqual(returned, false, "create still waits while the task runs");
            clock.advance(1200);
            const created = await creating;
            id = created.id;
            state = created.properties;
            assert.strictEqual(id, `ecs:cn-hangzhou:${task.taskId}`);
            assert.strictEqual(state.status, "succeeded");
            assert.strictEqual(state.rawStatus, "Finished");
            assert.strictEqual(state.progress, 100);
            assert.strictEqual(state.resourceId, task.resourceId);
            assert.strictEqual(state.successCount, 1);
            assert.strictEqual(state.failedCount, 0);
            const tasks = state.tasks as Record<string, unknown>[];
            assert.strictEqual(tasks.length, 1);
            assert.strictEqual(tasks[0].taskAction, "ImportImage");
            assert.strictEqual(tasks[0].resourceId, task.resourceId);
            assert.match(String(tasks[0].creationTime), /^\d{4}-\d\d-\d\dT\d\d:\d\dZ$/);
            assert.match(String(tasks[0].finishedTime), /^\d{4}-\d\d-\d\dT\d\d:\d\dZ$/);
            assert.strictEqual(typeof tasks[0].supportCancel, "boolean");
            assert.ok(Array.isArray(state.operations));
            assert.match(String(state.requestId), /^[0-9A-F-]{36}$/);
        });

        it("wrote progress lines naming the resource and the task, one per status, in order", async () => {
            await fx.host.waitForLine(`TaskWaiter "${name}": task ${task.taskId} Finished`);
            const statuses = fx.host.stdout
                .map((l) => new RegExp(`TaskWaiter "${name}": task ${task.taskId} (\\w+)`).exec(l)?.[1])
                .filter((status) => status !== undefined)
                // a status that lasts 15 s is printed again: only the changes count here
                .filter((status, i, all) => status !== all[i - 1]);
            assert.deepStrictEqual(statuses, ["Waiting", "Processing", "Finished"]);
        });

        it("diff: wait options update in place, what is waited on replaces", async () => {
            const same = await fx.host.diff(
                id,
                urn(TASK_WAITER_TYPE, name),
                state,
                await checked(name, { service: "ecs", taskId: task.taskId, pollInterval: FAST_POLL }),
            );
            assert.strictEqual(same.changes, "none");
            const longer = await fx.host.diff(
                id,
                urn(TASK_WAITER_TYPE, name),
                state,
                await checked(name, { service: "ecs", taskId: task.taskId, timeout: "45m", pollInterval: FAST_POLL }),
            );
            assert.strictEqual(longer.changes, "some");
            assert.deepStrictEqual(longer.replaces, []);
            const other = await fx.host.diff(
                id,
                urn(TASK_WAITER_TYPE, name),
                state,
                await checked(name, { service: "ecs", taskId: "t-someothertask1", pollInterval: FAST_POLL }),
            );
            assert.deepStrictEqual(other.replaces, ["taskId"]);
            const region = await fx.host.diff(
                id,
                urn(TASK_WAITER_TYPE, name),
                state,
                await checked(name, { service: "ecs", taskId: task.taskId, region: "cn-beijing" }),
            );
            assert.ok(region.replaces.includes("region"));
        });

        it("update of wait options keeps the result without waiting again", async () => {
            fx.sim.resetStats();
            const news = await checked(name, { service: "ecs", taskId: task.taskId, timeout: "45m", pollInterval: FAST_POLL });
            const updated = await fx.host.update(id, urn(TASK_WAITER_TYPE, name), state, news);
            assert.strictEqual(updated.properties.timeout, "45m");
            assert.strictEqual(updated.properties.status, "succeeded");
            assert.strictEqual(updated.properties.resourceId, task.resourceId);
            assert.strictEqual(fx.sim.stats().total, 0, "no API call");
            state = updated.properties;
        });

        it("read re-queries once", async () => {
            fx.sim.resetStats();
            const read = await fx.host.read(id, urn(TASK_WAITER_TYPE, name), state);
            assert.strictEqual(read.id, id);
            assert.strictEqual(read.properties.status, "succeeded");
            assert.deepStrictEqual(fx.sim.stats().calls, { DescribeTasks: 1, DescribeTaskAttribute: 1 });
        });

        it("delete is a no-op", async () => {
            fx.sim.resetStats();
            await fx.host.delete(id, urn(TASK_WAITER_TYPE, name), state);
            assert.strictEqual(fx.sim.stats().total, 0);
        });
    });

    it("a failed task fails create, naming the task, its status, progress, error code and RequestId", async () => {
        const task = finishedTask(fx.sim, clock, {
            service: "ecs",
            action: "ImportImage",
            durationMs: 500,
            outcome: "failed",
            errorCode: "ImportImage.InvalidImageFormat",
            errorMsg: "The image format is not supported.",
        });
        const error = await createError("bad-import", { service: "ecs", taskId: task.taskId, pollInterval: FAST_POLL });
        assert.strictEqual(error.initFailed, undefined, "not recorded: nothing to resume");
        assert.match(error.message, /TaskWaiter "bad-import"/);
        assert.match(error.message, new RegExp(`ECS task ${task.taskId} \\(ImportImage ${task.resourceId}\\) Failed \\(failed\\), progress \\d+%`));
        assert.match(error.message, /ImportImage\.InvalidImageFormat: The image format is not supported\./);
        assert.match(error.message, /RequestId [0-9A-F-]{36}/);
    });

    it("a Finished task with failed operations fails when failOnPartialFailure (the default)", async () => {
        const task = finishedTask(fx.sim, clock, {
            service: "ecs",
            action: "ExportImage",
            durationMs: 400,
            outcome: "partial",
            operations: 3,
            errorCode: "ExportImage.OssWriteFailed",
            errorMsg: "Could not write the object.",
        });
        const error = await createError("partial", { service: "ecs", taskId: task.taskId, pollInterval: FAST_POLL });
        assert.match(error.message, new RegExp(`ECS task ${task.taskId} \\(ExportImage [^)]*\\) Finished \\(failed\\)`));
        assert.match(error.message, /failed operations ExportImage\.OssWriteFailed: Could not write the object\./);
        // the status is decided once: the progress lines say failed too, never succeeded
        await fx.host.waitForLine(new RegExp(`TaskWaiter "partial": task ${task.taskId} Finished.* \\(failed\\)`));
        const lines = fx.host.stdout.filter((l) => l.includes('TaskWaiter "partial"'));
        assert.ok(!lines.some((l) => /succeeded/.test(l)), lines.join("\n"));
    });

    it("a partial failure is recorded as success when failOnPartialFailure is false", async () => {
        const task = finishedTask(fx.sim, clock, { service: "ecs", action: "ExportImage", durationMs: 300, outcome: "partial", operations: 3 });
        const inputs = await checked("tolerant", { service: "ecs", taskId: task.taskId, failOnPartialFailure: false, pollInterval: FAST_POLL });
        const created = await fx.host.create(urn(TASK_WAITER_TYPE, "tolerant"), inputs);
        assert.strictEqual(created.properties.status, "succeeded");
        assert.ok((created.properties.failedCount as number) > 0);
        const failedOps = (created.properties.operations as { status: string; errorCode?: string }[]).filter((o) => o.status === "Failed");
        assert.ok(failedOps.length > 0 && failedOps.every((o) => o.errorCode));
    });

    it("waits on several tasks together, and on the newest task of resources", async () => {
        const a = finishedTask(fx.sim, clock, { service: "ecs", action: "ModifyDiskSpec", durationMs: 300, outcome: "success" });
        const b = finishedTask(fx.sim, clock, { service: "ecs", action: "ModifyDiskSpec", durationMs: 800, outcome: "success" });
        const many = await fx.host.create(
            urn(TASK_WAITER_TYPE, "disks"),
            await checked("disks", { service: "ecs", taskIds: [a.taskId, b.taskId], pollInterval: FAST_POLL }),
        );
        assert.strictEqual(many.properties.status, "succeeded");
        assert.deepStrictEqual(
            (many.properties.tasks as { taskId: string }[]).map((t) => t.taskId),
            [a.taskId, b.taskId],
        );
        assert.strictEqual(many.properties.resourceId, undefined, "no single resource id for several tasks");
        const byResource = await fx.host.create(
            urn(TASK_WAITER_TYPE, "by-disk"),
            await checked("by-disk", { service: "ecs", resourceIds: [a.resourceId, b.resourceId], taskAction: "ModifyDiskSpec", pollInterval: FAST_POLL }),
        );
        assert.deepStrictEqual((byResource.properties.tasks as { taskId: string }[]).map((t) => t.taskId).sort(), [a.taskId, b.taskId].sort());
    });

    it("a timeout is a partial failure that records the task; update then resumes and succeeds without starting anything new", async () => {
        // runs until the test finishes it, after create gave up
        const task = fx.sim.createTask({ service: "ecs", action: "ImportImage", durationMs: 4000, outcome: "success" });
        const name = "slow-import";
        const inputs = await checked(name, { service: "ecs", taskId: task.taskId, timeout: "1s", pollInterval: FAST_POLL });
        let error: HostCallError | undefined;
        try {
            await fx.host.create(urn(TASK_WAITER_TYPE, name), inputs);
        } catch (e) {
            error = e as HostCallError;
        }
        assert.ok(error?.initFailed, "a partial failure");
        assert.strictEqual(error.initFailed.id, `ecs:cn-hangzhou:${task.taskId}`);
        assert.match(error.message, new RegExp(`timed out after 1s .* for ECS task ${task.taskId}: last status Processing \\(running\\)`));
        assert.match(error.message, /RequestId [0-9A-F-]{36}/);
        assert.match(error.message, /run `pulumi up` again to keep waiting/);
        const recorded = error.initFailed.properties;
        assert.strictEqual(recorded.status, "running");
        assert.deepStrictEqual(
            (recorded.tasks as { taskId: string }[]).map((t) => t.taskId),
            [task.taskId],
        );
        assert.strictEqual(recorded.__provider, undefined, "the host adds __provider only on success");

        // the next `pulumi up`: diff reports a change for the unfinished wait, the engine calls update
        const again = await checked(name, { service: "ecs", taskId: task.taskId, timeout: "30s", pollInterval: FAST_POLL });
        const diff = await fx.host.diff(error.initFailed.id, urn(TASK_WAITER_TYPE, name), { ...recorded, __provider: provider }, again);
        assert.strictEqual(diff.changes, "some");
        assert.deepStrictEqual(diff.replaces, []);
        const tasksBefore = fx.sim.stats().calls;
        finishTask(fx.sim, clock, task.taskId);
        const updated = await fx.host.update(error.initFailed.id, urn(TASK_WAITER_TYPE, name), { ...recorded, __provider: provider }, again);
        assert.strictEqual(updated.properties.status, "succeeded");
        assert.strictEqual(updated.properties.resourceId, task.resourceId);
        assert.strictEqual(updated.properties.failureReason, undefined);
        assert.ok(tasksBefore, "the waiter never creates tasks");
    });

    it("an unknown task id ends with not-found after a few polls, not at the deadline", async () => {
        const error = await createError("ghost", { service: "ecs", taskId: "t-doesnotexist0001", pollInterval: FAST_POLL });
        assert.match(error.message, /ECS task t-doesnotexist0001 was not found in region cn-hangzhou after 4 polls/);
    });

    it("bad input fails check per property, with the fix", async () => {
        const result = await fx.host.check(
            urn(TASK_WAITER_TYPE, "bad"),
            {},
            {
                __provider: provider,
                service: "ecs",
                taskIds: Array.from({ length: 101 }, (_, i) => `t-task${i}xyz`),
                resourceIds: ["m-abcd1234"],
                timeout: "forever",
            },
        );
        const byProperty = Object.fromEntries(result.failures.map((f) => [f.property, f.reason]));
        assert.match(byProperty.taskIds, /at most 100 task ids/);
        assert.match(byProperty.resourceIds ?? byProperty.taskAction, /set only one of|required with resourceIds/);
        assert.match(byProperty.timeout, /"forever" is not a duration/);
    });
});

describe("host: TaskWaiter credentials", function () {
    this.timeout(60_000);

    it("missing credentials: create fails with a message listing every source, and check still works", async () => {
        const fx = await startFixture({ config: (sim) => ({ "alicloud:region": "cn-hangzhou", "alicloud-tasks:endpoint": sim.url }) });
        try {
            const provider = await serializeProvider(taskWaiterProvider);
            const task = fx.sim.createTask({ service: "ecs", action: "ImportImage", durationMs: 100, outcome: "success" });
            const check = await fx.host.check(urn(TASK_WAITER_TYPE, "w"), {}, { __provider: provider, service: "ecs", taskId: task.taskId });
            assert.deepStrictEqual(check.failures, []);
            await assert.rejects(fx.host.create(urn(TASK_WAITER_TYPE, "w"), check.inputs), (e: Error) => {
                assert.match(e.message, /No Alibaba Cloud credentials found/);
                assert.match(e.message, /alicloud:accessKey/);
                assert.match(e.message, /ALIBABA_CLOUD_ACCESS_KEY_ID/);
                assert.match(e.message, /ALICLOUD_ACCESS_KEY/);
                return true;
            });
            assert.strictEqual(fx.sim.stats().total, 0);
        } finally {
            await fx.close();
        }
    });

    it("a wrong secret fails at once with the API's code and RequestId, and never shows the secret", async () => {
        const wrongSecret = "definitely-not-the-secret-0001";
        const fx = await startFixture({
            config: (sim) => ({
                "alicloud:accessKey": sim.credentials.accessKey.accessKeyId,
                "alicloud:secretKey": wrongSecret,
                "alicloud:region": "cn-hangzhou",
                "alicloud-tasks:endpoint": sim.url,
            }),
        });
        try {
            const provider = await serializeProvider(taskWaiterProvider);
            const task = fx.sim.createTask({ service: "ecs", action: "ImportImage", durationMs: 100, outcome: "success" });
            const check = await fx.host.check(
                urn(TASK_WAITER_TYPE, "w"),
                {},
                { __provider: provider, service: "ecs", taskId: task.taskId, pollInterval: FAST_POLL, resourceName: "w" },
            );
            await assert.rejects(fx.host.create(urn(TASK_WAITER_TYPE, "w"), check.inputs), (e: Error) => {
                assert.match(e.message, new RegExp(`stopped waiting for ECS task ${task.taskId} \\(status not read yet\\)`));
                assert.match(e.message, /ECS DescribeTasks failed: SignatureDoesNotMatch: .*\(RequestId [0-9A-F-]{36}\)/);
                assert.doesNotMatch(e.message, new RegExp(wrongSecret));
                return true;
            });
            assert.strictEqual(fx.sim.stats().calls.DescribeTasks, 1, "permanent errors are not retried");
        } finally {
            await fx.close();
        }
    });

    it("accepts STS credentials with their security token", async () => {
        const fx = await startFixture({
            config: (sim) => ({
                "alicloud:accessKey": sim.credentials.sts.accessKeyId,
                "alicloud:secretKey": sim.credentials.sts.accessKeySecret,
                "alicloud:securityToken": sim.credentials.sts.securityToken,
                "alicloud:region": "cn-hangzhou",
                "alicloud-tasks:endpoint": sim.url,
            }),
        });
        try {
            const provider = await serializeProvider(taskWaiterProvider);
            const task = fx.sim.createTask({ service: "ecs", action: "ImportImage", durationMs: 200, outcome: "success" });
            const check = await fx.host.check(
                urn(TASK_WAITER_TYPE, "sts"),
                {},
                { __provider: provider, service: "ecs", taskId: task.taskId, pollInterval: FAST_POLL },
            );
            const created = await fx.host.create(urn(TASK_WAITER_TYPE, "sts"), check.inputs);
            assert.strictEqual(created.properties.status, "succeeded");
        } finally {
            await fx.close();
        }
    });

    it("credentials from the environment when the stack config has none", async () => {
        const fx = await startFixture({
            config: (sim) => ({ "alicloud-tasks:endpoint": sim.url }),
            env: { ALICLOUD_ACCESS_KEY: "SIMULATORKEYID0001", ALICLOUD_SECRET_KEY: "simulator-secret-0001", ALICLOUD_REGION: "cn-hangzhou" },
        });
        try {
            const provider = await serializeProvider(taskWaiterProvider);
            const task = fx.sim.createTask({ service: "ecs", action: "ImportImage", durationMs: 200, outcome: "success" });
            const check = await fx.host.check(
                urn(TASK_WAITER_TYPE, "env"),
                {},
                { __provider: provider, service: "ecs", taskId: task.taskId, pollInterval: FAST_POLL },
            );
            assert.strictEqual(check.inputs.region, "cn-hangzhou");
            const created = await fx.host.create(urn(TASK_WAITER_TYPE, "env"), check.inputs);
            assert.strictEqual(created.properties.status, "succeeded");
        } finally {
            await fx.close();
        }
    });
});
