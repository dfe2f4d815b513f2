/**
 * What a newcomer meets first with the wait command: calling it bare, mistyping a service, a list
 * flag with a repeat, an endpoint variable without its scheme, a check that does not hold, an
 * action that does not exist. Each answer says what is wrong and the fix, with the right exit code.
 */
import { strict as assert } from "node:assert";
import { ManualClock, startSimulator, type Simulator } from "pulumi-alicloud-tasks/simulator";
import { FAST_POLL, cleanEnv, runCli, simulatorEnv, transcript } from "./helpers";

const ECS = ["--product", "Ecs", "--version", "2014-05-26"];

describe("cli: a newcomer's first mistakes", function () {
    this.timeout(60_000);
    let sim: Simulator;
    before(async () => (sim = await startSimulator({ clock: new ManualClock() })));
    after(async () => sim?.close());

    it("no arguments: the usage on stderr and exit 3, as the exit-code table says of a usage error (--help stays exit 0)", async () => {
        const bare = await runCli([], cleanEnv());
        assert.equal(bare.code, 3, transcript(bare));
        assert.equal(bare.stdout, "");
        assert.match(bare.stderr, /^alicloud-tasks: wait for Alibaba Cloud asynchronous tasks/);
        assert.match(bare.stderr, /alicloud-tasks: no command given: the command is `wait`, as in `alicloud-tasks wait ecs --task-id t-\.\.\.`\n$/);
        const noService = await runCli(["wait"], cleanEnv());
        assert.equal(noService.code, 3, transcript(noService));
        assert.match(noService.stderr, /no service given: use one of ecs, bdrc, ecd, sas, api/);
        const help = await runCli(["--help"], cleanEnv());
        assert.equal(help.code, 0, transcript(help));
        assert.equal(help.stderr, "");
    });

    for (const [typed, meant] of [
        ["esc", "ecs"],
        ["ECS", "ecs"],
        ["Bdrc", "bdrc"],
        ["edc", "ecd"],
    ]) {
        it(`a mistyped service gets a "did you mean": ${typed} -> ${meant}`, async () => {
            const run = await runCli(["wait", typed, "--task-id", "t-abcdef12"], cleanEnv());
            assert.equal(run.code, 3, transcript(run));
            assert.match(
                run.stderr,
                new RegExp(
                    `"${typed}" is not a service \\(did you mean ${meant}\\?\\): use one of ecs, bdrc, ecd, sas, api, as in \`alicloud-tasks wait ${meant} --help\``,
                ),
            );
        });
    }

    it("a service far from any gets no guess", async () => {
        const run = await runCli(["wait", "s3"], cleanEnv());
        assert.equal(run.code, 3, transcript(run));
        assert.doesNotMatch(run.stderr, /did you mean/);
    });

    it("--task-ids with a repeat counts both positions from 1", async () => {
        const run = await runCli(["wait", "ecs", "--task-ids", "t-abcdef12,t-abcdef13,t-abcdef12"], simulatorEnv(sim));
        assert.equal(run.code, 3, transcript(run));
        assert.match(run.stderr, /--task-ids, item 3: "t-abcdef12" is listed twice \(also at item 1\): list each task once/);
        assert.doesNotMatch(run.stderr, /\[0\]/);
    });

    it("the help's ECS line names every task action, ArchiveSnapshot included", async () => {
        const run = await runCli(["--help"], cleanEnv());
        assert.match(run.stdout, /ecs {3}Wait for ECS tasks \(ImportImage, ExportImage, RedeployInstance, ModifyDiskSpec, ArchiveSnapshot\)\./);
    });

    for (const source of ["ALICLOUD_TASKS_ENDPOINT", "--endpoint"]) {
        it(`an endpoint on this machine without its scheme (${source}) is a usage error that gives the URL to use, before any call`, async () => {
            sim.resetStats();
            const host = sim.url.replace(/^http:\/\//, "");
            const args = ["wait", "ecs", "--task-id", "t-abcdef12", ...(source === "--endpoint" ? ["--endpoint", host] : [])];
            const run = await runCli(args, simulatorEnv(sim, { ALICLOUD_TASKS_ENDPOINT: source === "--endpoint" ? "" : host }));
            assert.equal(run.code, 3, transcript(run));
            assert.match(
                run.stderr,
                new RegExp(`${source}: "${host}" has no scheme, so https would be used: a simulator on this machine serves plain http, write http://${host}`),
            );
            assert.doesNotMatch(run.stderr, /could not be made/);
            assert.equal(sim.stats().total, 0);
        });
    }

    it("a check that does not hold shows the answer as failed, not running", async () => {
        sim.scriptApi({
            version: "2014-05-26",
            action: "DescribeInstances",
            match: { InstanceIds: '["i-newcomer"]' },
            answers: [{ body: { Instances: { Instance: [{ Status: "Running" }] } } }],
        } as Parameters<Simulator["scriptApi"]>[0]);
        const args = ["wait", "api", ...ECS, "--action", "DescribeInstances", "--param", 'InstanceIds=["i-newcomer"]'];
        const run = await runCli([...args, "--until", "Instances.Instance[0].Status", "--to", "Stopped", "--check", "--progress", "plain"], simulatorEnv(sim));
        assert.equal(run.code, 1, transcript(run));
        assert.match(run.stdout, /wait api: task Ecs DescribeInstances Running \(failed\)/);
        assert.doesNotMatch(run.stdout + run.stderr, /\(running\)/);
        assert.match(run.stderr, /no acceptor matched: Instances\.Instance\[0\]\.Status is "Running", success needs equals "Stopped"/);
    });

    it("an action the API does not have: fix the call, no advice to retry it", async () => {
        const args = ["wait", "api", ...ECS, "--action", "DescribeNoSuchThing", "--until", "Status", "--to", "Running", ...FAST_POLL];
        const run = await runCli(args, simulatorEnv(sim));
        assert.equal(run.code, 1, transcript(run));
        assert.match(run.stderr, /the API answered InvalidAction\.NotFound: .* no acceptor expects it \(the call itself is wrong: check the action or path/);
        assert.doesNotMatch(run.stderr, /retry/);
    });
});
