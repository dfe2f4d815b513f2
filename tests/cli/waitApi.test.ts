/**
 * `alicloud-tasks wait api` as a CI step runs it, against APIs scripted in the simulator on a manual
 * clock; and the hints the command prints, pasted into a shell as they are.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ManualClock, startSimulator, type Simulator } from "pulumi-alicloud-tasks/simulator";
import { CLI, FAST_POLL, runCli, runCommand, simulatorEnv, transcript } from "./helpers";

const ECS = ["--product", "Ecs", "--version", "2014-05-26", "--action", "DescribeInstances"];
const UNTIL_RUNNING = ["--until", "Instances.Instance[0].Status", "--to", "Running"];
const instance = (status: string) => ({ body: { Instances: { Instance: [{ Status: status }] } } });

describe("cli: wait api", function () {
    this.timeout(60_000);
    let sim: Simulator;
    let clock: ManualClock;
    let work: string;
    before(async () => {
        clock = new ManualClock();
        sim = await startSimulator({ clock });
        work = fs.mkdtempSync(path.join(os.tmpdir(), "wait-api-"));
        // `alicloud-tasks` on PATH, as a package install puts it, for pasting hints into a shell
        fs.writeFileSync(path.join(work, "alicloud-tasks"), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`, { mode: 0o755 });
    });
    after(async () => {
        await sim?.close();
        fs.rmSync(work, { recursive: true, force: true });
    });

    const script = (id: string, answers: object[]) =>
        sim.scriptApi({ version: "2014-05-26", action: "DescribeInstances", match: { InstanceIds: `["${id}"]` }, answers } as Parameters<
            Simulator["scriptApi"]
        >[0]);
    const param = (id: string) => ["--param", `InstanceIds=["${id}"]`];
    /** A hint run in the next CI step's shell: credentials still exported, region and endpoint not. */
    const paste = (hint: string, env: Record<string, string>) =>
        runCommand("/bin/sh", ["-c", hint], { ...env, ALIBABA_CLOUD_REGION_ID: "", ALICLOUD_TASKS_ENDPOINT: "", PATH: `${work}:${env.PATH}` });

    it("exits 0 when the value is reached, and --json prints the record with the answer", async () => {
        script("i-cli-run", [instance("running")]);
        const run = await runCli(["wait", "api", ...ECS, ...param("i-cli-run"), ...UNTIL_RUNNING, ...FAST_POLL, "--json"], simulatorEnv(sim));
        assert.equal(run.code, 0, transcript(run));
        const record = run.json();
        assert.equal(record.status, "succeeded");
        assert.equal(record.matchedValue, "running");
        assert.deepEqual((record.answer as { Instances: unknown }).Instances, { Instance: [{ Status: "running" }] });
        assert.equal(record.region, "cn-shanghai");
    });

    it("exits 1 on a failure acceptor from an --acceptors file, naming the value", async () => {
        script("i-cli-failed", [instance("Stopped")]);
        const file = path.join(work, "acceptors.json");
        const expr = "Instances.Instance[0].Status";
        fs.writeFileSync(
            file,
            JSON.stringify([
                { state: "success", expr, equals: "Running" },
                { state: "failure", expr, equals: ["Stopped", "Deleted"] },
            ]),
        );
        const run = await runCli(["wait", "api", ...ECS, ...param("i-cli-failed"), "--acceptors", file, ...FAST_POLL], simulatorEnv(sim));
        assert.equal(run.code, 1, transcript(run));
        assert.match(run.stderr, /wait api: Ecs DescribeInstances: acceptor 1 \(failure\) matched: Instances\.Instance\[0\]\.Status is "Stopped"/);
    });

    it("--check exits 1 at once when the condition does not hold; a permanent API error exits 1 after one call", async () => {
        script("i-cli-check", [instance("Stopped")]);
        const check = await runCli(["wait", "api", ...ECS, ...param("i-cli-check"), ...UNTIL_RUNNING, "--check"], simulatorEnv(sim));
        assert.equal(check.code, 1, transcript(check));
        assert.match(check.stderr, /no acceptor matched: Instances\.Instance\[0\]\.Status is "Stopped", success needs equals "Running"/);
        const denied = script("i-cli-denied", [{ error: { code: "InvalidParameter", message: "The specified parameter is not valid." } }]);
        const run = await runCli(["wait", "api", ...ECS, ...param("i-cli-denied"), ...UNTIL_RUNNING], simulatorEnv(sim));
        assert.equal(run.code, 1, transcript(run));
        assert.match(run.stderr, /answered InvalidParameter: The specified parameter is not valid\./);
        assert.equal(sim.scriptedApis().find((s) => s.id === denied.id)?.calls, 1);
    });

    it("exits 2 on timeout with a command that, pasted into a shell, keeps waiting (region and endpoint included)", async () => {
        script("i-cli-slow", [instance("Starting"), { atMs: 60_000, ...instance("Running") }]);
        const env = simulatorEnv(sim);
        const first = await runCli(["wait", "api", ...ECS, ...param("i-cli-slow"), ...UNTIL_RUNNING, "--timeout", "2s", ...FAST_POLL], env);
        assert.equal(first.code, 2, transcript(first));
        const hint = /To keep waiting \(or with a longer --timeout\): (alicloud-tasks wait api .*)$/m.exec(first.stderr)?.[1];
        assert.ok(hint, first.stderr);
        assert.match(hint, / --region cn-shanghai --endpoint http:\/\/127\.0\.0\.1:\d+$/, "what came from the environment is spelled out");
        clock.advance(60_000);
        const pasted = await paste(hint, env);
        assert.equal(pasted.code, 0, transcript(pasted));
        assert.match(pasted.stdout, /succeeded: Ecs DescribeInstances: acceptor 0 \(success\) matched/);
    });

    it("a Security Center export that timed out names the export with --region and --endpoint, ready to paste", async () => {
        sim.setTaskTemplate("sas", { queuedMs: 0, durationMs: 3_600_000, outcome: "success" });
        const env = simulatorEnv(sim);
        const run = await runCli(["wait", "sas", "--create-export-type", "exportHcWarning", "--timeout", "2s", ...FAST_POLL], env);
        assert.equal(run.code, 2, transcript(run));
        const hint = /To keep waiting on this export: (alicloud-tasks wait sas --export-id \d+ .*)$/m.exec(run.stderr)?.[1];
        assert.ok(hint, run.stderr);
        assert.ok(!hint.includes("--create-export-type"), "it waits on the export, never starts another");
        assert.match(hint, /--region cn-shanghai --endpoint http:\/\/127\.0\.0\.1:\d+/);
        clock.advance(3_600_000);
        const pasted = await paste(hint, env);
        assert.equal(pasted.code, 0, transcript(pasted));
    });

    it("usage mistakes exit 3 naming the flag: a JMESPath typo, a --param without =", async () => {
        const typo = await runCli(["wait", "api", ...ECS, "--until", "Instances.Instance[0", "--to", "Running"], simulatorEnv(sim));
        assert.equal(typo.code, 3, transcript(typo));
        assert.match(typo.stderr, /--until: "Instances\.Instance\[0" is not a JMESPath expression \(syntax error: /);
        const param = await runCli(["wait", "api", ...ECS, "--param", "InstanceIds", ...UNTIL_RUNNING], simulatorEnv(sim));
        assert.equal(param.code, 3, transcript(param));
        assert.match(param.stderr, /--param: "InstanceIds" is not KEY=VALUE/);
    });
});
