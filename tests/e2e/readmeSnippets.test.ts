// The README's other programs, taken from the README: the ApiWaiter examples and the check under `pulumi up`;
// the unit test with mocks, compiled with the tsconfig `pulumi new typescript` writes today (nodenext) and with
// the earlier CommonJS one, then run; the mocha test that drives `pulumi up` through the Automation API.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { repositoryRoot } from "../../harness";
import { Simulator, startSimulator } from "../../simulator";
import { codeBlocks, onlyBlock, section } from "./support/readme";
import {
    assertSucceeded,
    CLI_DIR,
    LEGACY_TEMPLATE_TSCONFIG,
    PulumiProject,
    PulumiWorkspace,
    simulatorStackConfig,
    stepsByName,
    TEMPLATE_TSCONFIG,
} from "../../harness/pulumiCli";

const ROOT = repositoryRoot();
const json = (value: unknown) => JSON.stringify(value, null, 4) + "\n";

/** What the ApiWaiter snippets take as given: a program's imports, an instance, an invocation and a cluster id. */
const API_PRELUDE = `import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";

const web = new alicloud.ecs.Instance("web", { imageId: "aliyun_3_x64_20G_alibase_20240819.vhd", instanceType: "ecs.g7.large" });
const command = new alicloud.ecs.Command("install", { commandContent: "eXVtIGluc3RhbGwgLXkgbmdpbng=", type: "RunShellScript" });
const invocation = new alicloud.ecs.EcsInvocation("install-on-web", { commandId: command.id, instanceIds: [web.id] });
const clusterId = "c-prod";
`;

/** Runs a command in `cwd`; fails with its output unless it exits 0. */
function run(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): string {
    const result = spawnSync(command, args, { cwd, env, encoding: "utf8", timeout: 180_000 });
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
    assert.strictEqual(result.status, 0, `${command} ${args.join(" ")} in ${cwd} exited ${result.status ?? result.signal}:\n${output}`);
    return output;
}

const tsc = (cwd: string, project: string) => run(cwd, process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", project]);
const mocha = (cwd: string, files: string, env?: NodeJS.ProcessEnv) =>
    // --timeout: a hang guard; mocha's default 2 s is less than loading the SDK takes on a loaded machine
    run(cwd, process.execPath, [path.join(ROOT, "node_modules", "mocha", "bin", "mocha.js"), "--timeout", "60000", files], env);

describe("e2e: the README's other programs", function () {
    this.timeout(300_000);
    let ws: PulumiWorkspace;
    let sim: Simulator;
    before(async () => {
        ws = await PulumiWorkspace.create();
        sim = await startSimulator();
        const answer = (spec: Parameters<Simulator["scriptApi"]>[0]) => sim.scriptApi(spec);
        // the stand-in alicloud plugin gives resources the id "<name>-id"
        answer({
            version: "2014-05-26",
            action: "DescribeInstances",
            match: { InstanceIds: '["web-id"]' },
            answers: [{ body: { Instances: { Instance: [{ Status: "Running" }] } } }],
        });
        answer({
            version: "2014-05-26",
            action: "DescribeInvocations",
            match: { InvokeId: "install-on-web-id" },
            answers: [{ body: { Invocations: { Invocation: [{ InvocationStatus: "Finished" }] } } }],
        });
        answer({ version: "2015-12-15", method: "GET", path: "/clusters/{ClusterId}", answers: [{ body: { name: "prod", state: "running" } }] });
    });
    after(async () => {
        await sim?.close();
        ws?.close();
    });

    it("the ApiWaiter examples and the check run under pulumi up", async () => {
        const [waits] = codeBlocks(section("ApiWaiter: wait on, or check, any API"), "ts");
        const check = onlyBlock("Check mode, like Terraform's `check` blocks", "ts");
        const program = `${API_PRELUDE}\n${waits}\n${check}\nexport const instanceStatus = running.status;\n`;
        const project = await PulumiProject.create(ws, { files: { "index.ts": program }, ...simulatorStackConfig(sim) });
        const up = assertSucceeded(await project.up());
        const steps = stepsByName(up.events);
        for (const name of ["web-running", "install-finished", "cluster-running", "web-still-running"]) assert.strictEqual(steps[name], "create", name);
        const waiters = await project.stateResources("ApiWaiter");
        assert.deepStrictEqual(Object.fromEntries(waiters.map((w) => [w.urn.split("::").pop(), w.outputs?.status])), {
            "web-running": "succeeded",
            "install-finished": "succeeded",
            "cluster-running": "succeeded",
            "web-still-running": "succeeded",
        });
        assert.deepStrictEqual(waiters.find((w) => w.urn.endsWith("::cluster-running"))?.outputs?.answer, { name: "prod", state: "running" });
    });

    for (const [style, tsconfig] of [
        ["nodenext (today's `pulumi new typescript`)", TEMPLATE_TSCONFIG],
        ["CommonJS (the template before nodenext)", LEGACY_TEMPLATE_TSCONFIG],
    ] as const) {
        it(`the unit test with mocks compiles and passes in a ${style} project`, async () => {
            const dir = fs.mkdtempSync(path.join(ws.dir, "projects", "unit-"));
            fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
            // the program under test: the README's Automation example's, which exports importStatus as the Quickstart's does
            const program = fs.readFileSync(path.join(ROOT, "tests", "packageSimulator", "user-stack", "index.ts"), "utf8");
            const spec = onlyBlock("Unit tests with mocks", "ts");
            const compilerOptions = { ...tsconfig.compilerOptions, outDir: "bin" };
            fs.writeFileSync(path.join(dir, "package.json"), json({ name: "my-project", main: "index.ts" }));
            fs.writeFileSync(path.join(dir, "tsconfig.json"), json({ compilerOptions, files: ["index.ts", "test/index.spec.ts"] }));
            fs.writeFileSync(path.join(dir, "index.ts"), program);
            fs.mkdirSync(path.join(dir, "test"));
            fs.writeFileSync(path.join(dir, "test", "index.spec.ts"), spec);
            tsc(dir, "tsconfig.json");
            const output = mocha(dir, "bin/test/index.spec.js");
            assert.match(output, /1 passing/);
        });
    }

    it("the mocha test that runs pulumi up through the Automation API passes", async () => {
        const dir = fs.mkdtempSync(path.join(ws.dir, "projects", "automation-"));
        const userStack = path.join(ROOT, "tests", "packageSimulator", "user-stack");
        fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
        fs.copyFileSync(path.join(userStack, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
        fs.copyFileSync(path.join(userStack, "index.ts"), path.join(dir, "index.ts"));
        fs.mkdirSync(path.join(dir, "test"));
        fs.writeFileSync(path.join(dir, "test", "stack.spec.ts"), onlyBlock("A `pulumi up` of your stack against the simulator", "ts"));
        fs.writeFileSync(path.join(dir, "package.json"), json({ name: "image-gate", main: "index.ts" }));
        // compiled beside its source (no outDir): the test finds the project one folder up, as the README's does
        const { outDir: _outDir, ...compilerOptions } = { ...TEMPLATE_TSCONFIG.compilerOptions, types: ["node", "mocha"] };
        fs.writeFileSync(path.join(dir, "tsconfig.test.json"), json({ compilerOptions, files: ["test/stack.spec.ts"] }));
        tsc(dir, "tsconfig.test.json");
        // the Automation API finds the CLI on PATH, as after Pulumi's installer; the program itself runs from index.ts
        const output = mocha(dir, "test/stack.spec.js", { ...ws.env, PATH: `${CLI_DIR}${path.delimiter}${process.env.PATH}` });
        assert.match(output, /2 passing/);
    });
});
