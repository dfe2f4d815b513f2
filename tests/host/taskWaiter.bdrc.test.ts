// TaskWaiter for Backup and Disaster Recovery Center tasks (service "bdrc": DescribeTask, an ROA API
// signed in headers) inside Pulumi's dynamic provider host over gRPC, against the simulator.
import * as assert from "assert";
import { HostCallError, ProviderHost, startProviderHost } from "../../harness";
import { taskWaiterProvider } from "../../provider/resources/taskWaiter";
import { finishTask, finishedTask, manualClock } from "../support/simulatorClock";
import { checkedInputs, FAST_POLL, Fixture, NO_AMBIENT_CREDENTIALS, serializeProvider, startFixture, TASK_WAITER_TYPE, urn } from "./fixture";

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
const REQUEST_ID = /RequestId [0-9A-F-]{36}/;
/** bdrc exists in cn-shanghai, ap-southeast-1 and cn-shanghai-finance-1 only. */
const BDRC = { service: "bdrc", region: "cn-shanghai", pollInterval: FAST_POLL };

describe("host: TaskWaiter, service bdrc", function () {
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

    const checked = (name: string, inputs: Record<string, unknown>, host: ProviderHost = fx.host) =>
        checkedInputs(host, TASK_WAITER_TYPE, provider, name, inputs);

    async function createError(name: string, inputs: Record<string, unknown>, host: ProviderHost = fx.host): Promise<HostCallError> {
        const news = await checked(name, inputs, host);
        const error = await host.create(urn(TASK_WAITER_TYPE, name), news).then(
            () => assert.fail("create should have failed"),
            (e: unknown) => e,
        );
        assert.ok(error instanceof HostCallError, String(error));
        return error;
    }

    describe("a CheckRules task that completes, through the whole lifecycle", () => {
        const name = "rules-check";
        let task: ReturnType<Fixture["sim"]["createTask"]>;
        let id: string;
        let state: Record<string, unknown>;

        it("create blocks until COMPLETE; outputs carry type, name, parsed result and detail, ISO times", async () => {
            task = fx.sim.createTask({
                service: "bdrc",
                action: "CheckRules",
                taskName: "nightly-rules",
                queuedMs: 300,
                durationMs: 1200,
                outcome: "success",
                taskDetail: { ruleIds: ["r-1", "r-2"] },
                taskResult: { checkedRuleCount: 4, riskyResourceCount: 1 },
            });
            let returned = false;
            const creating = fx.host
                .create(urn(TASK_WAITER_TYPE, name), await checked(name, { ...BDRC, taskId: task.taskId }))
                .finally(() => (returned = true));
            // held queued, then half-way, each until the provider has printed it
            await fx.host.waitForLine(`TaskWaiter "${name}": task ${task.taskId} CREATED`);
            clock.advance(300 + 600);
            await fx.host.waitForLine(`TaskWaiter "${name}": task ${task.taskId} RUNNING 50% (running)`);
            assert.strictEqual(returned, false, "create still waits while the task runs");
            clock.advance(600);
            const created = await creating;
            id = created.id;
            state = created.properties;
            assert.strictEqual(id, `bdrc:cn-shanghai:${task.taskId}`);
            assert.strictEqual(state.status, "succeeded");
            assert.strictEqual(state.rawStatus, "COMPLETE");
            assert.strictEqual(state.progress, 100, "10000 on bdrc's scale is 100%");
            assert.strictEqual(state.taskType, "CHECK_RULES");
            assert.strictEqual(state.taskName, "nightly-rules");
            assert.deepStrictEqual(state.result, { checkedRuleCount: 4, riskyResourceCount: 1 });
            assert.deepStrictEqual(state.detail, { ruleIds: ["r-1", "r-2"] });
            assert.match(String(state.startedAt), ISO);
            assert.match(String(state.finishedAt), ISO);
            assert.ok(Date.parse(String(state.startedAt)) <= Date.parse(String(state.finishedAt)));
            assert.strictEqual(state.errorMessage, undefined);
            assert.match(String(state.requestId), /^[0-9A-F-]{36}$/);
            assert.strictEqual(state.tasks, undefined, "no ECS fields");
        });

        it("progress lines name the resource and show progress on 0..100, not on bdrc's 0..10000", async () => {
            await fx.host.waitForLine(new RegExp(`TaskWaiter "${name}": task ${task.taskId} COMPLETE 100% \\(succeeded\\)`));
            const seen = fx.host.stdout
                .filter((l) => l.includes(`TaskWaiter "${name}": task ${task.taskId} `))
                .map((l) => /(CREATED|RUNNING|COMPLETE) ([\d.]+)%/.exec(l)?.slice(1, 3).join(" "))
                // a status that lasts 15 s is printed again: only the changes count here
                .filter((line, i, all) => line !== all[i - 1]);
            assert.deepStrictEqual(seen, ["CREATED 0", "RUNNING 50", "COMPLETE 100"], fx.host.stdout.join("\n"));
        });

        it("diff: wait options update in place, another task id or region replaces", async () => {
            const diff = (inputs: Record<string, unknown>) => checked(name, inputs).then((news) => fx.host.diff(id, urn(TASK_WAITER_TYPE, name), state, news));
            assert.strictEqual((await diff({ ...BDRC, taskId: task.taskId })).changes, "none");
            const longer = await diff({ ...BDRC, taskId: task.taskId, timeout: "2h" });
            assert.strictEqual(longer.changes, "some");
            assert.deepStrictEqual(longer.replaces, []);
            assert.deepStrictEqual((await diff({ ...BDRC, taskId: "t-anotherbdrctask" })).replaces, ["taskId"]);
            assert.ok((await diff({ ...BDRC, taskId: task.taskId, region: "ap-southeast-1" })).replaces.includes("region"));
        });

        it("read re-queries the task once; delete calls nothing", async () => {
            fx.sim.resetStats();
            const read = await fx.host.read(id, urn(TASK_WAITER_TYPE, name), state);
            assert.strictEqual(read.id, id);
            assert.strictEqual(read.properties.status, "succeeded");
            assert.deepStrictEqual(read.properties.result, state.result);
            assert.deepStrictEqual(fx.sim.stats().calls, { DescribeTask: 1 });
            fx.sim.resetStats();
            await fx.host.delete(id, urn(TASK_WAITER_TYPE, name), read.properties);
            assert.strictEqual(fx.sim.stats().total, 0);
        });
    });

    it("a TaskResult that is not JSON is kept as the raw string", async () => {
        const task = finishedTask(fx.sim, clock, {
            service: "bdrc",
            action: "UpdateResources",
            durationMs: 300,
            outcome: "success",
            taskResult: "updated 5 resources, 0 errors",
            taskDetail: "{not json",
        });
        const created = await fx.host.create(urn(TASK_WAITER_TYPE, "raw-result"), await checked("raw-result", { ...BDRC, taskId: task.taskId }));
        assert.strictEqual(created.properties.taskType, "UPDATE_RESOURCES");
        assert.strictEqual(created.properties.result, "updated 5 resources, 0 errors");
        assert.strictEqual(created.properties.detail, "{not json");
    });

    it("a timeout records the task mid-run (progress scaled into 0..100); update resumes on it and succeeds", async () => {
        // a third of the way, held there until create gave up
        const task = fx.sim.createTask({ service: "bdrc", action: "UpdateResources", durationMs: 3000, outcome: "success" });
        clock.advance(1000);
        const name = "slow-update";
        const error = await createError(name, { ...BDRC, taskId: task.taskId, timeout: "1s" });
        assert.ok(error.initFailed, "a partial failure");
        assert.strictEqual(error.initFailed.id, `bdrc:cn-shanghai:${task.taskId}`);
        assert.match(error.message, new RegExp(`timed out after 1s .* for BDRC task ${task.taskId}: last status RUNNING \\(running\\), progress [\\d.]+%`));
        const recorded = error.initFailed.properties;
        assert.strictEqual(recorded.status, "running");
        assert.strictEqual(recorded.progress, 33.3, "a third of the way, on 0..100");
        assert.strictEqual(recorded.finishedAt, undefined, "no completion time before the task ends");

        const news = await checked(name, { ...BDRC, taskId: task.taskId, timeout: "30s" });
        finishTask(fx.sim, clock, task.taskId);
        const diff = await fx.host.diff(error.initFailed.id, urn(TASK_WAITER_TYPE, name), { ...recorded, __provider: provider }, news);
        assert.strictEqual(diff.changes, "some");
        assert.deepStrictEqual(diff.replaces, []);
        const updated = await fx.host.update(error.initFailed.id, urn(TASK_WAITER_TYPE, name), { ...recorded, __provider: provider }, news);
        assert.strictEqual(updated.properties.status, "succeeded");
        assert.strictEqual(updated.properties.progress, 100);
        assert.strictEqual(updated.properties.failureReason, undefined);
    });

    it("FAILED fails create, naming the task, its last status and progress, ErrorMessage and RequestId", async () => {
        const task = finishedTask(fx.sim, clock, {
            service: "bdrc",
            action: "UpdateResources",
            taskName: "sync",
            durationMs: 400,
            outcome: "failed",
            errorMsg: "too many requests.",
        });
        const error = await createError("bad-update", { ...BDRC, taskId: task.taskId });
        assert.strictEqual(error.initFailed, undefined, "not recorded: nothing to resume");
        assert.match(error.message, /TaskWaiter "bad-update"/);
        assert.match(
            error.message,
            new RegExp(`BDRC task ${task.taskId} \\(UPDATE_RESOURCES "sync"\\) FAILED \\(failed\\), progress 100%: too many requests\\.`),
        );
        assert.match(error.message, REQUEST_ID);
    });

    it("CANCELED and EXPIRED fail create, each saying so", async () => {
        const cancelled = finishedTask(fx.sim, clock, { service: "bdrc", action: "CheckRules", durationMs: 300, outcome: "cancelled" });
        const expired = finishedTask(fx.sim, clock, { service: "bdrc", action: "CheckRules", durationMs: 300, outcome: "expired" });
        const [c, e] = await Promise.all([
            createError("cancelled", { ...BDRC, taskId: cancelled.taskId }),
            createError("expired", { ...BDRC, taskId: expired.taskId }),
        ]);
        assert.match(
            c.message,
            new RegExp(`TaskWaiter "cancelled": BDRC task ${cancelled.taskId} \\(CHECK_RULES [^)]*\\) CANCELED \\(cancelled\\), progress 100%`),
        );
        assert.match(c.message, REQUEST_ID);
        assert.match(
            e.message,
            new RegExp(
                `TaskWaiter "expired": BDRC task ${expired.taskId} \\(CHECK_RULES [^)]*\\) EXPIRED \\(expired\\), progress 100% \\(the task expired before it completed\\)`,
            ),
        );
    });

    it("an unknown task id ends with not-found after a few polls, not at the deadline", async () => {
        // not found after a few polls (a count, not a time): a wait for the 30m deadline would fail this test by its timeout
        const error = await createError("ghost", { ...BDRC, taskId: "t-doesnotexist0001" });
        assert.match(error.message, /TaskWaiter "ghost": BDRC task t-doesnotexist0001 was not found in region cn-shanghai after 4 polls/);
    });

    it("the ROA signature is verified: a wrong secret fails at once with SignatureDoesNotMatch", async () => {
        const wrongSecret = "not-the-bdrc-secret-0001";
        const other = await startFixture({
            config: (sim) => ({
                "alicloud:accessKey": sim.credentials.accessKey.accessKeyId,
                "alicloud:secretKey": wrongSecret,
                "alicloud:region": "cn-shanghai",
                "alicloud-tasks:endpoint": sim.url,
            }),
        });
        try {
            const task = other.sim.createTask({ service: "bdrc", action: "CheckRules", durationMs: 200, outcome: "success" });
            const error = await createError("wrong-secret", { ...BDRC, taskId: task.taskId }, other.host);
            assert.match(error.message, new RegExp(`stopped waiting for BDRC task ${task.taskId} \\(status not read yet\\)`));
            assert.match(error.message, /BDRC DescribeTask failed: SignatureDoesNotMatch: .*\(RequestId [0-9A-F-]{36}\)/s);
            assert.doesNotMatch(error.message, new RegExp(wrongSecret));
            assert.deepStrictEqual(other.sim.stats().calls, { DescribeTask: 1 }, "permanent: not retried");
            assert.deepStrictEqual(other.sim.stats().errors, { SignatureDoesNotMatch: 1 });
        } finally {
            await other.close();
        }
    });

    describe("region: bdrc has no endpoint in most regions", () => {
        let plain: ProviderHost;
        before(async () => {
            // configured as a user would be: no endpoint override
            plain = await startProviderHost({ env: NO_AMBIENT_CREDENTIALS });
            await plain.configure({ "alicloud:accessKey": "AKIDEXAMPLE0001", "alicloud:secretKey": "example-secret-0001", "alicloud:region": "cn-hangzhou" }, [
                "alicloud:secretKey",
            ]);
        });
        after(async () => plain?.close());

        it("check fails on `region` at preview time (the task id not known yet) when the region has no bdrc endpoint", async () => {
            const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"; // what the engine sends for a value not known at preview
            for (const inputs of [
                { service: "bdrc", taskId: unknown },
                { service: "bdrc", taskId: "t-0004d9ctt1ii1234", region: "cn-beijing" },
            ]) {
                const result = await plain.check(urn(TASK_WAITER_TYPE, "wrong-region"), {}, { __provider: provider, ...inputs });
                assert.deepStrictEqual(
                    result.failures.map((f) => f.property),
                    ["region"],
                    JSON.stringify(result.failures),
                );
                assert.match(
                    result.failures[0].reason,
                    /bdrc\) is offered only in cn-shanghai, ap-southeast-1, cn-shanghai-finance-1: "cn-(hangzhou|beijing)" has no bdrc endpoint/,
                );
            }
        });

        it("a bdrc region passes check", async () => {
            const result = await plain.check(
                urn(TASK_WAITER_TYPE, "right-region"),
                {},
                { __provider: provider, service: "bdrc", taskId: "t-0004d9ctt1ii1234", region: "ap-southeast-1" },
            );
            assert.deepStrictEqual(result.failures, []);
        });

        it("with an endpoint override (the fixture's simulator) any region passes check", async () => {
            const result = await fx.host.check(
                urn(TASK_WAITER_TYPE, "overridden"),
                {},
                { __provider: provider, service: "bdrc", taskId: "t-0004d9ctt1ii1234" },
            );
            assert.deepStrictEqual(result.failures, []);
            assert.strictEqual(result.inputs.region, "cn-hangzhou");
        });
    });
});
