/** The stand-alone simulator: node bin/simulator/cli.js. */
import { strict as assert } from "node:assert";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import { createInterface } from "node:readline";
import RPCClient = require("@alicloud/pop-core");
import { SIMULATOR_ACCESS_KEY } from "../../simulator";
import { ECS_API_VERSION, postJson } from "./helpers";

const CLI = path.resolve(__dirname, "../../simulator/cli.js");

function firstLines(child: ChildProcess, count: number): Promise<string[]> {
    return new Promise((resolve, reject) => {
        const lines: string[] = [];
        const reader = createInterface({ input: child.stdout! });
        reader.on("line", (line) => {
            lines.push(line);
            if (lines.length === count) {
                reader.close();
                resolve(lines);
            }
        });
        child.once("exit", (code) => reject(new Error(`the CLI exited (${code}) before printing ${count} lines`)));
    });
}

function exitCode(child: ChildProcess): Promise<number | null> {
    return new Promise((resolve) => {
        if (child.exitCode !== null) resolve(child.exitCode);
        else child.once("exit", (code) => resolve(code));
    });
}

describe("simulator: CLI", () => {
    let child: ChildProcess | undefined;
    afterEach(() => {
        if (child && child.exitCode === null) child.kill("SIGKILL");
    });

    it("prints its URL first, serves the API, and exits cleanly on SIGTERM", async () => {
        child = spawn(process.execPath, [CLI, "--port", "0", "--speed", "60"], { stdio: ["ignore", "pipe", "inherit"] });
        const [url, info] = await firstLines(child, 2);
        assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
        assert.match(info, /SIMULATORKEYID0001/);
        assert.match(info, /\/__sim\/tasks/);

        // 60 times faster than real time: ten simulated hours are ten real minutes, still running when asked
        const task = (await postJson(url, "/__sim/tasks", { service: "ecs", action: "ImportImage", durationMs: 36_000_000, outcome: "success" })).json();
        const client = new RPCClient({ endpoint: url, apiVersion: ECS_API_VERSION, ...SIMULATOR_ACCESS_KEY, opts: { timeout: 30_000 } });
        const res = await client.request<{ TaskStatus: string }>("DescribeTaskAttribute", { RegionId: "cn-hangzhou", TaskId: task.taskId });
        assert.equal(res.TaskStatus, "Processing");

        child.kill("SIGTERM");
        assert.equal(await exitCode(child), 0);
    });

    it("exits cleanly on SIGINT with a fixed port given as --port=N", async () => {
        const probe = spawn(process.execPath, [CLI], { stdio: ["ignore", "pipe", "inherit"] });
        const [anyUrl] = await firstLines(probe, 1);
        probe.kill("SIGINT");
        assert.equal(await exitCode(probe), 0);
        const port = Number(new URL(anyUrl).port);

        child = spawn(process.execPath, [CLI, `--port=${port}`], { stdio: ["ignore", "pipe", "inherit"] });
        const [url] = await firstLines(child, 1);
        assert.equal(url, `http://127.0.0.1:${port}`);
        child.kill("SIGINT");
        assert.equal(await exitCode(child), 0);
    });

    it("runs on a manual clock that POST /__sim/clock/advance moves", async () => {
        child = spawn(process.execPath, [CLI, "--manual-clock"], { stdio: ["ignore", "pipe", "inherit"] });
        const [url, info] = await firstLines(child, 2);
        assert.match(info, /manual clock/);
        const task = (await postJson(url, "/__sim/tasks", { service: "ecs", action: "ImportImage", durationMs: 600_000, outcome: "success" })).json();
        const client = new RPCClient({ endpoint: url, apiVersion: ECS_API_VERSION, ...SIMULATOR_ACCESS_KEY, opts: { timeout: 30_000 } });
        const status = async () =>
            (await client.request<{ TaskStatus: string }>("DescribeTaskAttribute", { RegionId: "cn-hangzhou", TaskId: task.taskId })).TaskStatus;
        assert.equal(await status(), "Processing");
        assert.equal((await postJson(url, "/__sim/clock/advance", { ms: 600_000 })).status, 200);
        assert.equal(await status(), "Finished");
        child.kill("SIGTERM");
        assert.equal(await exitCode(child), 0);
    });

    it("refuses bad arguments with the usage exit code of alicloud-tasks (3), suggesting the flag meant", async () => {
        child = spawn(process.execPath, [CLI, "--speed", "fast"], { stdio: ["ignore", "pipe", "pipe"] });
        assert.equal(await exitCode(child), 3);
        child = spawn(process.execPath, [CLI, "--manual-clock", "--speed", "5"], { stdio: ["ignore", "pipe", "pipe"] });
        assert.equal(await exitCode(child), 3);
        const run = spawnSync(process.execPath, [CLI, "--manualclock"], { encoding: "utf8" });
        assert.equal(run.status, 3);
        assert.match(run.stderr, /unknown flag --manualclock .*\(did you mean --manual-clock\?\)/);
    });

    it("answers --help with its usage on stdout and exit 0", () => {
        const run = spawnSync(process.execPath, [CLI, "--help"], { encoding: "utf8" });
        assert.equal(run.status, 0, run.stderr);
        assert.match(run.stdout, /Usage: alicloud-tasks-simulator \[--port N\] \[--speed X \| --manual-clock\]/);
        assert.equal(run.stderr, "");
    });
});
