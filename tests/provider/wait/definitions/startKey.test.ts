import * as assert from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { journalStart, journaledStart } from "../../../../provider/wait/definitions/startKey";

/** The Security Center start journal under concurrent starts: many ReportExports of one stack, or several stacks on one machine. */
describe("wait/definitions/startKey: the start journal", () => {
    let dir: string;
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "alicloud-tasks-journal-"));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("keeps every entry of starts recorded at once in one process", async () => {
        const keys = Array.from({ length: 25 }, (_, i) => `pulumi-key${i}`);
        await Promise.all(keys.map((key, i) => journalStart(key, String(1000 + i), { ALICLOUD_TASKS_STATE_DIR: dir })));
        for (const [i, key] of keys.entries()) assert.strictEqual(await journaledStart(key, { ALICLOUD_TASKS_STATE_DIR: dir }), String(1000 + i), key);
        assert.deepStrictEqual(fs.readdirSync(dir), ["started-exports.json"], "no temporary or lock file is left");
    });

    it("keeps every entry of starts recorded at once by several processes", async () => {
        const module = require.resolve("../../../../provider/wait/definitions/startKey");
        const env = JSON.stringify({ ALICLOUD_TASKS_STATE_DIR: dir });
        // from the sources (npm run test:unit) the other processes load TypeScript as this one does
        const loader = module.endsWith(".ts") ? ["--require", require.resolve("tsx/cjs")] : [];
        const script = (n: number) =>
            `Promise.all(Array.from({ length: 10 }, (_, i) => require(${JSON.stringify(module)}).journalStart("p${n}-" + i, "${n}" + i, ${env}))).then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });`;
        const codes = await Promise.all(
            [1, 2, 3].map(
                (n) =>
                    new Promise<number | null>((resolve) => spawn(process.execPath, [...loader, "-e", script(n)], { stdio: "inherit" }).on("close", resolve)),
            ),
        );
        assert.deepStrictEqual(codes, [0, 0, 0]);
        for (const n of [1, 2, 3])
            for (let i = 0; i < 10; i++) assert.strictEqual(await journaledStart(`p${n}-${i}`, { ALICLOUD_TASKS_STATE_DIR: dir }), `${n}${i}`);
    });
});
