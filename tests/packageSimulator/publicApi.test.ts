/**
 * The simulator as a product: `pulumi-alicloud-tasks/simulator` resolved by package name (the
 * exports map, as in a user's project), with types, depending on nothing but node's built-ins;
 * a user's stack run against it; its `alicloud-tasks-simulator` bin.
 */
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import { builtinModules } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { createInterface } from "node:readline";
import * as ts from "typescript";
import { startSimulator, type Simulator } from "pulumi-alicloud-tasks/simulator";
import { ProviderHost, repositoryRoot, runProgram, startProviderHost } from "../../harness";

const ROOT = repositoryRoot();
const USER_STACK = path.join(ROOT, "tests", "packageSimulator", "user-stack");

describe("package: pulumi-alicloud-tasks/simulator", function () {
    this.timeout(60_000);

    it("resolves by package name through the exports map to the built entry", () => {
        assert.equal(fs.realpathSync(require.resolve("pulumi-alicloud-tasks/simulator")), path.join(ROOT, "bin", "simulator", "index.js"));
    });

    it("depends on node's built-in modules only (code and types)", () => {
        const dir = path.join(ROOT, "bin", "simulator");
        const builtins = new Set(builtinModules);
        // a module outside the folder (the command-line parser both commands share) must need nothing outside node either
        const seen = new Set<string>();
        const check = (file: string) => {
            if (seen.has(file)) return;
            seen.add(file);
            const text = fs.readFileSync(file, "utf8");
            const specifiers = [...text.matchAll(/(?:require\(|from |import\()"([^"]+)"/g)].map((m) => m[1]);
            for (const spec of specifiers) {
                if (spec.startsWith("../")) {
                    const target = path.resolve(path.dirname(file), spec);
                    assert.ok(
                        target.startsWith(path.join(ROOT, "bin", "cli") + path.sep),
                        `${file} imports ${JSON.stringify(spec)}: outside the package's commands`,
                    );
                    check(`${target}${file.endsWith(".d.ts") ? ".d.ts" : ".js"}`);
                    continue;
                }
                const ok = spec.startsWith("./") || spec.startsWith("node:") || builtins.has(spec);
                assert.ok(ok, `${path.relative(ROOT, file)} imports ${JSON.stringify(spec)}: the simulator must need nothing outside node`);
            }
        };
        for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".js") || f.endsWith(".d.ts"))) check(path.join(dir, file));
    });

    it("type-checks in a user's project (node16 resolution: the exports map's types condition)", () => {
        const consumer = consumerProject();
        try {
            const spec = path.join(consumer, "test", "stack.spec.ts");
            const options: ts.CompilerOptions = {
                module: ts.ModuleKind.Node16,
                moduleResolution: ts.ModuleResolutionKind.Node16,
                target: ts.ScriptTarget.ES2022,
                strict: true,
                noEmit: true,
                skipLibCheck: true,
                types: ["node", "mocha"],
            };
            const resolved = ts.resolveModuleName("pulumi-alicloud-tasks/simulator", spec, options, ts.sys).resolvedModule;
            assert.equal(resolved && fs.realpathSync(resolved.resolvedFileName), path.join(ROOT, "bin", "simulator", "index.d.ts"));
            assertCompiles([path.join(consumer, "index.ts"), spec], options);
            // the simulator's own declarations, fully checked, with node's types and nothing else
            const alone = path.join(consumer, "simulator-only.ts");
            fs.writeFileSync(
                alone,
                'import { startSimulator, ManualClock } from "pulumi-alicloud-tasks/simulator";\nexport const start = () => startSimulator({ clock: new ManualClock() });\n',
            );
            assertCompiles([alone], { ...options, skipLibCheck: false, types: ["node"] });
        } finally {
            fs.rmSync(consumer, { recursive: true, force: true });
        }
    });

    describe("a user's stack against it (the README's program, in Pulumi's provider host)", () => {
        let sim: Simulator;
        let host: ProviderHost;
        before(async () => {
            sim = await startSimulator({ speed: 10 });
            // as the README's test sets them: the endpoint override and the fake key pair, in the environment
            host = await startProviderHost({
                env: {
                    ALICLOUD_TASKS_ENDPOINT: sim.url,
                    ALIBABA_CLOUD_ACCESS_KEY_ID: sim.credentials.accessKey.accessKeyId,
                    ALIBABA_CLOUD_ACCESS_KEY_SECRET: sim.credentials.accessKey.accessKeySecret,
                    ALIBABA_CLOUD_REGION_ID: "cn-hangzhou",
                },
            });
        });
        after(async () => {
            await host?.close();
            await sim?.close();
        });
        afterEach(() => sim.faults.clear());

        it("reports the imported image once the import finished, through throttled polls", async () => {
            const task = sim.createTask({ service: "ecs", action: "ImportImage", region: "cn-hangzhou", durationMs: 20_000, outcome: "success" });
            sim.faults.add({ action: "DescribeTasks", first: 2, fault: { kind: "throttle", retryAfterMs: 500 } });
            sim.resetStats();
            const run = await runProgram(userProgram(), { host, config: { importTaskId: task.taskId } });
            assert.ok(run.ok, run.errors.map((e) => e.message).join("\n"));
            const outputs = run.outputs as Record<string, unknown>;
            assert.equal(outputs.importStatus, "succeeded");
            assert.equal(outputs.imageId, task.resourceId);
            assert.equal(sim.stats().faults.throttle, 2);
            assert.ok(sim.stats().calls.DescribeTasks >= 3, JSON.stringify(sim.stats()));
        });

        it("fails the deployment when the import fails, with the task's error code", async () => {
            const task = sim.createTask({
                service: "ecs",
                action: "ImportImage",
                region: "cn-hangzhou",
                durationMs: 5_000,
                outcome: "failed",
                errorCode: "ImportImage.InvalidFormat",
                errorMsg: "The image format is not supported.",
            });
            const run = await runProgram(userProgram(), { host, config: { importTaskId: task.taskId } });
            assert.ok(!run.ok);
            assert.match(run.errors.map((e) => e.message).join("\n"), /ImportImage\.InvalidFormat/);
        });
    });

    it("runs as `alicloud-tasks-simulator --port N` by its bin name", async () => {
        const npx = path.join(path.dirname(process.execPath), "npx");
        // its own process group, so that npx and the simulator under it stop together
        const child = spawn(fs.existsSync(npx) ? npx : "npx", ["--no-install", "alicloud-tasks-simulator", "--port", "0"], {
            cwd: ROOT,
            detached: true,
            stdio: ["ignore", "pipe", "ignore"],
        });
        try {
            const url = await firstLine(child.stdout!);
            assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
            const stats = (await (await fetch(`${url}/__sim/stats`)).json()) as { total: number };
            assert.equal(stats.total, 0);
        } finally {
            process.kill(-child.pid!, "SIGTERM");
        }
    });
});

/** The README's user project, outside this repository: the package and the SDK linked into its node_modules. */
function consumerProject(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "alicloud-tasks-consumer-"));
    fs.mkdirSync(path.join(dir, "node_modules", "@types"), { recursive: true });
    fs.mkdirSync(path.join(dir, "test"));
    fs.symlinkSync(ROOT, path.join(dir, "node_modules", "pulumi-alicloud-tasks"), "dir");
    fs.symlinkSync(path.join(ROOT, "node_modules", "@pulumi"), path.join(dir, "node_modules", "@pulumi"), "dir");
    for (const types of ["node", "mocha"])
        fs.symlinkSync(path.join(ROOT, "node_modules", "@types", types), path.join(dir, "node_modules", "@types", types), "dir");
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "image-gate", private: true }));
    fs.copyFileSync(path.join(USER_STACK, "index.ts"), path.join(dir, "index.ts"));
    fs.copyFileSync(path.join(USER_STACK, "test", "stack.spec.ts"), path.join(dir, "test", "stack.spec.ts"));
    return dir;
}

function assertCompiles(files: string[], options: ts.CompilerOptions): void {
    const diagnostics = ts.getPreEmitDiagnostics(ts.createProgram(files, options));
    const text = ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => ROOT, getNewLine: () => "\n" });
    assert.equal(diagnostics.length, 0, text);
}

/** The compiled user program, loaded afresh for each run as the language host would run it. */
function userProgram(): () => unknown {
    const entry = require.resolve("./user-stack/index");
    return () => {
        delete require.cache[entry];
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- a program is loaded afresh each run, as the language host runs it
        return { ...require(entry) };
    };
}

function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
    return new Promise((resolve, reject) => {
        const reader = createInterface({ input: stream });
        reader.once("line", (line) => {
            resolve(line);
            reader.close();
        });
        reader.once("close", () => reject(new Error("no output")));
    });
}
