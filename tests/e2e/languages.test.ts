// A source-based Node.js provider plugin used from Python and YAML programs under the real CLI: the machinery the
// package's own plugin goes through for every language. The toy plugin is a folder with PulumiPlugin.yaml
// (runtime nodejs) whose index.js serves one custom resource and its schema with @pulumi/pulumi/provider's main(),
// run by the Node.js language host's RunPlugin.
//
// Python: `pulumi package add <folder>` asks the plugin for its schema, has the Python language host generate the
// SDK (sdks/toy), link it (requirements.txt) and install it into the project's virtualenv, and records the folder
// in Pulumi.yaml's packages; `pulumi up` then runs the program with Pulumi's exec script, config and secrets included.
//
// YAML: the YAML language host (pulumi-yaml v1.25.0) has no Link, so `pulumi package add` fails there with "method
// Link not implemented" after generating its lock file. A YAML program names the plugin in Pulumi.yaml's packages
// itself, the entry `package add` writes for Python.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { repositoryRoot } from "../../harness/package-link";
import { assertSucceeded, PulumiProject, PulumiWorkspace, pythonSdk } from "../../harness/pulumi-cli";

const TOY_SCHEMA = {
    name: "toy",
    version: "0.1.0",
    resources: {
        "toy:index:Greeting": {
            inputProperties: { name: { type: "string" } },
            requiredInputs: ["name"],
            properties: { name: { type: "string" }, message: { type: "string" } },
            required: ["name", "message"],
        },
    },
};

const TOY_PLUGIN = `const provider = require("@pulumi/pulumi/provider");
const schema = ${JSON.stringify(TOY_SCHEMA)};
provider.main(
    {
        version: schema.version,
        getSchema: async () => JSON.stringify(schema),
        check: async (urn, olds, news) => ({ inputs: news }),
        diff: async (id, urn, olds, news) => ({ changes: olds.name !== news.name, replaces: olds.name !== news.name ? ["name"] : [] }),
        create: async (urn, inputs) => ({ id: "greeting-" + inputs.name, outs: { name: inputs.name, message: "hello, " + inputs.name } }),
        read: async (id, urn, props) => ({ id, props }),
        delete: async () => {},
    },
    process.argv.slice(2),
);
`;

const PYTHON_PROGRAM = `import pulumi
import pulumi_toy as toy

config = pulumi.Config()
greeting = toy.Greeting("hi", name=config.require("who"))
pulumi.export("message", greeting.message)
pulumi.export("token", config.require_secret("token"))
`;

/** The toy plugin's folder. npm installs its dependencies when the CLI first runs it, so its node_modules is a real
 * folder holding a link to this repository's @pulumi/pulumi (npm would remove a linked node_modules folder). */
function writeToyPlugin(parent: string): string {
    const dir = path.join(parent, "toy-plugin");
    fs.mkdirSync(path.join(dir, "node_modules", "@pulumi"), { recursive: true });
    fs.symlinkSync(path.join(repositoryRoot(), "node_modules", "@pulumi", "pulumi"), path.join(dir, "node_modules", "@pulumi", "pulumi"), "dir");
    const sdk = JSON.parse(fs.readFileSync(path.join(repositoryRoot(), "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")) as { version: string };
    fs.writeFileSync(path.join(dir, "PulumiPlugin.yaml"), "runtime: nodejs\n");
    fs.writeFileSync(
        path.join(dir, "package.json"),
        JSON.stringify({ name: "pulumi-toy", version: "0.1.0", main: "index.js", dependencies: { "@pulumi/pulumi": sdk.version } }, null, 4) + "\n",
    );
    fs.writeFileSync(path.join(dir, "index.js"), TOY_PLUGIN);
    return dir;
}

describe("e2e: a source-based provider plugin from Python and YAML programs, under the Pulumi CLI", function () {
    this.timeout(300_000);
    let ws: PulumiWorkspace;
    let plugin: string;
    before(async () => {
        await pythonSdk(); // made once per checkout (a minute or two on a fresh one), then reused
        ws = await PulumiWorkspace.create();
        plugin = writeToyPlugin(ws.dir);
    });
    after(() => ws?.close());

    it("Python: pulumi package add generates, links and installs the SDK; pulumi up creates the resource", async () => {
        const project = await PulumiProject.create(ws, {
            name: "toy-python",
            language: "python",
            files: { "__main__.py": PYTHON_PROGRAM },
            config: { who: "python" },
            secrets: { token: "s3cret" },
        });

        const started = Date.now();
        const add = assertSucceeded(await ws.run(project.dir, ["package", "add", plugin]));
        console.log(`      pulumi package add <toy plugin> (Python): ${((Date.now() - started) / 1000).toFixed(1)} s`);
        assert.match(add.stdout, /import pulumi_toy as toy/);
        assert.ok(fs.existsSync(path.join(project.dir, "sdks", "toy", "pulumi_toy", "pulumi-plugin.json")), "the SDK is generated in sdks/toy");
        assert.match(fs.readFileSync(path.join(project.dir, "requirements.txt"), "utf8"), /^sdks\/toy$/m);
        assert.match(fs.readFileSync(path.join(project.dir, "Pulumi.yaml"), "utf8"), /^packages:\n {2}toy: .*toy-plugin$/m);

        assertSucceeded(await project.up());
        assert.strictEqual(assertSucceeded(await project.run(["stack", "output", "message"])).stdout.trim(), "hello, python");
        assert.deepStrictEqual(await project.outputs(), { message: "hello, python", token: "[secret]" });
        assert.strictEqual((await project.outputs(true)).token, "s3cret");
        const [greeting] = await project.stateResources("Greeting");
        assert.strictEqual(greeting.type, "toy:index:Greeting");
        assert.match(String(greeting.provider), /::pulumi:providers:toy::default_0_1_0::/);
    });

    it("YAML: the plugin named in Pulumi.yaml's packages serves the program's resource", async () => {
        const program = [
            "name: toy-yaml",
            "runtime: yaml",
            "packages:",
            `  toy: ${plugin}`,
            "config:",
            "  who:",
            "    type: string",
            "resources:",
            "  hi:",
            "    type: toy:index:Greeting",
            "    properties:",
            "      name: ${who}",
            "outputs:",
            "  message: ${hi.message}",
            "",
        ].join("\n");
        const project = await PulumiProject.create(ws, { name: "toy-yaml", language: "yaml", files: { "Pulumi.yaml": program }, config: { who: "yaml" } });

        assertSucceeded(await project.up());
        assert.strictEqual(assertSucceeded(await project.run(["stack", "output", "message"])).stdout.trim(), "hello, yaml");
        const [greeting] = await project.stateResources("Greeting");
        assert.match(String(greeting.provider), /::pulumi:providers:toy::default::/, "the program names no version: the plugin's folder serves it");
    });
});
