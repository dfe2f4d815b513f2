/**
 * `alicloud-tasks wait api` refusing what ApiWaiter refuses (a call that is not a read, unless asked; never
 * in --check), taking --endpoint as its synopsis says (alone, a URL or a bare host; plain http only to this
 * machine), and keeping an answer's secret fields out of --json.
 */
import { strict as assert } from "node:assert";
import { startSimulator, type Simulator } from "pulumi-alicloud-tasks/simulator";
import { FAST_POLL, runCli, simulatorEnv, transcript } from "./helpers";

const VERSION = ["--version", "2014-05-26"];
const UNTIL = ["--until", "Instances.Instance[0].Status", "--to", "Running"];

describe("cli: wait api, safe by default", function () {
    this.timeout(60_000);
    let sim: Simulator;
    before(async () => {
        sim = await startSimulator();
    });
    after(async () => sim?.close());

    it("refuses an action that is not a read, naming --allow-non-read-action, and never runs one with --check", async () => {
        sim.resetStats();
        const stop = ["wait", "api", "--product", "Ecs", ...VERSION, "--action", "StopInstance", "--param", "InstanceId=i-1", ...UNTIL];
        const refused = await runCli(stop, simulatorEnv(sim));
        assert.equal(refused.code, 3, transcript(refused));
        assert.match(refused.stderr, /--action: "StopInstance" is not a read: ApiWaiter repeats its call on every poll.*set --allow-non-read-action/s);
        const checked = await runCli([...stop, "--allow-non-read-action", "--check"], simulatorEnv(sim));
        assert.equal(checked.code, 3, transcript(checked));
        assert.match(checked.stderr, /"StopInstance" is not a read, and --check calls only reads/);
        assert.equal(sim.stats().total, 0, "nothing was sent");
    });

    it("takes --endpoint alone (no --product), says when it is plain http to this machine, and refuses plain http elsewhere", async () => {
        sim.scriptApi({ version: "2014-05-26", action: "DescribeInstances", answers: [{ body: { Instances: { Instance: [{ Status: "Running" }] } } }] });
        const env = simulatorEnv(sim, { ALICLOUD_TASKS_ENDPOINT: "" });
        const run = await runCli(["wait", "api", "--endpoint", sim.url, ...VERSION, "--action", "DescribeInstances", ...UNTIL, ...FAST_POLL], env);
        assert.equal(run.code, 0, transcript(run));
        assert.match(run.stderr, /--endpoint http:\/\/127\.0\.0\.1:\d+: plain http, allowed because it is this machine/);
        const remote = await runCli(["wait", "api", "--endpoint", "http://10.1.2.3:8080", ...VERSION, "--action", "DescribeInstances", ...UNTIL], env);
        assert.equal(remote.code, 3, transcript(remote));
        assert.match(
            remote.stderr,
            /--endpoint: "http:\/\/10\.1\.2\.3:8080" is plain http to another machine: the signature, the AccessKeyId and the STS token would cross the network in clear/,
        );
        // a bare host is https: accepted as an endpoint (the run stops at the missing --until, before any call)
        const bare = await runCli(["wait", "api", "--endpoint", "ecs.cn-shanghai.aliyuncs.com", ...VERSION, "--action", "DescribeInstances"], env);
        assert.equal(bare.code, 3, transcript(bare));
        assert.doesNotMatch(bare.stderr, /--endpoint|--product/);
        assert.match(bare.stderr, /add a success acceptor/);
    });

    it("shows a secret field's values as (secret) in --json and warns, without --secret", async () => {
        const secret = "kms-secret-data-0042";
        sim.scriptApi({ version: "2016-01-20", action: "GetSecretValue", answers: [{ body: { SecretName: "db", SecretData: secret } }] });
        const run = await runCli(
            [
                "wait",
                "api",
                "--product",
                "Kms",
                "--version",
                "2016-01-20",
                "--action",
                "GetSecretValue",
                "--until",
                "SecretName",
                "--to",
                "db",
                "--json",
                ...FAST_POLL,
            ],
            simulatorEnv(sim),
        );
        assert.equal(run.code, 0, transcript(run));
        assert.equal(run.json().answer, "(secret)");
        assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret), transcript(run));
        assert.match(run.stderr, /the answer holds secret fields \(SecretData\)/);
    });
});
