/**
 * The per-action rate limit mode: throttling beyond N requests per second, as a gateway would. The window is one
 * second of REAL time (a gateway counts real seconds), so exact counts are checked on the limiter with explicit
 * times; through the server, a burst is checked against what any number of seconds it took allows.
 */
import { strict as assert } from "node:assert";
import type RPCClient = require("@alicloud/pop-core");
import { SIMULATOR_ACCESS_KEY, startSimulator, type Simulator } from "../../simulator";
import { RateLimiter } from "../../simulator/rateLimit";
import { sleep } from "../support/wait";
import { ecsClient, rawRequest, signedQuery, type RawResponse } from "./helpers";

interface Tally {
    ok: number;
    throttled: number;
    other: string[];
}

describe("simulator: the rate limiter's sliding window", () => {
    it("admits perSecond requests per key in any 1000 ms, and says in how many ms a slot frees up", () => {
        const limiter = new RateLimiter(5);
        const answers = Array.from({ length: 12 }, () => limiter.admit("DescribeTasks", 0));
        assert.deepEqual(answers, [...Array(5).fill(undefined), ...Array(7).fill(1000)]);
        assert.equal(limiter.admit("DescribeTaskAttribute", 0), undefined, "another key has its own allowance");
        assert.equal(limiter.admit("DescribeTasks", 999), 1, "refused requests used up nothing: the first slot frees at 1000");
        assert.equal(limiter.admit("DescribeTasks", 1000), undefined);
    });

    it("slides: a slot frees up a second after the request that took it, not at a fixed boundary", () => {
        const limiter = new RateLimiter(2);
        assert.equal(limiter.admit("k", 0), undefined);
        assert.equal(limiter.admit("k", 600), undefined);
        assert.equal(limiter.admit("k", 900), 100);
        assert.equal(limiter.admit("k", 1000), undefined);
        assert.equal(limiter.admit("k", 1100), 500, "the request at 600 holds its slot until 1600");
        assert.equal(limiter.admit("k", 1600), undefined);
    });
});

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
                    (err: { code?: string; name: string }) => err.code ?? err.name,
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

    /** Runs `body` and returns what it returned with the number of one-second windows it overlapped. */
    async function timed<T>(body: () => Promise<T>): Promise<{ value: T; windows: number }> {
        const started = Date.now();
        const value = await body();
        // a burst normally arrives within one second; a loaded machine may straddle a second or two
        return { value, windows: 1 + Math.floor((Date.now() - started) / 1000) };
    }

    it("admits perSecond calls per action in any second and throttles the rest", async () => {
        sim.faults.add({ rateLimit: { perSecond: 5 } });
        const { value, windows } = await timed(() => Promise.all([burst(12), burst(6, "DescribeTaskAttribute")]));
        const [tasks, attributes] = value;
        for (const [tally, n] of [
            [tasks, 12],
            [attributes, 6],
        ] as const) {
            assert.deepEqual(tally.other, []);
            assert.equal(tally.ok + tally.throttled, n);
            // each action has its own allowance: at least 5 of each, however the two bursts interleave
            assert.ok(tally.ok >= 5 && tally.ok <= 5 * windows, `${tally.ok} of ${n} admitted in ${windows} second(s)`);
        }
        const throttled = tasks.throttled + attributes.throttled;
        assert.equal(sim.stats().faults.rateLimit, throttled);
        assert.equal(sim.stats().errors["Throttling.User"], throttled);

        // a second later every slot is free again
        await sleep(1_050);
        assert.deepEqual(await burst(5), { ok: 5, throttled: 0, other: [] });
    });

    it("says in x-acs-retry-after (ms) when a slot frees up, unless told not to", async () => {
        const query = () => "/?" + signedQuery("GET", { Action: "DescribeTasks", RegionId: "cn-hangzhou" }, SIMULATOR_ACCESS_KEY);
        // five at once against one a second: all but one refused, unless the five took four seconds to arrive
        const five = () => Promise.all(Array.from({ length: 5 }, () => rawRequest(sim.url, query())));
        const refusedOf = (answers: RawResponse[]) => {
            assert.ok(answers.some((a) => a.status === 200));
            const refused = answers.filter((a) => a.status !== 200);
            assert.ok(refused.length > 0, "some were refused");
            return refused;
        };

        sim.faults.add({ rateLimit: { perSecond: 1, code: "Throttling", status: 429 } });
        for (const refused of refusedOf(await five())) {
            assert.deepEqual([refused.status, refused.json().Code], [429, "Throttling"]);
            const retryAfter = Number(refused.headers["x-acs-retry-after"]);
            assert.ok(retryAfter >= 1 && retryAfter <= 1000, `retry after ${retryAfter} ms`);
        }
        await sleep(1_020);
        assert.equal((await rawRequest(sim.url, query())).status, 200, "admitted once the window has passed");

        sim.faults.clear();
        sim.faults.add({ rateLimit: { perSecond: 1, retryAfter: false } });
        for (const bare of refusedOf(await five())) assert.deepEqual([bare.status, bare.headers["x-acs-retry-after"]], [400, undefined]);
    });

    it("holds 500 concurrent waiters to the limit", async () => {
        sim.faults.add({ rateLimit: { perSecond: 20, code: "Throttling.User" } });
        const { value: tally, windows } = await timed(() => burst(500));
        assert.deepEqual(tally.other, []);
        assert.equal(tally.ok + tally.throttled, 500);
        assert.ok(tally.ok >= 20 && tally.ok <= 20 * windows, `${tally.ok} admitted in ${windows} second(s)`);
    });
});
