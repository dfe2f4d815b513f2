/** Hardening: the clock speed is bounded, in startSimulator() and on the command line (1e308 made every control call a 500). */
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import * as path from "node:path";
import { ScaledClock, startSimulator } from "../../simulator";
import { rawRequest } from "./helpers";

const CLI = path.resolve(__dirname, "../../simulator/cli.js");

function runCli(args: string[]): Promise<{ code: number | null; stderr: string }> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
        let stderr = "";
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
        // A CLI that wrongly starts prints its URL: stop it, so the test fails on the exit code rather than hanging.
        child.stdout.once("data", () => child.kill("SIGTERM"));
        child.once("error", reject);
        child.once("exit", (code) => resolve({ code, stderr }));
    });
}

describe("simulator: a bounded clock speed", () => {
    for (const speed of [1e308, Infinity, 1e7, 0, -1, NaN, 1e-9]) {
        it(`startSimulator({ speed: ${speed} }) refuses to start, saying what is allowed`, async () => {
            await assert.rejects(
                startSimulator({ speed }),
                (e: unknown) => e instanceof RangeError && /speed must be a number from 0\.001 to 1000000/.test(e.message),
            );
            assert.throws(() => new ScaledClock(speed), RangeError);
        });
    }

    it("runs at the bounds", async () => {
        for (const speed of [0.001, 1_000_000]) {
            const sim = await startSimulator({ speed });
            try {
                assert.equal((await rawRequest(sim.url, "/__sim/clock")).status, 200);
            } finally {
                await sim.close();
            }
        }
    });

    for (const arg of ["1e308", "1e7", "0.0001"]) {
        it(`the CLI refuses --speed ${arg} with the usage exit code (3, as alicloud-tasks) and the allowed range`, async () => {
            const { code, stderr } = await runCli(["--speed", arg]);
            assert.equal(code, 3);
            assert.match(stderr, /--speed must be a number from 0\.001 to 1000000/);
        });
    }
});
