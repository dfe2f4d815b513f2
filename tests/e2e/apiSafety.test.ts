// ApiWaiter's safety under the real engine: an answer holding a secret field (KMS SecretData) is stored
// encrypted in the state (`pulumi stack export`) though `secret` was not set, and stays so after an
// update that keeps the finished wait; a call that is not a read fails `pulumi preview` before any call;
// a failing endpoint speaks in `pulumi up` at once.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { Simulator, startSimulator } from "../../simulator";
import { assertSucceeded, diagnostics, PulumiProject, PulumiWorkspace, simulatorStackConfig } from "../../harness/pulumiCli";

const SECRET_DATA = "kms-SecretData-e2e-7f3a9c";

const secretProgram = (timeout: string) => `import { ApiWaiter } from "pulumi-alicloud-tasks";

const db = new ApiWaiter("db-secret", {
    product: "Kms", version: "2016-01-20", action: "GetSecretValue", params: { SecretName: "db" },
    acceptors: [{ state: "success", expr: "SecretData", exists: true }], timeout: "${timeout}",
});
export const answer = db.answer;
export const matched = db.matchedValue;
export const fields = db.secretFields;
`;

const STOP_PROGRAM = `import { ApiWaiter } from "pulumi-alicloud-tasks";

new ApiWaiter("stopper", {
    product: "Ecs", version: "2014-05-26", action: "StopInstance", params: { InstanceId: "i-1" },
    until: { expr: "Instances.Instance[0].Status", to: "Stopped" },
});
`;

/** The wire form of a secret in a state file: the signature key, and a ciphertext instead of the value. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

describe("e2e: ApiWaiter safe by default under the Pulumi CLI", function () {
    this.timeout(300_000);
    let ws: PulumiWorkspace;
    let sim: Simulator;
    before(async () => {
        ws = await PulumiWorkspace.create();
        sim = await startSimulator();
        sim.scriptApi({ version: "2016-01-20", action: "GetSecretValue", answers: [{ body: { SecretName: "db", SecretData: SECRET_DATA } }] });
    });
    after(async () => {
        await sim?.close();
        ws?.close();
    });

    it("stores an answer holding SecretData encrypted, without `secret`, and keeps it so through an update", async () => {
        const project = await PulumiProject.create(ws, { files: { "index.ts": secretProgram("5m") }, ...simulatorStackConfig(sim) });
        const up = assertSucceeded(await project.up());
        assert.match(diagnostics(up.events).join("\n"), /the answer holds secret fields \(SecretData\)/);
        for (const step of ["after up", "after an update of the finished wait"]) {
            const state = await project.exportState();
            assert.ok(!state.includes(SECRET_DATA), `${step}: the state holds SecretData in plain text`);
            const [waiter] = await project.stateResources("ApiWaiter");
            for (const key of ["answer", "matchedValue"]) {
                const stored = waiter.outputs?.[key] as Record<string, unknown>;
                assert.ok(stored && stored[SECRET_SIG] && typeof stored.ciphertext === "string", `${step}: ${key} is ${JSON.stringify(stored)}`);
            }
            assert.deepStrictEqual(waiter.outputs?.secretFields, ["SecretData"]);
            const outputs = await project.outputs();
            assert.deepStrictEqual([outputs.answer, outputs.matched], ["[secret]", "[secret]"], step);
            assert.strictEqual((await project.outputs(true)).matched, SECRET_DATA, "the program can still read it");
            if (step === "after up") {
                // an option changed: the engine calls update, which keeps the finished wait's outputs (handed over without their secretness)
                fs.writeFileSync(path.join(project.dir, "index.ts"), secretProgram("6m"));
                assertSucceeded(await project.up());
            }
        }
    });

    it("fails preview on a call that is not a read, naming allowNonReadAction, before any call", async () => {
        sim.resetStats();
        const project = await PulumiProject.create(ws, { files: { "index.ts": STOP_PROGRAM }, ...simulatorStackConfig(sim) });
        const preview = await project.preview();
        assert.notStrictEqual(preview.code, 0);
        assert.match(preview.stdout + preview.stderr, /"StopInstance" is not a read: ApiWaiter repeats its call on every poll.*set allowNonReadAction: true/s);
        assert.strictEqual(sim.stats().total, 0);
    });

    it("prints the first failed call of a wait at once in `pulumi up`, naming the host and until when it retries", async () => {
        const stack = simulatorStackConfig(sim);
        // nothing listens on port 1: every call is refused
        const config = { ...stack.config, "alicloud-tasks:endpoint": "http://127.0.0.1:1" };
        const program = `import { ApiWaiter } from "pulumi-alicloud-tasks";
new ApiWaiter("unreachable", { product: "Ecs", version: "2014-05-26", action: "DescribeInstances", until: { expr: "Status", to: "Running" }, timeout: "3s" });
`;
        const project = await PulumiProject.create(ws, { files: { "index.ts": program }, config, secrets: stack.secrets });
        const up = await project.up();
        assert.notStrictEqual(up.code, 0);
        const lines = diagnostics(up.events).join("\n");
        assert.match(
            lines,
            /ApiWaiter "unreachable": Ecs DescribeInstances failed: ECONNREFUSED: network error reaching 127\.0\.0\.1:1; retrying until \d\d:\d\d:\d\d UTC/,
        );
        assert.match(up.stdout + up.stderr, /No poll got an answer: fix what the last error names/);
    });
});
