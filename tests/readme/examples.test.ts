import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
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
