/** The wait command's exit 3 (usage and credentials), its help, its live line, and its package bin name. */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { ManualClock, startSimulator, type Simulator } from "pulumi-alicloud-tasks/simulator";
import { finishedTask } from "../support/simulatorClock";
import { until } from "../support/wait";
import { CLI, FAST_POLL, REPO_ROOT, cleanEnv, runCli, runCommand, simulatorEnv, startCli, transcript } from "./helpers";

describe("cli: usage, credentials, progress, bin", function () {
    this.timeout(60_000);
    let sim: Simulator;
    // tasks move only when a test moves the clock
    const clock = new ManualClock();
    before(async () => (sim = await startSimulator({ clock })));
    after(async () => sim?.close());

    describe("usage errors exit 3, name the flag and the fix, and make no API call", () => {
        const cases: { args: string[]; expect: RegExp[] }[] = [
            {
                args: ["wait", "ecs", "--timeout", "5x"],
                expect: [
                    /--task-id: set one of --task-id, --task-ids, or --resource-ids with --task-action/,
                    /--timeout: "5x" is not a duration: use a number with a unit, such as "30s"/,
                ],
            },
            { args: ["wait", "ecs", "--task-id", "t-abcdef12", "--task-ids", "t-abcdef13"], expect: [/--task-ids: set only one of --task-id and --task-ids/] },
            {
                args: ["wait", "ecs", "--task-ids", "t-abcdef12,oops"],
                expect: [/--task-ids, item 2: "oops" is not an ECS task id: ECS task ids look like "t-/],
            },
            {
                args: ["wait", "ecs", "--resource-ids", "m-abcdef12"],
                expect: [/--task-action: required with resourceIds|--task-action: required with --resource-ids/],
            },
            {
                args: ["wait", "ecs", "--task-id", "t-abcdef12", "--poll-min", "5s", "--poll-max", "1s"],
                expect: [/--poll-min: --poll-min must not be longer than --poll-max/],
            },
            {
                args: ["wait", "sas", "--export-id", "abc"],
                expect: [/--export-id: "abc" is not an export id: use the positive integer Id that ExportRecord returned/],
            },
            {
                args: ["wait", "ecd"],
                expect: [/--create-task-type: set --create-task-type with --create-sub-type to start a new export, or --task-id to wait for one that exists/],
            },
            { args: ["wait", "bdrc", "--task-id", "t-0004d9ctt1ii1234", "--region", "eu-nowhere-1"], expect: [/--region: .*bdrc/] },
            { args: ["wait", "ecs", "--task-id"], expect: [/--task-id needs a value: --task-id ID/] },
            {
                args: ["wait", "ecs", "--taskid", "t-1"],
                expect: [/unknown flag --taskid for `wait ecs` \(did you mean --task-id\?\): the flags are --task-id, /],
            },
            {
                args: ["wait", "ecs", "--task-id", "t-abcdef12", "--progress", "fancy"],
                expect: [/--progress: "fancy" is not a mode: use one of auto, live, plain, none/],
            },
            { args: ["wait", "s3"], expect: [/"s3" is not a service: use one of ecs, bdrc, ecd, sas/] },
            { args: ["watch"], expect: [/unknown command "watch": the command is `wait`/] },
        ];
        for (const { args, expect } of cases) {
            it(args.join(" "), async () => {
                sim.resetStats();
                // the bdrc region case needs the real endpoint table: no endpoint override
                const env = simulatorEnv(sim, args.includes("eu-nowhere-1") ? { ALICLOUD_TASKS_ENDPOINT: "" } : {});
                const run = await runCli(args, env);
                assert.equal(run.code, 3, transcript(run));
                for (const pattern of expect) assert.match(run.stderr, pattern);
                assert.match(run.stderr, /Run `alicloud-tasks (wait \w+ )?--help`/);
                assert.equal(run.stdout, "");
                assert.equal(sim.stats().total, 0);
            });
        }

        it("no region anywhere", async () => {
            const env = simulatorEnv(sim);
            delete env.ALIBABA_CLOUD_REGION_ID;
            const run = await runCli(["wait", "ecs", "--task-id", "t-abcdef12"], env);
            assert.equal(run.code, 3, transcript(run));
            assert.match(run.stderr, /no region: pass --region, such as --region cn-hangzhou, or set ALIBABA_CLOUD_REGION_ID \(or ALICLOUD_REGION\)/);
        });
    });

    it("exits 3 without credentials, listing where they are read from", async () => {
        sim.resetStats();
        const run = await runCli(["wait", "ecs", "--task-id", "t-abcdef12", "--region", "cn-shanghai", "--endpoint", sim.url], cleanEnv());
        assert.equal(run.code, 3, transcript(run));
        assert.match(run.stderr, /No Alibaba Cloud credentials found/);
        assert.match(run.stderr, /ALIBABA_CLOUD_ACCESS_KEY_ID \/ ALIBABA_CLOUD_ACCESS_KEY_SECRET/);
        assert.match(run.stderr, /For this command: export ALIBABA_CLOUD_ACCESS_KEY_ID=<id> ALIBABA_CLOUD_ACCESS_KEY_SECRET=<secret>/);
        // the command reads no stack configuration: the list names only what it reads
        assert.doesNotMatch(run.stderr, /stack config|pulumi config|alicloud:/);
        assert.equal(sim.stats().total, 0);
    });

    it("exits 3 when the service refuses the credentials, without printing the secret", async () => {
        const task = sim.createTask({ service: "ecs", action: "ImportImage", region: "cn-shanghai", durationMs: 100, outcome: "success" });
        const run = await runCli(
            ["wait", "ecs", "--task-id", task.taskId, ...FAST_POLL],
            simulatorEnv(sim, { ALIBABA_CLOUD_ACCESS_KEY_SECRET: "not-the-simulator-secret" }),
        );
        assert.equal(run.code, 3, transcript(run));
        assert.match(run.stderr, /SignatureDoesNotMatch/);
        assert.match(run.stderr, /credentials from environment ALIBABA_CLOUD_ACCESS_KEY_ID/);
        assert.doesNotMatch(run.stdout + run.stderr, /not-the-simulator-secret/);
    });

    it("reads the ALICLOUD_* family of variables too", async () => {
        const task = finishedTask(sim, clock, { service: "ecs", action: "ImportImage", region: "cn-hangzhou", durationMs: 100, outcome: "success" });
        const env = cleanEnv({
            ALICLOUD_ACCESS_KEY: sim.credentials.accessKey.accessKeyId,
            ALICLOUD_SECRET_KEY: sim.credentials.accessKey.accessKeySecret,
            ALICLOUD_REGION: "cn-hangzhou",
            ALICLOUD_TASKS_ENDPOINT: sim.url,
        });
        const run = await runCli(["wait", "ecs", "--task-id", task.taskId, ...FAST_POLL], env);
        assert.equal(run.code, 0, transcript(run));
    });

    it("--help and --version exit 0", async () => {
        const main = await runCli(["--help"], cleanEnv());
        assert.equal(main.code, 0);
        for (const service of ["ecs", "bdrc", "ecd", "sas"]) assert.match(main.stdout, new RegExp(`alicloud-tasks wait ${service} `));
        assert.match(main.stdout, /Exit codes: 0 succeeded, 1 failed .*, 2 timed out, 3 usage or credentials error/);
        const ecs = await runCli(["wait", "ecs", "--help"], cleanEnv());
        assert.match(ecs.stdout, /--resource-ids ID,ID,\.\.\. +Wait for the newest --task-action task/);
        const sas = await runCli(["wait", "sas", "-h"], cleanEnv());
        assert.match(sas.stdout, /--show-url/);
        const version = await runCli(["--version"], cleanEnv());
        assert.equal(version.stdout.trim(), JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")).version);
    });

    it("--progress live rewrites one line in place with \\r", async () => {
        const task = sim.createTask({ service: "ecs", action: "ImportImage", region: "cn-shanghai", durationMs: 1500, outcome: "success" });
        sim.resetStats();
        const cli = startCli(["wait", "ecs", "--task-id", task.taskId, "--progress", "live", ...FAST_POLL], simulatorEnv(sim));
        // the line is redrawn on every status the command reads: hold the task running for three of them
        const polls = () => (sim.stats().calls.DescribeTasks ?? 0) + (sim.stats().calls.DescribeTaskAttribute ?? 0);
        await until(() => polls() >= 3, "three polls of the running task");
        clock.advance(1500);
        const run = await cli.done;
        assert.equal(run.code, 0, transcript(run));
        const [live, ...rest] = run.stdout.split("\n");
        assert.ok(live.split("\r").length > 2, `redrawn several times: ${JSON.stringify(live)}`);
        assert.match(live, new RegExp(`\\r\\x1b\\[2K\\[alicloud-tasks\\] wait ecs: task ${task.taskId} Finished( \\d+%)? \\(succeeded\\) after \\d+\\w*$`));
        assert.match(rest[0], /^succeeded: ECS task/);
    });

    it("draws the live line by itself when stdout is a terminal", async function () {
        if (!hasScript()) this.skip();
        const task = finishedTask(sim, clock, { service: "ecs", action: "ImportImage", region: "cn-shanghai", durationMs: 800, outcome: "success" });
        const command = [process.execPath, CLI, "wait", "ecs", "--task-id", task.taskId, ...FAST_POLL].map(shellQuote).join(" ");
        // script(1) runs the command on a pseudo-terminal (asynchronously: the simulator answers from this process)
        const run = await runCommand("script", ["-qec", command, "/dev/null"], simulatorEnv(sim));
        assert.equal(run.code, 0, transcript(run));
        // eslint-disable-next-line no-control-regex -- the live line is redrawn with an ANSI erase-line sequence
        assert.match(run.stdout, /\r\x1b\[2K\[alicloud-tasks\] wait ecs: task \S+ Finished( \d+%)? \(succeeded\)/);
    });

    it("runs by its package bin name (npx --no-install alicloud-tasks)", async () => {
        const task = finishedTask(sim, clock, { service: "ecs", action: "ImportImage", region: "cn-shanghai", durationMs: 200, outcome: "success" });
        const npx = path.join(path.dirname(process.execPath), "npx");
        const env = { ...simulatorEnv(sim), HOME: process.env.HOME ?? "", npm_config_update_notifier: "false" };
        const run = await runCommand(
            fs.existsSync(npx) ? npx : "npx",
            ["--no-install", "alicloud-tasks", "wait", "ecs", "--task-id", task.taskId, "--json", ...FAST_POLL],
            env,
        );
        assert.equal(run.code, 0, transcript(run));
        assert.equal(run.json().status, "succeeded");
    });

    it("package.json names the commands and the provider plugin, and the packed files hold them", () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { bin: Record<string, string> };
        assert.deepEqual(manifest.bin, {
            "alicloud-tasks": "bin/cli/main.js",
            "alicloud-tasks-simulator": "bin/simulator/cli.js",
            "pulumi-resource-alicloud-tasks": "bin/provider/plugin/main.js",
        });
        const packed = JSON.parse(
            execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: REPO_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }),
        ) as { files: { path: string }[] }[];
        const files = new Set(packed[0].files.map((f) => f.path));
        for (const target of Object.values(manifest.bin)) {
            assert.ok(files.has(target), `${target} is in the package`);
            assert.match(fs.readFileSync(path.join(REPO_ROOT, target), "utf8"), /^#!\/usr\/bin\/env node\n/);
        }
    });
});

function hasScript(): boolean {
    try {
        execFileSync("script", ["-qec", "true", "/dev/null"], { stdio: "ignore", timeout: 5000 });
        return true;
    } catch {
        return false;
    }
}

function shellQuote(word: string): string {
    return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}
