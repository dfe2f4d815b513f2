/**
 * Hardening: /__sim/stats counts calls by name only for actions the simulator serves, so made-up
 * actions (unsigned, or signed with the well-known fake keys) cannot add a key per request.
 */
import { strict as assert } from "node:assert";
import { ManualClock, startSimulator, type Simulator } from "../../simulator";
import { ecsClient, expectApiError, rawRequest, signedQuery, signedRoaHeaders } from "./helpers";

describe("simulator: call counters bounded to the actions it serves", () => {
    let sim: Simulator;

    beforeEach(async () => {
        sim = await startSimulator({ clock: new ManualClock(Date.UTC(2025, 0, 1)) });
    });
    afterEach(() => sim.close());

    it("200 made-up unsigned actions are one key, (unknown); the answers still name each action", async () => {
        for (let i = 0; i < 200; i++) {
            const res = await rawRequest(sim.url, `/?Action=Made${i}&Version=2014-05-26`);
            assert.equal(res.json().Code, "InvalidAction.NotFound");
            if (i === 0) assert.match(res.json().Message, /Action=Made0, Version=2014-05-26/);
        }
        const stats = (await rawRequest(sim.url, "/__sim/stats")).json();
        assert.deepEqual(stats.calls, { "(unknown)": 200 });
        assert.deepEqual([stats.total, stats.errors], [200, { "InvalidAction.NotFound": 200 }]);
    });

    it("signed made-up actions and unknown ROA paths count under (unknown) too; known actions by name; no Action as (none)", async () => {
        await expectApiError(ecsClient(sim).request("DescribeNothing", {}));
        await rawRequest(sim.url, "/?" + signedQuery("GET", { Action: "DescribeAnything" }, sim.credentials.accessKey));
        const path = "/api/v1/nowhere";
        await rawRequest(sim.url, path, { headers: signedRoaHeaders("GET", path, sim.credentials.accessKey) });
        await ecsClient(sim).request("DescribeTasks", { RegionId: "cn-hangzhou" });
        await rawRequest(sim.url, "/?Version=2014-05-26");
        assert.deepEqual(sim.stats().calls, { "(unknown)": 3, DescribeTasks: 1, "(none)": 1 });
    });

    it("a scripted action is known while a script serves it, unknown once the script is gone", async () => {
        const script = sim.scriptApi({ version: "2014-05-26", action: "DescribeInstances", answers: [{ body: {} }] });
        await ecsClient(sim).request("DescribeInstances", {});
        await rawRequest(sim.url, `/__sim/apis/${script.id}`, { method: "DELETE" });
        await expectApiError(ecsClient(sim).request("DescribeInstances", {}));
        assert.deepEqual(sim.stats().calls, { DescribeInstances: 1, "(unknown)": 1 });
    });
});
