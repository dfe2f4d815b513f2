// runProgram: a Pulumi program under mocks, its dynamic resources checked and created in the real provider host.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { CheckFailedError, HostCallError, ProgramRun, ProviderHost, runProgram, startProviderHost } from "../../harness";
import { Doubler, DOUBLER_TYPE } from "./doubler";

const CONSUMER_TYPE = "test:index:Consumer";

/** A plain (mocked) resource, standing in for e.g. an alicloud resource that consumes a task's output. */
class Consumer extends pulumi.CustomResource {
    constructor(name: string, args: { doubled: pulumi.Input<number>; taskId: string }) {
        super(CONSUMER_TYPE, name, args);
    }
}

/** A program like a user's: a dynamic resource, and a plain resource consuming its output. */
function doublerProgram(value: pulumi.Input<number>) {
    return () => {
        const config = new pulumi.Config();
        const doubler = new Doubler("doubler", { value });
        const consumer = new Consumer("consumer", { doubled: doubler.value, taskId: config.require("importTaskId") });
        return { doubled: doubler.value, token: doubler.token, taskId: config.require("importTaskId"), consumerId: consumer.id };
    };
}

describe("harness: runProgram", function () {
    this.timeout(60_000);
    let host: ProviderHost;
    const created: string[] = [];
    const config = { importTaskId: "t-123", "test:greeting": "hi" };

    before(async () => {
        host = await startProviderHost();
    });

    after(async () => {
        await host?.close();
    });

    let first: ProgramRun;

    it("creates dynamic resources in the host and feeds their outputs to consumers", async () => {
        first = await runProgram(doublerProgram(21), { host, config, onDynamicCreate: (r) => created.push(r.name) });
        assert.deepStrictEqual(first.errors, []);
        assert.ok(first.ok);
        const doubler = first.resource("doubler", DOUBLER_TYPE);
        assert.strictEqual(doubler.id, "x");
        assert.ok(doubler.dynamic);
        assert.deepStrictEqual(doubler.inputs, { value: 21 });
        assert.deepStrictEqual(doubler.outputs, { value: 42, greeting: "hi", token: "token-21" });
        assert.match(doubler.provider ?? "", /exports\.handler/);
        assert.strictEqual(doubler.urn, `urn:pulumi:test::alicloud-tasks-test::${DOUBLER_TYPE}::doubler`);
        const consumer = first.resource("consumer");
        assert.deepStrictEqual(consumer.inputs, { doubled: 42, taskId: "t-123" });
        assert.strictEqual(consumer.id, "consumer-id");
        assert.deepStrictEqual(created, ["doubler"]);
    });

    it("configures the host with the program's config and makes it readable by the program", () => {
        assert.deepStrictEqual(host.configuration, { "alicloud-tasks-test:importTaskId": "t-123", "test:greeting": "hi" });
        assert.deepStrictEqual(first.outputs, { doubled: 42, token: "token-21", taskId: "t-123", consumerId: "consumer-id" });
    });

    it("applies additionalSecretOutputs as the engine does, and records the options", () => {
        const doubler = first.resource("doubler");
        assert.deepStrictEqual(doubler.options?.additionalSecretOutputs, ["token"]);
        assert.deepStrictEqual(doubler.secretOutputs, ["token"]);
        assert.deepStrictEqual(first.secretOutputs, ["token"]);
    });

    it("captures the provider's progress lines", async () => {
        await host.waitForLine("[doubler 21] creating");
    });

    it("runs again in the same process, isolated from the first run", async () => {
        const second = await runProgram(doublerProgram(5), { host, config: { importTaskId: "t-456" }, stack: "second" });
        assert.ok(second.ok, second.errors.map((e) => e.message).join("\n"));
        assert.deepStrictEqual(
            second.resources.map((r) => r.name),
            ["doubler", "consumer"],
        );
        assert.deepStrictEqual(second.outputs, { doubled: 10, token: "token-5", taskId: "t-456", consumerId: "consumer-id" });
        assert.strictEqual(second.resource("doubler").urn, `urn:pulumi:second::alicloud-tasks-test::${DOUBLER_TYPE}::doubler`);
        assert.strictEqual(first.resources.length, 2);
    });

    it("keeps a secret input secret in the outputs of the same name", async () => {
        const run = await runProgram(doublerProgram(pulumi.secret(3)), { host, config });
        assert.ok(run.ok, run.errors.map((e) => e.message).join("\n"));
        const doubler = run.resource("doubler");
        assert.deepStrictEqual(doubler.secretInputs, ["value"]);
        assert.deepStrictEqual(doubler.secretOutputs.sort(), ["token", "value"]);
        assert.deepStrictEqual(run.secretOutputs.sort(), ["doubled", "token"]);
        assert.deepStrictEqual(run.resource("consumer").secretInputs, ["doubled"]);
    });

    it("reads a dynamic resource the program gets by id", async () => {
        const run = await runProgram(
            () => {
                new Doubler("existing", { value: 4 }, { id: "x-existing" });
            },
            { host },
        );
        assert.ok(run.ok, run.errors.map((e) => e.message).join("\n"));
        const existing = run.resource("existing");
        assert.strictEqual(existing.id, "x-existing");
        assert.deepStrictEqual(existing.outputs, { value: 4, refreshed: true });
    });

    it("gives the program secret config as secrets", async () => {
        const run = await runProgram(() => ({ apiKey: new pulumi.Config().requireSecret("apiKey") }), {
            host,
            config: { apiKey: "k-1" },
            secretKeys: ["apiKey"],
        });
        assert.deepStrictEqual(run.outputs, { apiKey: "k-1" });
        assert.deepStrictEqual(run.secretOutputs, ["apiKey"]);
    });

    it("reports a program that throws", async () => {
        const run = await runProgram(
            () => {
                throw new Error("bad program");
            },
            { host },
        );
        assert.strictEqual(run.ok, false);
        assert.strictEqual(run.error?.message, "bad program");
    });

    it("reports check failures as the resource's registration error, without crashing", async () => {
        const run = await runProgram(doublerProgram(-1), { host, config });
        assert.strictEqual(run.ok, false);
        const error = run.resource("doubler").error;
        assert.ok(error instanceof CheckFailedError);
        assert.deepStrictEqual(error.failures, [{ property: "value", reason: "must not be negative" }]);
        assert.match(run.error?.message ?? "", /value: must not be negative/);
        assert.strictEqual(run.outputs, undefined);
    });

    it("records a partial failure with its id and outputs", async () => {
        const run = await runProgram(
            () => {
                new Doubler("slow", { value: 2, failWith: "partial" });
            },
            { host, config },
        );
        assert.strictEqual(run.ok, false);
        const slow = run.resource("slow");
        assert.ok(slow.error instanceof HostCallError);
        assert.deepStrictEqual(slow.error.initFailed?.reasons, ["timed out"]);
        assert.strictEqual(slow.id, "x");
        assert.deepStrictEqual(slow.outputs, { value: 2, progress: 50 });
        assert.ok(run.errors.some((e) => /timed out/.test(e.message)));
    });

    it("rejects with throwOnError", async () => {
        await assert.rejects(
            runProgram(() => new Doubler("bad", { value: 1, failWith: "error" }), { host, config, throwOnError: true }),
            /boom/,
        );
    });

    it("still works after failed runs", async () => {
        const run = await runProgram(doublerProgram(1), { host, config });
        assert.ok(run.ok, run.errors.map((e) => e.message).join("\n"));
        assert.strictEqual((run.outputs as { doubled: number }).doubled, 2);
    });
});
