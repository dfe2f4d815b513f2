/** The stand-alone simulator: node bin/simulator/cli.js. */
import { strict as assert } from "node:assert";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import { createServer, type Server } from "node:net";
import * as path from "node:path";
import { createInterface } from "node:readline";
import RPCClient = require("@alicloud/pop-core");
import { PortUnavailableError, SIMULATOR_ACCESS_KEY, startSimulator } from "../../simulator";
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

/** A port held by this process for the test: another simulator cannot have it. */
function holdPort(): Promise<{ port: number; server: Server }> {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => resolve({ port: (server.address() as { port: number }).port, server }));
    });
}

/** A usage error exits at once; the timeout only stops a CLI that wrongly started serving. */
function usage(args: string[]) {
    return spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", timeout: 30_000 });
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

    it("reads flags as before its own parser: = values, grouped short switches, and each mistake with its fix", () => {
        for (const [args, message] of [
            [["--port=-1"], /--port: "-1" is not a port: use 0\.\.65535/],
            [["--port", "-1"], /--port: "-1" is not a port/],
            [["--port"], /--port needs a value: --port N/],
            [["--port", "--speed", "5"], /--port needs a value: --port N/],
            [["--port", "1", "--port", "2"], /--port is given twice: give it once/],
            [["--manual-clock=yes"], /--manual-clock takes no value: write --manual-clock alone/],
            [["--manual-clock", "--manual-clock"], /--manual-clock is given twice/],
            [["extra"], /unexpected argument "extra": every value follows its flag, as in --port extra/],
            [["--"], /unexpected "--": alicloud-tasks-simulator takes flags only/],
            [["-hx"], /unknown flag -x for alicloud-tasks-simulator: the flags are --port, --speed, --manual-clock, --help/],
            [["--sped", "2"], /unknown flag --sped .*\(did you mean --speed\?\)/],
        ] as const) {
            const run = usage([...args]);
            assert.equal(run.status, 3, args.join(" "));
            assert.match(run.stderr, message, args.join(" "));
            assert.match(run.stderr, /Run `alicloud-tasks-simulator --help` for usage\./);
        }
        for (const args of [["-h"], ["--port", "x", "--help"]]) {
            const run = usage(args);
            assert.equal(run.status, 0, args.join(" "));
            assert.match(run.stdout, /^alicloud-tasks-simulator: a fake Alibaba Cloud/);
        }
    });

    it("loads no module of the wait command: its parser is its own", () => {
        const folder = path.dirname(CLI);
        const seen = new Set<string>();
        const visit = (file: string): void => {
            if (seen.has(file)) return;
            seen.add(file);
            for (const [, spec] of fs.readFileSync(file, "utf8").matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
                const target = path.resolve(path.dirname(file), spec);
                assert.equal(path.dirname(target), folder, `${path.basename(file)} requires ${spec}, outside the simulator`);
                visit(`${target}.js`);
            }
        };
        visit(CLI);
        assert.ok(seen.has(path.join(folder, "cliArgs.js")), "the walk reached the parser");
    });

    it("a port in use: exit 1 naming the port, and --port 0 for a free one", async () => {
        const { port, server } = await holdPort();
        try {
            const run = usage(["--port", String(port)]);
            assert.equal(run.status, 1);
            assert.equal(run.stdout, "");
            assert.equal(
                run.stderr,
                `alicloud-tasks-simulator: port ${port} is in use (EADDRINUSE): choose another with --port N, or --port 0 for any free port (the first line printed is the URL)\n`,
            );
        } finally {
            server.close();
        }
    });

    it("startSimulator on a port in use rejects with PortUnavailableError naming the port and port 0", async () => {
        const { port, server } = await holdPort();
        try {
            await assert.rejects(startSimulator({ port }), (err: unknown) => {
                assert.ok(err instanceof PortUnavailableError);
                assert.deepEqual([err.port, err.code], [port, "EADDRINUSE"]);
                assert.equal(err.message, `port ${port} on 127.0.0.1 is in use by another process (EADDRINUSE): give another port, or port 0 for any free one`);
                return true;
            });
        } finally {
            server.close();
        }
    });

    it("answers --help with its usage on stdout and exit 0", () => {
        const run = spawnSync(process.execPath, [CLI, "--help"], { encoding: "utf8" });
        assert.equal(run.status, 0, run.stderr);
        assert.match(run.stdout, /Usage: alicloud-tasks-simulator \[--port N\] \[--speed X \| --manual-clock\]/);
        assert.equal(run.stderr, "");
    });
});
