// pnpm's strict layout: a package sees only what it declares. The tarball and the newest SDK with
// pnpm: tsc is clean with the template's tsconfig, the package resolves the project's SDK (its
// peer), the user's mocks test reads waiter.status, and the lifecycle modules that the serialized
// provider requires from the project load there and wait on a task in the simulator.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { mocksTest, typecheck } from "./checks";
import { background, formatSteps, foreground, packageLab, packageSimulator, run } from "./lab";

const PACKAGE = "pulumi-alicloud-tasks";
const lab = packageLab();

/** Run in the project: resolves what the provider host would, then configure, check and create, as the shell calls them. */
const LIFECYCLE_PROBE = `
const fs = require("fs");
const path = require("path");
const lifecycle = require("${PACKAGE}/lifecycle/taskWaiter");
require("${PACKAGE}/lifecycle/reportExport");
const packageMain = require.resolve("${PACKAGE}");
const sdk = (from) => fs.realpathSync(require.resolve("@pulumi/pulumi", { paths: [from] }));
const input = JSON.parse(process.env.PROBE_INPUT);
(async () => {
    await lifecycle.configure({ get: (key) => input.config[key] });
    const checked = await lifecycle.check({}, { service: "ecs", taskId: input.taskId, pollInterval: { min: "100ms", max: "300ms" }, resourceName: "pnpm-probe" });
    const created = await lifecycle.create(checked.inputs);
    console.log("PROBE " + JSON.stringify({ failures: checked.failures, id: created.id, status: created.outs.status, region: created.outs.region, sdks: [sdk(process.cwd()), sdk(path.dirname(packageMain))] }));
})().catch((e) => { console.error(e); process.exit(1); });
`;

const project = lab.pnpm;
// pnpm's project has no TypeScript of its own: this repository's compiler, resolving from the project
const compiled = background(async () => typecheck((await project).dir, "tsconfig.json", require.resolve("typescript/bin/tsc")));
const mocks = background(async () => {
    await compiled;
    return mocksTest((await project).dir, "mocks-test.js");
});
const probe = background(async () => {
    const { dir } = await project;
    const sim = await packageSimulator();
    const task = sim.createTask({ service: "ecs", action: "ImportImage", durationMs: 1, outcome: "success" });
    const config = {
        "alicloud:accessKey": sim.credentials.accessKey.accessKeyId,
        "alicloud:secretKey": sim.credentials.accessKey.accessKeySecret,
        "alicloud:region": "cn-hangzhou",
        "alicloud-tasks:endpoint": sim.url,
    };
    const result = await run(process.execPath, ["-e", LIFECYCLE_PROBE], dir, { PROBE_INPUT: JSON.stringify({ config, taskId: task.taskId }) });
    const line = result.stdout.split("\n").find((l) => l.startsWith("PROBE "));
    if (!line) throw new Error(result.stdout + result.stderr);
    return JSON.parse(line.slice("PROBE ".length)) as { failures: unknown[]; id: string; status: string; region: string; sdks: string[] };
});

describe("package: installed with pnpm (strict layout), newest SDK", function () {
    this.timeout(600_000);
    before(foreground);

    before(async () => console.log(`      ${formatSteps((await project).steps)}`));

    it("pnpm links the package from its store, not hoisted", async () => {
        const link = path.join((await project).dir, "node_modules", PACKAGE);
        assert.ok(fs.lstatSync(link).isSymbolicLink());
        assert.match(fs.realpathSync(link), /node_modules\/\.pnpm\//);
    });

    it("tsc: 0 errors with the template's tsconfig", async () => {
        const result = await compiled;
        assert.strictEqual(result.errors, 0, result.output);
    });

    it("the user's setMocks unit test reads waiter.status", async () => {
        assert.deepStrictEqual(await mocks, { status: "succeeded", imageId: "m-mocked", region: "cn-hangzhou" });
    });

    it("the lifecycle modules, required from the project as the provider host requires them, load their dependencies, share the project's SDK and wait on a task", async () => {
        const result = await probe;
        assert.deepStrictEqual(result.failures, []);
        assert.deepStrictEqual([result.status, result.region], ["succeeded", "cn-hangzhou"]);
        assert.strictEqual(new Set(result.sdks).size, 1, `one SDK: ${result.sdks.join(", ")}`);
    });
});
