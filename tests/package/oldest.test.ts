// A project that already has the oldest SDK the peer range allows, then the package from a git URL
// of a local clone (npm clones it, installs its devDependencies, runs `prepare`, packs it): the
// project keeps its one SDK, tsc is clean against that SDK's types, and on the oldest Node.js that
// `engines` allows the user's mocks test reads waiter.status, the CLI and the simulator start, and
// the provider runs in that SDK's own provider host (configure with the stack's config, create).
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { hostRun, kib, listFiles, mocksTest, sdkCopies, typecheck } from "./checks";
import { background, formatSteps, oldestNodeVersion, foreground, packageLab, packageSimulator, run, sdkVersions } from "./lab";

const PACKAGE = "pulumi-alicloud-tasks";
const lab = packageLab();
const project = lab.oldest;

const compiled = background(async () => {
    const { dir } = await project;
    return typecheck(dir, "tsconfig.json", require.resolve("typescript/bin/tsc"));
});
const npmLs = background(async () => (await run("npm", ["ls", "@pulumi/pulumi", "--all"], (await project).dir)).stdout);
const mocks = background(async () => {
    await compiled;
    return mocksTest((await project).dir, "mocks-test.js", await lab.oldestNode);
});
const commands = background(async () => {
    const { dir } = await project;
    const node = await lab.oldestNode;
    const help = await run(node, [path.join("node_modules", PACKAGE, "bin", "cli", "main.js"), "--help"], dir);
    const probe = `require("${PACKAGE}/simulator").startSimulator().then(async (s) => { console.log(typeof s.url); await s.close(); })`;
    return { help: help.stdout, simulator: (await run(node, ["-e", probe], dir)).stdout.trim() };
});
const hosted = background(async () => {
    const { dir } = await project;
    await compiled;
    const sim = await packageSimulator();
    const task = sim.createTask({ service: "ecs", action: "ImportImage", durationMs: 1, outcome: "success" });
    return { result: await hostRun(dir, { sim, importTaskId: task.taskId, node: await lab.oldestNode }), task };
});

describe("package: from a git URL into a project that has the oldest SDK the peer range allows", function () {
    this.timeout(600_000);
    before(foreground);

    before(async () => {
        const { sdk, steps } = await project;
        console.log(`      @pulumi/pulumi@${sdk}, Node.js ${oldestNodeVersion()}: ${formatSteps(steps)}`);
    });

    it("tests the lower bound of the peer range, on the lowest Node.js engines allows", async () => {
        assert.strictEqual((await project).sdk, sdkVersions().oldest);
        assert.strictEqual((await run(await lab.oldestNode, ["--version"], lab.work)).stdout.trim(), `v${oldestNodeVersion()}`);
    });

    it("npm built it on install (prepare), without source maps; the project keeps its one SDK", async () => {
        const { dir, sdk, sizeBefore, sizeAfter } = await project;
        const files = listFiles(path.join(dir, "node_modules", PACKAGE));
        assert.ok(files.includes("bin/provider/index.js") && files.includes("bin/provider/lifecycle/taskWaiter.js"), "built by prepare");
        assert.deepStrictEqual(
            files.filter((f) => f.endsWith(".map") || f.startsWith("bin/tests/")),
            [],
        );
        assert.deepStrictEqual(sdkCopies(dir), [{ dir: "node_modules/@pulumi/pulumi", version: sdk }]);
        const ls = await npmLs;
        assert.strictEqual(ls.match(/@pulumi\/pulumi@/g)?.length, 2, ls); // the project's, and the package's "deduped"
        assert.match(ls, new RegExp(`@pulumi/pulumi@${sdk.replace(/\./g, "\\.")} deduped`));
        console.log(`      install size: +${kib(sizeAfter! - sizeBefore!)} in node_modules`);
    });

    it("tsc: 0 errors against the oldest SDK's declarations", async () => {
        const result = await compiled;
        assert.strictEqual(result.errors, 0, result.output);
    });

    it("the user's setMocks unit test reads waiter.status", async () => {
        assert.deepStrictEqual(await mocks, { status: "succeeded", imageId: "m-mocked", region: "cn-hangzhou" });
    });

    it("the CLI and the simulator start", async () => {
        const { help, simulator } = await commands;
        assert.match(help, /alicloud-tasks wait ecs/);
        assert.strictEqual(simulator, "string");
    });

    it("the provider in the oldest SDK's own host: configure reads the stack's config (credentials, region, endpoint); create waits and records every input", async () => {
        const { result, task } = await hosted;
        assert.ok(result.ok, result.errors.join("\n"));
        assert.deepStrictEqual(result.outputs, {
            importStatus: "succeeded",
            imageId: task.resourceId,
            region: "cn-hangzhou",
            timeout: "30m",
            taskId: task.taskId,
        });
        const sdk = fs.realpathSync(path.join((await project).dir, "node_modules", "@pulumi", "pulumi"));
        assert.ok(result.resolved.hostScript.startsWith(sdk), result.resolved.hostScript);
        assert.strictEqual(new Set([result.resolved.sdkFromProject, result.resolved.sdkFromPackage, result.resolved.sdkFromHarness]).size, 1);
        assert.ok(
            result.hostOutput.some((l) => l.includes('TaskWaiter "image-import": task')),
            "progress lines",
        );
    });
});
