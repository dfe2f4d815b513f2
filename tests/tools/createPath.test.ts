import * as assert from "assert";
import { CreateFigures, createFigures } from "../../bench/createPath";

/**
 * Issue 23's measure of a readable wait layer, on a real TaskWaiter create (bench/createPath.ts):
 * whoever follows the calls of a create never comes back to a file they left, and no chain of
 * calls crosses more than 8 files. A new callback into a caller's file, or a new hop, fails here.
 */
describe("layout: the files a TaskWaiter create crosses", () => {
    let walk: CreateFigures["path"];
    let lines: CreateFigures["lines"];
    before(function () {
        this.timeout(120_000); // two fresh node processes, each running one create
        ({ path: walk, lines } = createFigures());
    });

    it("no file calls into one that calls back into it (no callback, no cycle between files)", () => {
        assert.deepStrictEqual(walk.returns, []);
    });

    it("the longest chain of calls crosses at most 8 files, from the lifecycle to the client", () => {
        assert.ok(walk.deepest.length <= 8, `${walk.deepest.length} files: ${walk.deepest.join(" > ")}`);
        assert.strictEqual(walk.deepest[0], "lifecycle/taskWaiter.ts");
    });

    it("measures what ran: the pipeline's files are all entered and run code", () => {
        for (const file of ["lifecycle/taskWaiter.ts", "wait/run.ts", "wait/definitions/ecs.ts", "services/ecs.ts", "client/call.ts", "engine/poller.ts"]) {
            assert.ok(walk.files.includes(file), `${file} entered`);
            assert.ok((lines[file] ?? 0) > 0, `${file} ran code`);
        }
    });
});
