import * as assert from "assert";
import { execFileSync } from "child_process";
import * as path from "path";
import { REPO_ROOT } from "../support/repoRoot";

/**
 * What a user's program loads with `import ... from "pulumi-alicloud-tasks"`: the resource classes,
 * not the provider's libraries. The provider host requires the lifecycle modules by path, and they
 * load zod, pop-core and JMESPath there. Structural, in a fresh process (this one has them loaded
 * already): which files and packages the entry adds to require.cache, not how long it takes.
 */
const SOURCE = __filename.endsWith(".ts");
const ENTRY = path.join(__dirname, "..", "..", "provider", "index");
const LIFECYCLE = path.join(__dirname, "..", "..", "provider", "lifecycle", "taskWaiter");

const PROBE = `
require("@pulumi/pulumi");
const before = new Set(Object.keys(require.cache));
for (const m of process.argv.slice(1)) require(m);
console.log(JSON.stringify(Object.keys(require.cache).filter((f) => !before.has(f))));
`;

function loadedBy(...modules: string[]): string[] {
    const hooks = SOURCE ? ["--require", "tsx/cjs"] : [];
    const out = execFileSync(process.execPath, [...hooks, "-e", PROBE, ...modules], { cwd: REPO_ROOT, encoding: "utf8" });
    return (JSON.parse(out.trim().split("\n").pop()!) as string[]).map((f) => path.relative(REPO_ROOT, f).split(path.sep).join("/"));
}

function packagesOf(files: string[]): string[] {
    const names = files.map((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules)/.exec(f)?.[1]).filter((n): n is string => n !== undefined);
    return [...new Set(names)].sort();
}

describe("the package entry: a program loads the resource classes only", function () {
    this.timeout(60_000);

    it("loads none of the provider's libraries and none of its engine: only provider/index, resources/ and the plain types", () => {
        const files = loadedBy(ENTRY);
        assert.deepStrictEqual(packagesOf(files), [], `packages loaded by the entry: ${packagesOf(files).join(", ")}`);
        const own = files.map((f) => f.replace(/^(bin\/)?provider\//, "").replace(/\.(ts|js)$/, ""));
        const allowed = /^(index|types|resources\/\w+|services\/answerOutputs)$/;
        for (const file of own) assert.match(file, allowed, `the entry loads provider/${file}`);
        assert.ok(own.includes("resources/taskWaiter") && own.includes("resources/reportExport") && own.includes("resources/apiWaiter"));
    });

    it("the lifecycle modules (what the provider host requires by path) still load the provider's libraries", () => {
        const packages = packagesOf(loadedBy(LIFECYCLE));
        for (const name of ["zod", "@alicloud/pop-core", "@jmespath-community/jmespath"])
            assert.ok(packages.includes(name), `${name} in ${packages.join(", ")}`);
    });
});
