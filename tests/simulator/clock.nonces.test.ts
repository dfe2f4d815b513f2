/** The task clock (scaled or manual) and the nonce cache's window and bound. */
import { strict as assert } from "node:assert";
import { setTimeout as sleep } from "node:timers/promises";
import { ManualClock, ScaledClock, startSimulator } from "../../simulator";
import { NonceCache } from "../../simulator/nonces";

describe("simulator: clocks and nonces", () => {
    it("runs a scaled clock `speed` times faster than real time", () => {
        // real time as the clock reads it (Date.now), moved by the test: exact, whatever the machine's load
        const realNow = Date.now;
        let now = 1_700_000_000_000;
        Date.now = () => now;
        try {
            const clock = new ScaledClock(60);
            assert.equal(clock.now(), 1_700_000_000_000, "starts at the real time");
            now += 100;
            assert.equal(clock.now(), 1_700_000_000_000 + 6_000);
            now += 1_000;
            assert.equal(clock.now(), 1_700_000_000_000 + 66_000);
        } finally {
            Date.now = realNow;
        }
        assert.throws(() => new ScaledClock(0), RangeError);
    });

    it("moves a manual clock only forward, and only when told", () => {
        const clock = new ManualClock(1_000);
        assert.equal(clock.now(), 1_000);
        assert.equal(clock.advance(500), 1_500);
        assert.throws(() => clock.advance(-1), RangeError);
    });

    it("runs a simulator's tasks on its speed", async () => {
        const sim = await startSimulator({ speed: 600 });
        try {
            const task = sim.createTask({ service: "ecs", action: "ImportImage", durationMs: 60_000, outcome: "success" });
            await sleep(150); // 90 s of task time
            assert.equal(sim.getTask(task.taskId)?.phase, "succeeded");
        } finally {
            await sim.close();
        }
    });

    it("refuses a nonce within its window, forgets it after, and stays bounded", () => {
        const nonces = new NonceCache(1_000, 3);
        assert.equal(nonces.remember("a", 0), true);
        assert.equal(nonces.remember("a", 999), false);
        assert.equal(nonces.remember("a", 1_000), true);
        for (const n of ["b", "c", "d", "e"]) nonces.remember(n, 1_500);
        assert.equal(nonces.size, 3);
    });
});
