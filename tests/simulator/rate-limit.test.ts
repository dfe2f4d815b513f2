/** The per-action rate limit mode: throttling beyond N requests per second, as a gateway would. */
import { strict as assert } from "node:assert";
import { setTimeout as sleep } from "node:timers/promises";
import type RPCClient = require("@alicloud/pop-core");
import { SIMULATOR_ACCESS_KEY, startSimulator, type Simulator } from "../../simulator";
import { ecsClient, rawRequest, signedQuery } from "./helpers";

interface Tally {
    ok: number;
    throttled: number;
    other: string[];
}

describe("simulator: rate limits", () => {
    let sim: Simulator;
    let client: RPCClient;

    beforeEach(async () => {
        sim = await startSimulator();
        client = ecsClient(sim);
    });
    afterEach(() => sim.close());

    /** n concurrent calls of one action. */
    const burst = async (n: number, action = "DescribeTasks", code = "Throttling.User"): Promise<Tally> => {
        const params = action === "DescribeTasks" ? { RegionId: "cn-hangzhou" } : { RegionId: "cn-hangzhou", TaskId: "t-none" };
        const results = await Promise.all(
            Array.from({ length: n }, () =>
                client.request(action, params).then(
                    () => "ok",
                    (err: { code: string }) => err.code,
                ),
            ),
        );
        const tally: Tally = { ok: 0, throttled: 0, other: [] };
        for (const r of results) {
            // DescribeTaskAttribute of a missing task is an answer from the service, i.e. admitted.
            if (r === "ok" || r === "InvalidTaskId.NotFound") tally.ok++;
            else if (r === code) tally.throttled++;
            else tally.other.push(r);
        }
        return tally;
    };

    it("admits perSecond calls per action in any second and throttles the rest", async () => {
        sim.faults.add({ rateLimit: { perSecond: 5 } });
        assert.deepEqual(await burst(12), { ok: 5, throttled: 7, other: [] });
        // Another action has its own allowance.
        assert.deepEqual(await burst(6, "DescribeTaskAttribute"), { ok: 5, throttled: 1, other: [] });
        assert.equal(sim.stats().faults.rateLimit, 8);
        assert.equal(sim.stats().errors["Throttling.User"], 8);

        await sleep(1_050);
        assert.deepEqual(await burst(5), { ok: 5, throttled: 0, other: [] });
    });

    it("says in x-acs-retry-after (ms) when a slot frees up, unless told not to", async () => {
        sim.faults.add({ rateLimit: { perSecond: 1, code: "Throttling", status: 429 } });
        const query = () => "/?" + signedQuery("GET", { Action: "DescribeTasks", RegionId: "cn-hangzhou" }, SIMULATOR_ACCESS_KEY);
        assert.equal((await rawRequest(sim.url, query())).status, 200);
        const refused = await rawRequest(sim.url, query());
        assert.deepEqual([refused.status, refused.json().Code], [429, "Throttling"]);
        const retryAfter = Number(refused.headers["x-acs-retry-after"]);
        assert.ok(retryAfter >= 1 && retryAfter <= 1000, `retry after ${retryAfter} ms`);
        await sleep(retryAfter + 20);
        assert.equal((await rawRequest(sim.url, query())).status, 200);

        sim.faults.clear();
        sim.faults.add({ rateLimit: { perSecond: 1, retryAfter: false } });
        await rawRequest(sim.url, query());
        const bare = await rawRequest(sim.url, query());
        assert.deepEqual([bare.status, bare.headers["x-acs-retry-after"]], [400, undefined]);
    });

    it("holds 500 concurrent waiters to the limit", async () => {
        sim.faults.add({ rateLimit: { perSecond: 20, code: "Throttling.User" } });
        const started = Date.now();
        const tally = await burst(500);
        // Normally all 500 arrive within one second; a slow machine may straddle a second or two.
        const windows = 1 + Math.floor((Date.now() - started) / 1000);
        assert.deepEqual(tally.other, []);
        assert.equal(tally.ok + tally.throttled, 500);
        assert.ok(tally.ok >= 20 && tally.ok <= 20 * windows, `${tally.ok} admitted in ${windows} second(s)`);
    });
});
