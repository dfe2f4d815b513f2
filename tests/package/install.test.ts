// The package as users get it: `npm pack`, installed from the tarball into a fresh Pulumi project
// outside the repository, a program there under mocks, and its serialized provider driven in
// Pulumi's provider host started in that project, against the simulator. Skips only without npm.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repositoryRoot } from "../../harness";
import { Simulator, startSimulator } from "../../simulator";
import { NO_AMBIENT_CREDENTIALS, TASK_WAITER_TYPE } from "../host/fixture";
import { PackResult, copyJavascript, mustRun, npmAvailable, parsePack, requiredPackages } from "./packed";
import type { RunnerInput, RunnerResult } from "./runner";

const PACKAGE = "pulumi-alicloud-tasks";
const PROJECT = "pkg-smoke";

/** A Pulumi program as a user would write it: top-level code, exports are the stack outputs. */
const PROGRAM = `"use strict";
const pulumi = require("@pulumi/pulumi");
const { TaskWaiter } = require("${PACKAGE}");

const config = new pulumi.Config();
const gate = new TaskWaiter("image-import", {
    service: "ecs",
    taskId: config.require("importTaskId"),
    pollInterval: { min: "100ms", max: "300ms" },
});
exports.status = gate.status;
exports.resourceId = gate.resourceId;
`;

interface Manifest {
    main: string;
    types: string;
    files: string[];
    dependencies: Record<string, string>;
    exports: Record<string, string | Record<string, string>>;
}

describe("package: npm pack, install into a fresh Pulumi project, run there", function () {
    this.timeout(600_000);
    const root = repositoryRoot();
    const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as Manifest;
    let work: string;
    let project: string;
    let tarball: string;
    let packed: PackResult;

    before(function () {
        if (!npmAvailable()) this.skip();
        work = fs.mkdtempSync(path.join(os.tmpdir(), "alicloud-tasks-package-"));
        project = path.join(work, "project");
        fs.mkdirSync(project);
    });

    after(() => {
        if (work) fs.rmSync(work, { recursive: true, force: true });
        assert.ok(!work || !fs.existsSync(work), "the temporary directory is gone");
    });

    it("npm pack: only the declared files, every export target inside, every runtime require a dependency", async () => {
        const pack = await mustRun("npm", ["pack", "--json", "--pack-destination", work], { cwd: root });
        packed = parsePack(pack.stdout);
        tarball = path.join(work, packed.filename);
        const files = packed.files.map((f) => f.path);
        console.log(
            `      npm pack: ${packed.filename}, ${kb(packed.size)} packed, ${kb(packed.unpackedSize)} unpacked, ${files.length} files (${Math.round(pack.ms)} ms)`,
        );
        const allowed = (f: string) => manifest.files.some((entry) => f === entry || f.startsWith(`${entry}/`)) || ["package.json", "LICENSE"].includes(f);
        assert.deepStrictEqual(
            files.filter((f) => !allowed(f)),
            [],
            "files outside `files`",
        );
        assert.ok(!files.some((f) => f.startsWith("bin/tests/") || f.startsWith("bin/harness/")));

        const targets = [manifest.main, manifest.types, ...exportTargets(manifest.exports)].map((t) => t.replace(/^\.\//, ""));
        for (const target of targets) assert.ok(files.includes(target), `${target} is not in the tarball`);

        const unpacked = path.join(work, "unpacked");
        fs.mkdirSync(unpacked);
        await mustRun("tar", ["-xzf", tarball, "-C", unpacked], { cwd: work });
        const required = requiredPackages(path.join(unpacked, "package", "bin"));
        required.delete(PACKAGE); // the shell requires its own lifecycle modules by package path
        const missing = [...required.keys()].filter((name) => !(name in manifest.dependencies));
        assert.deepStrictEqual(missing, [], `required at run time but not in dependencies: ${missing.map((m) => `${m} (${required.get(m)?.[0]})`).join(", ")}`);
        const unused = Object.keys(manifest.dependencies).filter((name) => !required.has(name));
        assert.deepStrictEqual(unused, [], "dependencies nothing requires");
        console.log(`      runtime requires: ${[...required.keys()].sort().join(", ")}`);
    });

    it("installs from the tarball into a fresh project outside the repository", async () => {
        assert.ok(tarball, "packed");
        const fromRoot = path.relative(root, project);
        assert.ok(fromRoot.startsWith("..") || path.isAbsolute(fromRoot), "the project is outside the repository");
        fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: PROJECT, version: "0.0.0", private: true, main: "index.js" }, null, 2));
        fs.writeFileSync(path.join(project, "Pulumi.yaml"), `name: ${PROJECT}\nruntime: nodejs\n`);
        fs.writeFileSync(path.join(project, "index.js"), PROGRAM);
        // the SDK version the repository tests with: in the npm cache already, as the package's own dependencies are
        const sdk = (JSON.parse(fs.readFileSync(require.resolve("@pulumi/pulumi/package.json"), "utf8")) as { version: string }).version;
        const install = await mustRun("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", tarball, `@pulumi/pulumi@${sdk}`], {
            cwd: project,
        });
        console.log(`      npm install --prefer-offline (tarball + @pulumi/pulumi@${sdk}): ${(install.ms / 1000).toFixed(1)} s`);
        const installed = path.join(project, "node_modules", PACKAGE);
        assert.ok(fs.lstatSync(installed).isDirectory() && !fs.lstatSync(installed).isSymbolicLink(), "a real copy, not a link");
        assert.ok(!fs.existsSync(path.join(installed, "node_modules", "@pulumi", "pulumi")), "one @pulumi/pulumi for the project and the package");
    });

    it("the exports resolve in the installed copy, and other paths are closed", async () => {
        const probe = `
            const main = require("${PACKAGE}");
            const out = {
                classes: [typeof main.TaskWaiter, typeof main.ReportExport],
                lifecycle: require.resolve("${PACKAGE}/lifecycle/taskWaiter"),
                simulator: typeof require("${PACKAGE}/simulator").startSimulator,
                version: require("${PACKAGE}/package.json").version,
            };
            try { require("${PACKAGE}/bin/provider/index.js"); out.deep = "open"; } catch (e) { out.deep = e.code; }
            console.log(JSON.stringify(out));`;
        const result = await mustRun(process.execPath, ["-e", probe], { cwd: project });
        const out = JSON.parse(result.stdout.trim().split("\n").pop()!) as Record<string, unknown>;
        assert.deepStrictEqual(out.classes, ["function", "function"]);
        assert.strictEqual(out.lifecycle, fs.realpathSync(path.join(project, "node_modules", PACKAGE, "bin", "provider", "lifecycle", "taskWaiter.js")));
        assert.strictEqual(out.simulator, "function");
        assert.strictEqual(out.version, (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string }).version);
        assert.strictEqual(out.deep, "ERR_PACKAGE_PATH_NOT_EXPORTED");
    });

    describe("a program in that project, its provider in Pulumi's host started there", () => {
        let sim: Simulator;
        before(async () => (sim = await startSimulator()));
        after(async () => sim?.close());

        it("create succeeds against the simulator; reports the serialized provider's size and the host's cold start", async () => {
            assert.ok(fs.existsSync(path.join(project, "node_modules", PACKAGE)), "installed");
            // the harness is not in the package: a copy inside the project resolves @pulumi/pulumi from there
            const harnessDir = path.join(project, "harness");
            copyJavascript(path.join(root, "bin", "harness"), harnessDir);
            fs.copyFileSync(path.join(__dirname, "runner.js"), path.join(project, "runner.js"));
            const task = sim.createTask({ service: "ecs", action: "ImportImage", durationMs: 1, outcome: "success" });
            const input: RunnerInput = {
                harnessDir,
                project: PROJECT,
                env: NO_AMBIENT_CREDENTIALS,
                secretKeys: ["alicloud:secretKey"],
                config: {
                    "alicloud:accessKey": sim.credentials.accessKey.accessKeyId,
                    "alicloud:secretKey": sim.credentials.accessKey.accessKeySecret,
                    "alicloud:region": "cn-hangzhou",
                    "alicloud-tasks:endpoint": sim.url,
                    importTaskId: task.taskId,
                },
            };
            const child = await mustRun(process.execPath, ["runner.js"], {
                cwd: project,
                env: { ...process.env, PACKAGE_RUNNER_INPUT: JSON.stringify(input) },
            });
            const line = child.stdout.split("\n").find((l) => l.startsWith("RESULT "));
            assert.ok(line, `no result from the runner:\n${child.stdout}\n${child.stderr}`);
            const result = JSON.parse(line.slice("RESULT ".length)) as RunnerResult;
            assert.ok(result.ok, result.errors.join("\n"));

            assert.strictEqual(result.type, TASK_WAITER_TYPE);
            assert.deepStrictEqual(result.outputs, { status: "succeeded", resourceId: task.resourceId });
            assert.ok((sim.stats().calls.DescribeTasks ?? 0) > 0, "the provider called the simulator");
            // everything resolves from the project; one SDK for program, package, harness and host
            const projectModules = fs.realpathSync(path.join(project, "node_modules"));
            for (const [what, file] of Object.entries(result.resolved)) assert.ok(file.startsWith(projectModules), `${what}: ${file}`);
            assert.strictEqual(new Set([result.resolved.sdkFromProject, result.resolved.sdkFromPackage, result.resolved.sdkFromHarness]).size, 1);
            // the serialized provider names the package, not a path on the machine that ran the program
            const provider = result.provider ?? "";
            assert.match(provider, /pulumi-alicloud-tasks\/lifecycle\/taskWaiter/);
            assert.ok(!provider.includes(root) && !provider.includes(work), "no absolute path baked in");
            assert.ok(!provider.includes(sim.credentials.accessKey.accessKeySecret), "no secret baked in");
            assert.ok(
                result.hostOutput.some((l) => l.includes('TaskWaiter "image-import": task')),
                "progress lines from the installed copy",
            );

            console.log(`      serialized provider (__provider): ${result.providerBytes} bytes`);
            console.log(
                `      provider host cold start: ${Math.round(result.hostStartupMs)} ms to its port, ${Math.round(result.coldStartMs ?? NaN)} ms from spawn to the first create answered`,
            );
        });
    });
});

/** Every file an `exports` map points at; a "*" pattern is checked with the lifecycle modules the shells load. */
function exportTargets(exports: Manifest["exports"]): string[] {
    return Object.values(exports).flatMap((target) => {
        const paths = typeof target === "string" ? [target] : Object.values(target);
        return paths.flatMap((p) => (p.includes("*") ? ["taskWaiter", "reportExport"].map((m) => p.replace("*", m)) : [p]));
    });
}

function kb(bytes: number): string {
    return `${(bytes / 1024).toFixed(1)} KiB`;
}
