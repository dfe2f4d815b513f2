// Each folder in examples/ is a Pulumi project that runs on its own from a clone: the files `pulumi new typescript`
// writes (Pulumi.yaml, package.json, tsconfig.json as the template has it today), this package as a `file:../..`
// dependency installed as a copy (.npmrc install-links, so the project has one @pulumi/pulumi), and a README
// that says how to run it against the simulator and against an account. tests/e2e/examples.test.ts runs them.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { TEMPLATE_TSCONFIG } from "../../harness/pulumiCli/template";
import { REPO_ROOT } from "../support/repoRoot";

const EXAMPLES = path.join(REPO_ROOT, "examples");
const folders = fs
    .readdirSync(EXAMPLES, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);

interface Manifest {
    name: string;
    main: string;
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
}

describe("examples: each folder is a project of its own", () => {
    it("there is one per main use", () => {
        assert.deepStrictEqual([...folders].sort(), ["api-check", "api-wait", "ecs-image-gate", "report-urls"]);
    });

    for (const name of folders) {
        const dir = path.join(EXAMPLES, name);
        const read = (file: string) => fs.readFileSync(path.join(dir, file), "utf8");

        it(`${name}: Pulumi.yaml, package.json, tsconfig.json, .npmrc and README.md as a user's project has them`, () => {
            assert.match(read("Pulumi.yaml"), new RegExp(`^name: ${name}\\nruntime: nodejs|^name: ${name}\\ndescription: .+\\nruntime: nodejs`));
            const manifest = JSON.parse(read("package.json")) as Manifest;
            assert.strictEqual(manifest.name, name);
            assert.strictEqual(manifest.main, "index.ts");
            assert.strictEqual(manifest.dependencies["pulumi-alicloud-tasks"], "file:../..");
            assert.match(manifest.dependencies["@pulumi/pulumi"], /^\^3\./);
            assert.strictEqual(manifest.devDependencies.typescript, "~5.9.3");
            const program = read("index.ts");
            for (const [, imported] of program.matchAll(/from "([^"]+)"/g)) {
                assert.ok(imported in manifest.dependencies, `index.ts imports ${imported}: package.json must list it`);
            }
            assert.deepStrictEqual(JSON.parse(read("tsconfig.json")), TEMPLATE_TSCONFIG);
            assert.match(read(".npmrc"), /^install-links=true$/m);
            const readme = read("README.md");
            for (const words of ["alicloud-tasks-simulator", "alicloud-tasks:endpoint", "pulumi up", "alicloud:region"]) {
                assert.ok(readme.includes(words), `${name}/README.md says how to run it (${words})`);
            }
        });
    }
});
