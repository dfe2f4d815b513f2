/** Hardening: fault rules are bounded in number and in bytes (they had no limit at all). */
import { strict as assert } from "node:assert";
import { LimitError, ManualClock, startSimulator, type FaultRuleSpec, type Simulator } from "../../simulator";
import { postJson, rawRequest } from "./helpers";

/** The bounds, spelled out: a test that read them from the simulator could not fail when they vanish. */
const MAX_FAULT_RULES = 1000;
const MAX_FAULT_RULE_BYTES = 64 * 1024;
const MAX_FAULT_RULES_BYTES = 4 * 1024 * 1024;

/** A mutate rule that keeps a value of about `bytes` (a forged status to answer with). */
function bulkyRule(bytes: number): FaultRuleSpec {
    return { action: "DescribeTasks", seed: 1, fault: { kind: "mutate", set: { "TaskSet.Task.*.TaskStatus": "x".repeat(bytes) } } };
}

describe("simulator: fault rules within a budget", () => {
    let sim: Simulator;

    beforeEach(async () => {
        sim = await startSimulator({ clock: new ManualClock(Date.UTC(2025, 0, 1)) });
    });
    afterEach(() => sim.close());

    it(`holds at most ${MAX_FAULT_RULES} rules, then answers 409 saying how to remove some; a list that would pass it adds nothing`, async () => {
        sim.faults.add(Array.from({ length: MAX_FAULT_RULES - 1 }, () => ({ fault: "reset" as const })));
        const list = await postJson(sim.url, "/__sim/faults", [{ fault: "reset" }, { fault: "reset" }]);
        assert.equal(list.status, 409);
        assert.equal(
            list.json().message,
            "the simulator keeps at most 1000 fault rules (999 now, 2 more asked): remove some first (DELETE /__sim/faults/<id>, DELETE /__sim/faults)",
        );
        assert.equal(sim.faults.list().length, MAX_FAULT_RULES - 1, "all or none");
        assert.equal((await postJson(sim.url, "/__sim/faults", { fault: "reset" })).status, 201);
        assert.throws(
            () => sim.faults.add({ fault: "reset" }),
            (err: unknown) => err instanceof LimitError && err.status === 409,
        );
        assert.equal((await rawRequest(sim.url, "/__sim/faults/fault-1", { method: "DELETE" })).status, 200);
        assert.equal((await postJson(sim.url, "/__sim/faults", { fault: "reset" })).status, 201);
    });

    it(`refuses a rule over 64 KiB (${MAX_FAULT_RULE_BYTES} bytes) with 413, naming it by place in a list`, async () => {
        const one = await postJson(sim.url, "/__sim/faults", bulkyRule(MAX_FAULT_RULE_BYTES));
        assert.equal(one.status, 413);
        assert.match(one.json().message, /^the fault rule takes \d+ bytes, over the 64 KiB a fault rule may take: make it smaller$/);
        const list = await postJson(sim.url, "/__sim/faults", [{ fault: "reset" }, bulkyRule(MAX_FAULT_RULE_BYTES)]);
        assert.match(list.json().message, /^the fault rule \[1\] takes \d+ bytes, over the 64 KiB/);
        assert.deepEqual(sim.faults.list(), []);
    });

    it(`keeps at most 4 MiB (${MAX_FAULT_RULES_BYTES} bytes) of rules in all`, async () => {
        const each = 60 * 1024;
        const fit = Math.floor(MAX_FAULT_RULES_BYTES / (each + 200));
        for (let i = 0; i < fit; i++) sim.faults.add(bulkyRule(each));
        const res = await postJson(sim.url, "/__sim/faults", bulkyRule(each));
        assert.equal(res.status, 409);
        assert.match(res.json().message, /^the simulator keeps at most 4 MiB of fault rules \(\d+ bytes now, \d+ more asked\): remove some first/);
        assert.deepEqual((await rawRequest(sim.url, "/__sim/faults", { method: "DELETE" })).json(), { removed: fit });
        assert.equal((await postJson(sim.url, "/__sim/faults", bulkyRule(each))).status, 201, "room again once removed");
    });
});
