import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { generatedFiles } from "../../tools/generated";
import { BEGIN_MARKER, END_MARKER, referenceSection } from "../../tools/reference";
import { RESOURCES } from "../../tools/resources";
import { REPO_ROOT } from "../support/repoRoot";

const ROOT = REPO_ROOT;

describe("README reference and public types", () => {
    it("the README reference, provider/types.ts and the class properties are the ones generated from the zod schemas (run `npm run docs` when this fails)", async () => {
        for (const file of await generatedFiles(ROOT)) {
            const current = fs.readFileSync(path.join(ROOT, file.path), "utf8");
            assert.ok(current === file.text, `${file.path} is stale: run \`npm run docs\``);
        }
    });

    it("the README has the reference markers", () => {
        const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
        const begin = readme.indexOf(BEGIN_MARKER);
        const end = readme.indexOf(END_MARKER);
        assert.ok(begin >= 0 && end > begin, "README has the reference markers");
        assert.strictEqual(readme.slice(begin, end + END_MARKER.length), referenceSection(RESOURCES));
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
