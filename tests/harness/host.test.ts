// The harness's gRPC driver against Pulumi's real dynamic provider host.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { HostCallError, ProviderHost, repositoryRoot, startProviderHost, urnFor } from "../../harness";
import { doublerProvider, DOUBLER_TYPE } from "./doubler";

describe("harness: provider host over gRPC", function () {
    this.timeout(60_000);
    let host: ProviderHost;
    let provider: string;
    const seen: string[] = [];
    const urn = urnFor(DOUBLER_TYPE, "d1");

    before(async () => {
        provider = (await pulumi.runtime.serializeFunction(() => doublerProvider, { allowSecrets: true })).text;
        host = await startProviderHost({ onStdout: (line) => seen.push(line) });
        await host.configure({ "test:greeting": "hello" });
    });

    after(async () => {
        await host?.close();
    });

    it("starts the host with a port, a pid and a start-up time, and links the package", () => {
        assert.ok(host.port > 0);
        assert.ok(host.pid > 0);
        assert.ok(host.startupMs > 0 && host.readyAt > host.startedAt);
        const link = path.join(repositoryRoot(), "node_modules", "pulumi-alicloud-tasks");
        assert.strictEqual(fs.realpathSync(link), fs.realpathSync(repositoryRoot()));
        assert.deepStrictEqual(host.configuration, { "test:greeting": "hello" });
    });

    it("builds URNs as the engine does", () => {
        assert.strictEqual(urnFor("t:m:R", "n", "p", "s"), "urn:pulumi:s::p::t:m:R::n");
        assert.strictEqual(urn, `urn:pulumi:test::alicloud-tasks-test::${DOUBLER_TYPE}::d1`);
    });

    it("returns check failures per property", async () => {
        const result = await host.check(urn, {}, { __provider: provider, value: -1 });
        assert.deepStrictEqual(result.failures, [{ property: "value", reason: "must not be negative" }]);
        const ok = await host.check(urn, {}, { __provider: provider, value: 1 });
        assert.deepStrictEqual(ok.failures, []);
        assert.strictEqual(ok.inputs.__provider, provider);
    });

    it("creates, with configure's config seen by create", async () => {
        const created = await host.create(urn, { __provider: provider, value: 3 }, { timeoutSeconds: 60 });
        assert.strictEqual(created.id, "x");
        assert.strictEqual(created.properties.value, 6);
        assert.strictEqual(created.properties.greeting, "hello");
        assert.strictEqual(created.properties.__provider, provider);
    });

    it("captures the provider's stdout lines", async () => {
        await host.waitForLine("[doubler 3] creating");
        assert.ok(host.stdout.includes("[doubler 3] creating"), host.stdout.join("\n"));
        assert.ok(seen.includes("[doubler 3] creating"));
    });

    it("diffs", async () => {
        const olds = { __provider: provider, value: 3 };
        const same = await host.diff("x", urn, olds, { ...olds });
        assert.deepStrictEqual(same, { changes: "none", replaces: [], deleteBeforeReplace: false });
        const replace = await host.diff("x", urn, olds, { ...olds, value: 4, replaceOnChange: true });
        assert.deepStrictEqual(replace, { changes: "some", replaces: ["value"], deleteBeforeReplace: true });
    });

    it("updates, reads and deletes", async () => {
        const updated = await host.update("x", urn, { __provider: provider, value: 3 }, { __provider: provider, value: 5 });
        assert.strictEqual(updated.properties.value, 10);
        assert.strictEqual(updated.properties.updated, true);
        const read = await host.read("x", urn, { __provider: provider, value: 10 });
        assert.strictEqual(read.id, "x");
        assert.strictEqual(read.properties.refreshed, true);
        assert.strictEqual(read.inputs, undefined);
        await host.delete("x", urn, { __provider: provider, value: 10 });
        assert.strictEqual(await host.waitForLine("deleting x"), "[doubler] deleting x");
    });

    it("decodes a partial failure into initFailed", async () => {
        const err = await host.create(urn, { __provider: provider, value: 2, failWith: "partial" }).then(
            () => assert.fail("expected a partial failure"),
            (e: unknown) => e,
        );
        assert.ok(err instanceof HostCallError);
        assert.strictEqual(err.message, "timed out");
        assert.strictEqual(err.code, 2);
        assert.strictEqual(err.method, "create");
        assert.deepStrictEqual(err.initFailed, { id: "x", properties: { value: 2, progress: 50 }, reasons: ["timed out"] });
    });

    it("reports a plain error with its message and no initFailed", async () => {
        const err = await host.create(urn, { __provider: provider, value: 2, failWith: "error" }).catch((e: unknown) => e);
        assert.ok(err instanceof HostCallError);
        assert.strictEqual(err.message, "boom");
        assert.strictEqual(err.initFailed, undefined);
    });

    it("says so when the host process dies", async () => {
        const doomed = await startProviderHost();
        process.kill(doomed.pid, "SIGKILL");
        assert.deepStrictEqual(await doomed.exited, { code: null, signal: "SIGKILL" });
        const err = await doomed.check(urn, {}, { __provider: provider, value: 1 }).catch((e: unknown) => e);
        assert.ok(err instanceof HostCallError);
        assert.strictEqual(err.code, 14); // UNAVAILABLE
        assert.match(err.message, /provider host exited: code null, signal SIGKILL/);
    });

    it("rejects calls after kill()", async () => {
        const killed = await startProviderHost();
        killed.kill();
        await killed.exited;
        const err = await killed.check(urn, {}, { __provider: provider, value: 1 }).catch((e: unknown) => e);
        assert.ok(err instanceof HostCallError);
        assert.strictEqual(err.code, 14);
    });
});
