// The host started in another project's directory, as in a user's project where this package is installed:
// the provider's call-time `require(...)` resolves from that project's node_modules.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { repositoryRoot, startProviderHost, urnFor } from "../../harness";

const projectProvider = {
    prefix: "",
    async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
        // No namespace: the host prefixes the project name from PULUMI_NODEJS_PROJECT.
        this.prefix = req.config.get("prefix") ?? "";
    },
    async create(inputs: { value: number }): Promise<pulumi.dynamic.CreateResult> {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const lib = require("harness-fixture-lib") as { triple(n: number): number };
        return { id: "p", outs: { value: `${this.prefix}${lib.triple(inputs.value)}` } };
    },
};

describe("harness: provider host in another project directory", function () {
    this.timeout(60_000);
    let projectDir: string;

    before(() => {
        projectDir = fs.mkdtempSync(path.join(os.tmpdir(), "harness-project-"));
        const modules = path.join(projectDir, "node_modules");
        fs.mkdirSync(path.join(modules, "harness-fixture-lib"), { recursive: true });
        fs.writeFileSync(path.join(modules, "harness-fixture-lib", "index.js"), "exports.triple = (n) => n * 3;\n");
        fs.symlinkSync(path.join(repositoryRoot(), "node_modules", "@pulumi"), path.join(modules, "@pulumi"), "dir");
    });

    after(() => {
        fs.rmSync(projectDir, { recursive: true, force: true });
    });

    it("resolves the host script and the provider's requires from the project's directory", async () => {
        const provider = (await pulumi.runtime.serializeFunction(() => projectProvider)).text;
        const host = await startProviderHost({ cwd: projectDir, project: "other-project" });
        try {
            assert.strictEqual(host.cwd, path.resolve(projectDir));
            // Sent as a secret, as the engine sends secret config; the host unwraps it for the provider.
            await host.configure({ "other-project:prefix": "n=" }, ["other-project:prefix"]);
            const created = await host.create(urnFor("pulumi-nodejs:dynamic:Resource", "p", "other-project"), {
                __provider: provider,
                value: 7,
            });
            assert.strictEqual(created.properties.value, "n=21");
        } finally {
            await host.close();
        }
    });
});
