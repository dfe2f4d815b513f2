// Hardening: inputs that were accepted and should not be. Duplicate ids multiplied the counts
// (--task-ids T,T,T gave successCount 9); durations like "1h1h" passed.
import * as assert from "assert";
import { parseDuration } from "../../provider/engine/duration";
import { check } from "../../provider/lifecycle/taskWaiter";

async function failures(raw: Record<string, unknown>): Promise<Record<string, string>> {
    const checked = await check({}, { region: "cn-hangzhou", ...raw });
    return Object.fromEntries((checked.failures ?? []).map((f) => [f.property, f.reason]));
}

describe("hardening: inputs", () => {
    it("rejects a task id listed twice, naming the index of the repeat and of the first", async () => {
        const f = await failures({ service: "ecs", taskIds: ["t-abcd1234", "t-efgh5678", "t-abcd1234"] });
        assert.match(f["taskIds[2]"], /"t-abcd1234" is listed twice \(also at taskIds\[0\]\): list each task once/);
        assert.match(
            (await failures({ service: "ecs", resourceIds: ["m-abcd1234", "m-abcd1234"], taskAction: "ImportImage" }))["resourceIds[1]"],
            /listed twice/,
        );
        assert.deepStrictEqual(await failures({ service: "ecs", taskIds: ["t-abcd1234", "t-efgh5678"] }), {});
    });

    it("takes each unit of a duration once, largest first", async () => {
        for (const bad of ["1h1h", "30s5m", "1m1m", "5s500ms500ms", "1.5h30m"]) {
            assert.strictEqual(parseDuration(bad), undefined, bad);
        }
        assert.strictEqual(parseDuration("1h30m"), 5_400_000);
        assert.strictEqual(parseDuration("1m30s500ms"), 90_500);
        assert.strictEqual(parseDuration("1.5h"), 5_400_000);
        assert.match(
            (await failures({ service: "ecs", taskId: "t-abcd1234", timeout: "1h1h" })).timeout,
            /"1h1h" is not a duration: .*each unit once, largest first/,
        );
    });
});
