import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { generatedFiles } from "../../tools/generated";
import { BEGIN_MARKER, END_MARKER, REFERENCE_PATH, referenceSection } from "../../tools/reference";
import { RESOURCES } from "../../tools/resources";
import { REPO_ROOT } from "../support/repoRoot";

const ROOT = REPO_ROOT;

describe("reference page and public types", () => {
    it("docs/reference.md, provider/types.ts, the plugin schema and the class properties are the ones generated from the zod schemas (run `npm run docs` when this fails)", async () => {
        for (const file of await generatedFiles(ROOT)) {
            const current = fs.readFileSync(path.join(ROOT, file.path), "utf8");
            assert.ok(current === file.text, `${file.path} is stale: run \`npm run docs\``);
        }
    });

    it("the reference page has the generated section; the README links to it and holds no copy", () => {
        const page = fs.readFileSync(path.join(ROOT, REFERENCE_PATH), "utf8");
        const begin = page.indexOf(BEGIN_MARKER);
        const end = page.indexOf(END_MARKER);
        assert.ok(begin >= 0 && end > begin, `${REFERENCE_PATH} has the reference markers`);
        assert.strictEqual(page.slice(begin, end + END_MARKER.length), referenceSection(RESOURCES));
        const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
        assert.ok(!readme.includes(BEGIN_MARKER), "the README holds no copy of the reference");
        assert.ok(readme.includes(`](${REFERENCE_PATH})`), `the README links to ${REFERENCE_PATH}`);
    });

    it("documents every input and output of every resource", () => {
        const section = referenceSection(RESOURCES);
        for (const key of [
            "service",
            "taskId",
            "taskIds",
            "resourceIds",
            "taskAction",
            "region",
            "timeout",
            "pollInterval.min",
            "pollInterval.max",
            "failOnPartialFailure",
            "onFailure",
            "successStatuses",
            "failureStatuses",
        ]) {
            assert.ok(section.includes(`| \`${key}\` |`), `input ${key}`);
        }
        for (const key of [
            "status",
            "rawStatus",
            "progress",
            "tasks",
            "resourceId",
            "successCount",
            "failedCount",
            "operations",
            "failureReason",
            "requestId",
            "waitedSeconds",
        ]) {
            assert.ok(section.includes(`| \`${key}\` |`), `output ${key}`);
        }
        assert.ok(!section.includes("`resourceName`"), "internal keys are not documented as inputs");
    });
});
