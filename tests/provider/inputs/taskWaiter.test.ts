import * as assert from "assert";
import { TASK_WAITER_INPUTS, taskWaiterInputsSchema } from "../../../provider/inputs";
import { UNKNOWN_VALUE, validateInputs } from "../../../provider/inputs/validate";
import { parseDuration } from "../../../provider/engine/duration";
import { taskWaiterLifecycle } from "../../../provider/lifecycle/taskWaiter";
import { createRuntime } from "../../../provider/wait/runtime";
import { readSettings } from "../../../provider/wait/settings";

function failures(raw: Record<string, unknown>): Record<string, string> {
    return Object.fromEntries(validateInputs(taskWaiterInputsSchema, raw, TASK_WAITER_INPUTS.rules).failures.map((f) => [f.property, f.reason]));
}

describe("inputs: TaskWaiter schema", () => {
    it("accepts a minimal ECS waiter and applies the documented defaults", () => {
        const v = validateInputs(taskWaiterInputsSchema, { service: "ecs", taskId: "t-abcd1234", __provider: "serialized" });
        assert.deepStrictEqual(v.failures, []);
        assert.deepStrictEqual(v.value, { service: "ecs", taskId: "t-abcd1234", timeout: "30m", onFailure: "fail", failOnPartialFailure: true });
    });

    it("names the property and the fix for each bad input", () => {
        const f = failures({ service: "ecs", taskId: "image-123", timeout: "soon", pollInterval: { min: "10s", max: "2s" }, onFailure: "ignore" });
        assert.match(f.taskId, /not an ECS task id.*t-/);
        assert.match(f.timeout, /"soon" is not a duration: use .*"45m"/);
        assert.match(f["pollInterval.min"], /min must not be longer than max/);
        assert.match(f.onFailure, /"fail" or "warn"/);
    });

    it("rejects more than 100 task ids, and reports the bad entry's index", () => {
        const ids = Array.from({ length: 101 }, (_, i) => `t-task${String(i).padStart(4, "0")}`);
        assert.match(failures({ service: "ecs", taskIds: ids }).taskIds, /at most 100 task ids/);
        assert.match(failures({ service: "ecs", taskIds: ["t-good1234", "bad"] })["taskIds[1]"], /not an ECS task id/);
    });

    it("requires exactly one way to say what to wait for", () => {
        assert.match(failures({ service: "ecs" }).taskId, /set one of taskId, taskIds, or resourceIds/);
        assert.match(
            failures({ service: "ecs", taskId: "t-abcd1234", resourceIds: ["m-abcd1234"], taskAction: "ImportImage" }).resourceIds,
            /set only one of taskId and resourceIds/,
        );
        assert.match(failures({ service: "ecs", resourceIds: ["m-abcd1234"] }).taskAction, /required with resourceIds/);
        assert.match(failures({ service: "ecs", taskId: "t-abcd1234", taskAction: "ImportImage" }).taskAction, /only used with resourceIds/);
    });

    it("rejects unknown services and unknown properties", () => {
        assert.match(failures({ service: "rds", taskId: "t-abcd1234" }).service, /"rds" is not a supported service/);
        assert.match(failures({ taskId: "t-abcd1234" }).service, /required/);
        assert.match(failures({ service: "ecs", taskId: "t-abcd1234", taskid: "x" }).taskid, /unknown property/);
    });

    it("does not judge values that are unknown during preview, but counts them as set", () => {
        const v = validateInputs(taskWaiterInputsSchema, { service: "ecs", taskId: UNKNOWN_VALUE });
        assert.deepStrictEqual(v.failures, []);
        assert.strictEqual(v.hasUnknowns, true);
        assert.strictEqual(v.value, undefined);
        const both = failures({ service: "ecs", taskId: UNKNOWN_VALUE, taskIds: ["t-abcd1234"] });
        assert.ok(both.taskIds, "still one selector only");
    });

    it("rejects wrong types with a message, never a stack trace", () => {
        const f = failures({ service: "ecs", taskId: 42, timeout: 30, failOnPartialFailure: "yes", taskIds: "t-abcd1234" });
        assert.match(f.taskId, /must be an ECS task id/);
        assert.match(f.timeout, /must be a duration string/);
        assert.match(f.failOnPartialFailure, /true or false/);
    });
});

/** `check` as the lifecycle runs it (region given: no configuration needed). */
async function checked(raw: Record<string, unknown>): Promise<Record<string, string>> {
    const result = await taskWaiterLifecycle(createRuntime({ settings: readSettings({ get: () => undefined }, {}) })).check(
        {},
        { region: "cn-hangzhou", ...raw },
    );
    return Object.fromEntries((result.failures ?? []).map((f) => [f.property, f.reason]));
}

// Hardening: inputs that were accepted and should not be. Duplicate ids multiplied the counts
// (--task-ids T,T,T gave successCount 9); durations like "1h1h" passed.
describe("inputs: TaskWaiter hardening", () => {
    it("rejects a task id listed twice, naming the index of the repeat and of the first", async () => {
        const f = await checked({ service: "ecs", taskIds: ["t-abcd1234", "t-efgh5678", "t-abcd1234"] });
        assert.match(f["taskIds[2]"], /"t-abcd1234" is listed twice \(also at taskIds\[0\]\): list each task once/);
        assert.match(
            (await checked({ service: "ecs", resourceIds: ["m-abcd1234", "m-abcd1234"], taskAction: "ImportImage" }))["resourceIds[1]"],
            /listed twice/,
        );
        assert.deepStrictEqual(await checked({ service: "ecs", taskIds: ["t-abcd1234", "t-efgh5678"] }), {});
    });

    it("takes each unit of a duration once, largest first", async () => {
        for (const bad of ["1h1h", "30s5m", "1m1m", "5s500ms500ms", "1.5h30m"]) {
            assert.strictEqual(parseDuration(bad), undefined, bad);
        }
        assert.strictEqual(parseDuration("1h30m"), 5_400_000);
        assert.strictEqual(parseDuration("1m30s500ms"), 90_500);
        assert.strictEqual(parseDuration("1.5h"), 5_400_000);
        assert.match(
            (await checked({ service: "ecs", taskId: "t-abcd1234", timeout: "1h1h" })).timeout,
            /"1h1h" is not a duration: .*each unit once, largest first/,
        );
    });
});
