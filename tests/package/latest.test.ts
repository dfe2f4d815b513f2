// A fresh `pulumi new typescript` project with the newest SDK, then `npm install <tarball>`: one
// SDK, tsc clean with the template's tsconfig (and the older one, and as an ESM project), the
// hover text a user sees, the user's mocks test, and the program run with its provider in
// Pulumi's provider host started in that project, against the simulator. The checks start as soon
// as the project is installed, while the rest of the suite runs (lab.ts); the tests assert.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { TASK_WAITER_TYPE } from "../host/fixture";
import { hostRun, hoverText, kib, mocksTest, sdkCopies, typecheck } from "./checks";
import { background, closePackageSimulator, directorySize, formatSteps, foreground, packageLab, packageSimulator, run } from "./lab";

const PACKAGE = "pulumi-alicloud-tasks";
const lab = packageLab();
const project = lab.latest;
const tscOf = (dir: string) => path.join(dir, "node_modules", "typescript", "bin", "tsc");

// compiling emits the programs that the mocks tests and the host run load
const compiled = background(async () => {
    const { dir } = await project;
    const [current, legacy, esm] = await Promise.all([
        typecheck(dir, "tsconfig.json", tscOf(dir)),
        typecheck(dir, "tsconfig.legacy.json", tscOf(dir)),
        typecheck(path.join(dir, "esm"), "tsconfig.json", tscOf(dir)),
    ]);
    return { current, legacy, esm, version: (await run(process.execPath, [tscOf(dir), "--version"], dir)).stdout.trim() };
});
const hovers = background(async () => {
    const { dir } = await project;
    return { input: await hoverText(dir, "index.ts", "taskId: config"), output: await hoverText(dir, "index.ts", "region;") };
});
const npmLs = background(async () => (await run("npm", ["ls", "@pulumi/pulumi", "--all", "--parseable"], (await project).dir)).stdout);
const packageSize = background(async () => directorySize(path.join((await project).dir, "node_modules", PACKAGE)));
const exportsProbe = background(async () => {
    const probe = `
        const sdk = new Set((require("@pulumi/pulumi"), Object.keys(require.cache)));
        const main = require("${PACKAGE}");
        // what the program's import loads beyond the SDK: the resource classes only, none of the provider's libraries
        const programLoads = [...new Set(Object.keys(require.cache).filter((f) => !sdk.has(f)).map((f) => (/node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/](?!.*node_modules)/.exec(f) || [])[1]).filter(Boolean))];
        const out = {
            programLoads,
            testing: typeof require("${PACKAGE}/testing").mockWaiter,
            classes: [typeof main.TaskWaiter, typeof main.ReportExport],
            statuses: main.TASK_STATUSES,
            lifecycle: ["taskWaiter", "reportExport"].map((m) => require.resolve("${PACKAGE}/lifecycle/" + m)),
            simulator: typeof require("${PACKAGE}/simulator").startSimulator,
        };
        try { require("${PACKAGE}/bin/provider/index.js"); out.deep = "open"; } catch (e) { out.deep = e.code; }
        console.log(JSON.stringify(out));`;
    const result = await run(process.execPath, ["-e", probe], (await project).dir);
    return JSON.parse(result.stdout.trim().split("\n").pop()!) as Record<string, unknown>;
});
const mocks = background(async () => {
    const { dir } = await project;
    await compiled;
    return { commonjs: await mocksTest(dir, "mocks-test.js"), esm: await mocksTest(path.join(dir, "esm"), "mocks-test.mjs") };
});
const hosted = background(async () => {
    const { dir } = await project;
    await compiled;
    const sim = await packageSimulator();
    const task = sim.createTask({ service: "ecs", action: "ImportImage", durationMs: 1, outcome: "success" });
    const result = await hostRun(dir, { sim, importTaskId: task.taskId });
    return { result, task, calls: sim.stats().calls.DescribeTasks ?? 0, secret: sim.credentials.accessKey.accessKeySecret };
});

after(closePackageSimulator);

describe("package: installed from the tarball into a fresh `pulumi new typescript` project (newest SDK)", function () {
    this.timeout(600_000);
    before(foreground);

    before(async () => console.log(`      ${formatSteps((await project).steps)}`));

    it("is a real copy outside the repository, sharing the project's one SDK (npm ls)", async () => {
        const { dir, sdk, sizeBefore, sizeAfter } = await project;
        const installed = path.join(dir, "node_modules", PACKAGE);
        assert.ok(fs.lstatSync(installed).isDirectory() && !fs.lstatSync(installed).isSymbolicLink(), "a real copy, not a link");
        assert.ok(path.relative(lab.root, dir).startsWith(".."), "outside the repository");
        assert.deepStrictEqual(sdkCopies(dir), [{ dir: "node_modules/@pulumi/pulumi", version: sdk }]);
        assert.deepStrictEqual((await npmLs).trim().split("\n"), [path.join(fs.realpathSync(dir), "node_modules", "@pulumi", "pulumi")]);
        console.log(
            `      install size: +${kib(sizeAfter! - sizeBefore!)} in node_modules (${kib(await packageSize)} the package itself; ${kib(sizeBefore!)} before); @pulumi/pulumi copies: 1`,
        );
    });

    it("tsc: 0 errors with the template's tsconfig (no skipLibCheck, no esModuleInterop), and with its earlier commonjs one", async () => {
        const { current, legacy, version } = await compiled;
        assert.strictEqual(current.errors, 0, current.output);
        assert.strictEqual(legacy.errors, 0, legacy.output);
        console.log(`      tsc (${version}): 0 errors (module nodenext), 0 errors (commonjs, node resolution)`);
    });

    it("tsc: 0 errors in an ESM project (type module, nodenext)", async () => {
        const { esm } = await compiled;
        assert.strictEqual(esm.errors, 0, esm.output);
    });

    it("hovering an input shows its type and documentation; an input read back is an Output", async () => {
        const { input, output } = await hovers;
        console.log(`      hover on TaskWaiterArgs.taskId:\n${input.replace(/^/gm, "        | ")}`);
        assert.match(input, /^\(property\) TaskWaiterArgs\.taskId\?: pulumi\.Input<string> \| undefined/);
        assert.match(input, /The ECS task to wait for/);
        assert.match(input, /Rules for `ecs`: matches `\^t-\[A-Za-z0-9\]\{4,64\}\$`/);
        assert.ok(!input.includes("Input<undefined>"));
        assert.match(output, /^\(property\) TaskWaiter\.region: pulumi\.Output<string>\n.*configured region/);
    });

    it("the exports resolve in the installed copy, and other paths are closed", async () => {
        const out = await exportsProbe;
        assert.deepStrictEqual(out.classes, ["function", "function"]);
        assert.deepStrictEqual(out.statuses, ["pending", "running", "succeeded", "failed", "cancelled", "expired"]);
        const lifecycle = path.join(fs.realpathSync((await project).dir), "node_modules", PACKAGE, "bin", "provider", "lifecycle");
        assert.deepStrictEqual(out.lifecycle, [path.join(lifecycle, "taskWaiter.js"), path.join(lifecycle, "reportExport.js")]);
        assert.strictEqual(out.simulator, "function");
        assert.strictEqual(out.testing, "function");
        assert.deepStrictEqual(
            (out.programLoads as string[]).filter((p) => p !== PACKAGE),
            [],
            "the program's import loads no zod, pop-core or JMESPath",
        );
        assert.strictEqual(out.deep, "ERR_PACKAGE_PATH_NOT_EXPORTED");
    });

    it("the user's setMocks unit test reads waiter.status (CommonJS, and ESM with named imports)", async () => {
        const { commonjs, esm } = await mocks;
        assert.deepStrictEqual(commonjs, { status: "succeeded", imageId: "m-mocked", region: "cn-hangzhou" });
        assert.deepStrictEqual(esm, { status: "succeeded", statuses: ["pending", "running", "succeeded", "failed", "cancelled", "expired"] });
    });

    it("the program and its provider in Pulumi's host started in the project: create against the simulator; inputs read back as outputs", async () => {
        const { result, task, calls, secret } = await hosted;
        assert.ok(result.ok, result.errors.join("\n"));
        assert.strictEqual(result.type, TASK_WAITER_TYPE);
        // region from the stack's configuration, timeout's default
        assert.deepStrictEqual(result.outputs, {
            importStatus: "succeeded",
            imageId: task.resourceId,
            region: "cn-hangzhou",
            timeout: "30m",
            taskId: task.taskId,
        });
        assert.ok(calls > 0, "the provider called the simulator");
        // everything resolves from the project; one SDK for program, package, harness and host
        const projectModules = fs.realpathSync(path.join((await project).dir, "node_modules"));
        for (const [what, file] of Object.entries(result.resolved)) assert.ok(file.startsWith(projectModules), `${what}: ${file}`);
        assert.strictEqual(new Set([result.resolved.sdkFromProject, result.resolved.sdkFromPackage, result.resolved.sdkFromHarness]).size, 1);
        // the serialized provider names the package, not a path on the machine that ran the program
        const provider = result.provider ?? "";
        assert.match(provider, /pulumi-alicloud-tasks\/lifecycle\/taskWaiter/);
        assert.ok(!provider.includes(lab.root) && !provider.includes(lab.work), "no absolute path baked in");
        assert.ok(!provider.includes(secret), "no secret baked in");
        assert.ok(
            result.hostOutput.some((l) => l.includes('TaskWaiter "image-import": task')),
            "progress lines from the installed copy",
        );
        console.log(`      serialized provider (__provider): ${result.providerBytes} bytes`);
    });
});
