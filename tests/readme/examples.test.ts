import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as testing from "../../provider/testing";
import { REPO_ROOT } from "../support/repoRoot";

const ROOT = REPO_ROOT;

/**
 * The README's quickstart programs are real files (tests/readme/), which the build
 * type-checks against the package's public types: the README shows them verbatim.
 */
describe("README: the quickstart programs compile", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);

    for (const file of ["quickstart.ts", "reports.ts"]) {
        it(`shows tests/readme/${file} as it is`, () => {
            const source = fs.readFileSync(path.join(ROOT, "tests", "readme", file), "utf8");
            assert.ok(blocks.includes(source), `the README has no \`\`\`ts block equal to tests/readme/${file}: copy it from there`);
        });
    }
});

/**
 * The README's snippets that import the testing entry name only what it exports (the unit-test
 * snippet itself is compiled and run by tests/e2e/readmeSnippets.test.ts, in both tsconfig styles).
 */
describe("README: the snippets import what pulumi-alicloud-tasks/testing exports", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const imports = [...readme.matchAll(/import \{([^}]*)\} from "pulumi-alicloud-tasks\/testing";/g)].flatMap((m) => m[1].split(",").map((n) => n.trim()));

    it("the unit-test section uses mockWaiter, and each imported name exists", () => {
        assert.ok(imports.includes("mockWaiter"), "the README's unit test uses mockWaiter");
        for (const name of imports) assert.ok(name in (testing as Record<string, unknown>), `pulumi-alicloud-tasks/testing exports no ${name}`);
    });
});
