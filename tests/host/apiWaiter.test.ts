// ApiWaiter inside Pulumi's dynamic provider host over gRPC, against APIs scripted in the simulator
// on a manual clock: each answer changes only when the test moves the clock.
import * as assert from "assert";
import { HostCallError, runProgram } from "../../harness";
import { ApiWaiter } from "../../provider";
import { apiWaiterProvider } from "../../provider/resources/apiWaiter";
import { ManualClock, ScriptedAnswer } from "../../simulator";
import { API_WAITER_TYPE, FAST_POLL, Fixture, checkedInputs, serializeProvider, startFixture, urn } from "./fixture";

const ECS = { product: "Ecs", version: "2014-05-26", pollInterval: FAST_POLL };
const STATUS = "Instances.Instance[0].Status";
const instance = (status: string) => ({ body: { Instances: { Instance: [{ InstanceId: "i", Status: status }] } } });

describe("host: ApiWaiter against scripted APIs", function () {
    this.timeout(60_000);
    let fx: Fixture;
    let clock: ManualClock;
    let provider: string;

    before(async () => {
        clock = new ManualClock();
        fx = await startFixture({ simulator: { clock } });
        provider = await serializeProvider(apiWaiterProvider);
    });
    after(async () => fx?.close());

    /** DescribeInstances for one instance id answers this timeline. */
    function script(instanceId: string, answers: ScriptedAnswer[]): { calls(): number } {
        const id = fx.sim.scriptApi({
            product: "Ecs",
            version: "2014-05-26",
            action: "DescribeInstances",
            match: { InstanceIds: `["${instanceId}"]` },
            answers,
        }).id;
        return { calls: () => fx.sim.scriptedApis().find((s) => s.id === id)!.calls };
    }
    const describeInstances = (instanceId: string) => ({ ...ECS, action: "DescribeInstances", params: { InstanceIds: `["${instanceId}"]` } });
    const checked = (name: string, inputs: Record<string, unknown>) => checkedInputs(fx.host, API_WAITER_TYPE, provider, name, inputs);
    async function failure(call: Promise<unknown>): Promise<HostCallError> {
        const error = await call.then(
            () => assert.fail("the call should have failed"),
            (e: unknown) => e,
        );
        assert.ok(error instanceof HostCallError, String(error));
        return error;
    }

    it("waits through a retry acceptor (NotFound while the instance appears) to success, recording the match and every input", async () => {
        script("i-appears", [
            { error: { code: "InvalidInstanceId.NotFound", status: 404 } },
            { atMs: 1000, ...instance("Starting") },
            { atMs: 2000, ...instance("Running") },
        ]);
        const name = "instance-running";
        const inputs = {
            ...describeInstances("i-appears"),
            acceptors: [{ state: "retry", errorCode: "InvalidInstanceId.*" }],
            until: { expr: STATUS, to: "running" },
        };
        const created = fx.host.create(urn(API_WAITER_TYPE, name), await checked(name, inputs));
        await fx.host.waitForLine(`ApiWaiter "${name}": task Ecs DescribeInstances InvalidInstanceId.NotFound (running)`);
        clock.advance(1000);
        await fx.host.waitForLine(`ApiWaiter "${name}": task Ecs DescribeInstances Starting (running)`);
        clock.advance(1000);
        const { id, properties } = await created;
        assert.match(id, /^api:cn-hangzhou:Ecs:DescribeInstances:[0-9a-f]{8}$/);
        assert.strictEqual(properties.status, "succeeded");
        assert.strictEqual(properties.matchedValue, "Running", "compared case-insensitively");
        assert.strictEqual(properties.matchedAcceptor, 1, "until comes after the acceptors");
        assert.match(String(properties.reason), /acceptor 1 \(success\) matched: Instances\.Instance\[0\]\.Status is "Running"/);
        assert.deepStrictEqual(properties.answer, { RequestId: properties.requestId, Instances: { Instance: [{ InstanceId: "i", Status: "Running" }] } });
        assert.strictEqual(typeof properties.waitedSeconds, "number");
        assert.deepStrictEqual(
            [properties.product, properties.action, properties.mode, properties.region],
            ["Ecs", "DescribeInstances", "wait", "cn-hangzhou"],
        );
    });

    it("ends at once on a failure acceptor, naming the matched value (a Cloud Assistant invocation that failed)", async () => {
        fx.sim.scriptApi({
            version: "2014-05-26",
            action: "DescribeInvocations",
            match: { InvokeId: "t-failing" },
            answers: [
                { body: { Invocations: { Invocation: [{ InvocationStatus: "Running" }] } } },
                { atMs: 1000, body: { Invocations: { Invocation: [{ InvocationStatus: "Failed" }] } } },
            ],
        });
        const name = "command-finished";
        const expr = "Invocations.Invocation[0].InvocationStatus";
        const inputs = {
            ...ECS,
            action: "DescribeInvocations",
            params: { InvokeId: "t-failing" },
            acceptors: [
                { state: "success", expr, equals: "Finished" },
                { state: "failure", expr, equals: ["Failed", "Stopped", "PartialFailed"] },
            ],
        };
        const created = failure(fx.host.create(urn(API_WAITER_TYPE, name), await checked(name, inputs)));
        await fx.host.waitForLine(`ApiWaiter "${name}": task Ecs DescribeInvocations Running (running)`);
        clock.advance(1000);
        const error = await created;
        assert.match(
            error.message,
            /ApiWaiter "command-finished": Ecs DescribeInvocations: acceptor 1 \(failure\) matched: Invocations\.Invocation\[0\]\.InvocationStatus is "Failed"/,
        );
        assert.strictEqual(error.initFailed, undefined, "a failure is not resumed");
    });

    it("fails fast on a permanent API error no acceptor expects, after one call", async () => {
        const api = script("i-forbidden", [
            { error: { code: "Forbidden.RAM", status: 403, message: "User not authorized to operate on the specified resource." } },
        ]);
        const name = "no-permission";
        const error = await failure(
            fx.host.create(urn(API_WAITER_TYPE, name), await checked(name, { ...describeInstances("i-forbidden"), until: { expr: STATUS, to: "Running" } })),
        );
        assert.match(
            error.message,
            /answered Forbidden\.RAM: User not authorized .* no acceptor expects it .*add \{"state": "retry", "errorCode": "Forbidden\.RAM"\} to the acceptors/,
        );
        assert.strictEqual(api.calls(), 1);
    });

    it("times out as a partial failure that the next `pulumi up` resumes", async () => {
        script("i-slow", [instance("Starting"), { atMs: 60_000, ...instance("Running") }]);
        const name = "slow-instance";
        const inputs = await checked(name, { ...describeInstances("i-slow"), until: { expr: STATUS, to: "Running" }, timeout: "1s" });
        const error = await failure(fx.host.create(urn(API_WAITER_TYPE, name), inputs));
        const recorded = error.initFailed;
        assert.ok(recorded, error.message);
        assert.strictEqual(recorded.properties.status, "running");
        assert.match(error.message, /no acceptor ended the wait within 1s \(last answer: no acceptor matched: Instances\.Instance\[0\]\.Status is "Starting"/);
        assert.match(error.message, /run `pulumi up` again to keep waiting/);
        const diff = await fx.host.diff(recorded.id, urn(API_WAITER_TYPE, name), recorded.properties, inputs);
        assert.deepStrictEqual([diff.changes, diff.replaces], ["some", []], "unfinished: update resumes");
        clock.advance(60_000);
        const updated = await fx.host.update(recorded.id, urn(API_WAITER_TYPE, name), recorded.properties, inputs);
        assert.strictEqual(updated.properties.status, "succeeded");
    });

    it("check mode: evaluated on every up (diff always changes) and refresh; onFailure fail fails them once the condition stops holding", async () => {
        script("i-checked", [instance("Running"), { atMs: 5000, ...instance("Stopped") }]);
        const name = "still-running";
        const inputs = await checked(name, { ...describeInstances("i-checked"), mode: "check", until: { expr: STATUS, to: "Running" } });
        const created = await fx.host.create(urn(API_WAITER_TYPE, name), inputs);
        assert.strictEqual(created.properties.status, "succeeded");
        const diff = await fx.host.diff(created.id, urn(API_WAITER_TYPE, name), created.properties, inputs);
        assert.deepStrictEqual([diff.changes, diff.replaces], ["some", []], "every run updates, nothing is replaced");
        const kept = await fx.host.read(created.id, urn(API_WAITER_TYPE, name), created.properties);
        assert.strictEqual(kept.properties.status, "succeeded", "refresh evaluates it again");
        clock.advance(5000);
        const up = await failure(fx.host.update(created.id, urn(API_WAITER_TYPE, name), created.properties, inputs));
        assert.match(
            up.message,
            /ApiWaiter "still-running": Ecs DescribeInstances: no acceptor matched: Instances\.Instance\[0\]\.Status is "Stopped", success needs equals "Running"/,
        );
        const refresh = await failure(fx.host.read(created.id, urn(API_WAITER_TYPE, name), created.properties));
        assert.match(refresh.message, /is "Stopped"/);
    });

    it("check mode with onFailure warn: recorded as failed with a warning, and a secret answer stays out of messages", async () => {
        script("i-warned", [instance("Stopped")]);
        const name = "warned";
        const inputs = await checked(name, {
            ...describeInstances("i-warned"),
            mode: "check",
            onFailure: "warn",
            secret: true,
            until: { expr: STATUS, to: "Running" },
        });
        const created = await fx.host.create(urn(API_WAITER_TYPE, name), inputs);
        assert.strictEqual(created.properties.status, "failed");
        assert.match(String(created.properties.reason), /Instances\.Instance\[0\]\.Status is \(secret\)/);
        const line = await fx.host.waitForLine(/warning: ApiWaiter "warned": /);
        assert.ok(!line.includes("Stopped"), line);
        const refreshed = await fx.host.read(created.id, urn(API_WAITER_TYPE, name), created.properties);
        assert.strictEqual(refreshed.properties.status, "failed");
    });

    it("the resource class marks answer and matchedValue secret with secret: true (a program under mocks, created in the host)", async () => {
        script("i-secret", [instance("Running")]);
        const run = await runProgram(
            () => {
                const waiter = new ApiWaiter("secret-answer", { ...describeInstances("i-secret"), secret: true, until: { expr: STATUS, to: "Running" } });
                return { answer: waiter.answer, status: waiter.status };
            },
            { host: fx.host, config: fx.config },
        );
        assert.ok(run.ok, run.errors.map((e) => e.message).join("\n"));
        const record = run.resource("secret-answer", API_WAITER_TYPE);
        assert.deepStrictEqual(record.options?.additionalSecretOutputs, ["answer", "matchedValue"]);
        assert.ok(record.secretOutputs.includes("answer"), record.secretOutputs.join(","));
        assert.ok(run.secretOutputs.includes("answer") && !run.secretOutputs.includes("status"), run.secretOutputs.join(","));
    });

    it("check reports each bad property with the fix, JMESPath syntax included", async () => {
        const result = await fx.host.check(
            urn(API_WAITER_TYPE, "bad"),
            {},
            {
                __provider: provider,
                version: "2014-05-26",
                action: "DescribeInstances",
                path: "/x",
                acceptors: [
                    { state: "success", expr: "Instances.Instance[0", equals: "Running" },
                    { state: "failure", equals: "x" },
                    { state: "retry", expr: "a", errorCode: "X" },
                ],
                progress: "nosuch(a)",
            },
        );
        const byProperty = Object.fromEntries(result.failures.map((f) => [f.property, f.reason]));
        assert.match(byProperty["acceptors[0].expr"], /is not a JMESPath expression \(syntax error: .*\): fix it/);
        assert.match(byProperty["acceptors[1].expr"], /required with equals/);
        assert.match(byProperty["acceptors[2].expr"], /an errorCode acceptor looks at the error, not the answer: remove expr/);
        assert.match(byProperty.progress, /unknown function nosuch\(\)/);
        assert.match(byProperty.path, /set only one of action \(an RPC API\) and path \(a ROA API\)/);
        assert.match(byProperty.product, /set product/);
    });
});
