/**
 * Hardening: scripted APIs are bounded in bytes as well as in number (200 scripts of 900 KB once
 * took the simulator to 280 MB), and a removed script's route leaves the registry.
 */
import { strict as assert } from "node:assert";
import { LimitError, ManualClock, startSimulator, type ScriptedApiSpec, type Simulator } from "../../simulator";
import { expectApiError, postJson, rawRequest, rpcClient } from "./helpers";

/** The bounds, spelled out: a test that read them from the simulator could not fail when they vanish. */
const MAX_SCRIPTS = 1000;
const MAX_SCRIPT_BYTES = 256 * 1024;
const MAX_SCRIPTS_BYTES = 16 * 1024 * 1024;
const VERSION = "2014-05-26";

/** A script whose JSON takes exactly `bytes` (its answer's body pads it out). */
function scriptOf(bytes: number, action = "DescribeInstances", match?: Record<string, string>): ScriptedApiSpec {
    const spec: ScriptedApiSpec = { version: VERSION, action, ...(match ? { match } : {}), answers: [{ body: { Pad: "" } }] };
    const padding = bytes - Buffer.byteLength(JSON.stringify(spec));
    return { ...spec, answers: [{ body: { Pad: "p".repeat(padding) } }] };
}

describe("simulator: scripted APIs within a byte budget", () => {
    let sim: Simulator;

    beforeEach(async () => {
        sim = await startSimulator({ clock: new ManualClock(Date.UTC(2025, 0, 1)) });
    });
    afterEach(() => sim.close());

    it(`refuses a script over 256 KiB (${MAX_SCRIPT_BYTES} bytes) with 413 naming the cap, in process and over the control API`, async () => {
        sim.scriptApi(scriptOf(MAX_SCRIPT_BYTES));
        const over = scriptOf(MAX_SCRIPT_BYTES + 1, "DescribeImages");
        assert.throws(
            () => sim.scriptApi(over),
            (err: unknown) => err instanceof LimitError && err.status === 413 && /over the 256 KiB a script may take/.test(err.message),
        );
        const issue = scriptOf(900 * 1024, "DescribeImages");
        const res = await postJson(sim.url, "/__sim/apis", issue);
        assert.equal(res.status, 413);
        assert.equal(res.json().message, `the script takes ${900 * 1024} bytes, over the 256 KiB a script may take: make it smaller`);
        assert.equal(sim.scriptedApis().length, 1, "nothing of a refused script is kept");
    });

    it(`keeps at most 16 MiB (${MAX_SCRIPTS_BYTES} bytes) of scripts in all: then 409 until some are removed`, async () => {
        const each = MAX_SCRIPT_BYTES;
        const fit = MAX_SCRIPTS_BYTES / each;
        for (let i = 0; i < fit; i++) sim.scriptApi(scriptOf(each, "DescribeInstances", { InstanceIds: `i-${i}` }));
        const refused = await postJson(sim.url, "/__sim/apis", scriptOf(100, "DescribeImages"));
        assert.equal(refused.status, 409);
        assert.match(
            refused.json().message,
            /^the simulator keeps at most 16 MiB of scripts \(16777216 bytes now, 100 more asked\): remove some first \(DELETE \/__sim\/apis\/<id>/,
        );

        // replacing a script (same route and match) counts its replacement, not both
        sim.scriptApi(scriptOf(each, "DescribeInstances", { InstanceIds: "i-0" }));
        assert.equal((await rawRequest(sim.url, `/__sim/apis/${sim.scriptedApis()[0].id}`, { method: "DELETE" })).status, 200);
        assert.equal((await postJson(sim.url, "/__sim/apis", scriptOf(100, "DescribeImages"))).status, 201);
    });

    it(`keeps at most ${MAX_SCRIPTS} scripts, then answers 409 saying how to remove some`, async () => {
        for (let i = 0; i < MAX_SCRIPTS; i++) sim.scriptApi({ version: VERSION, action: "DescribeInstances", match: { Id: `${i}` }, answers: [{ body: {} }] });
        const res = await postJson(sim.url, "/__sim/apis", { version: VERSION, action: "DescribeImages", answers: [{ body: {} }] });
        assert.equal(res.status, 409);
        assert.match(res.json().message, /^the simulator keeps at most 1000 scripts \(1000 now, 1 more asked\): remove some first/);
        assert.deepEqual((await rawRequest(sim.url, "/__sim/apis", { method: "DELETE" })).json(), { removed: MAX_SCRIPTS });
    });

    it("a route leaves with its last script: the action is unknown again, and can be scripted anew", async () => {
        const client = rpcClient(sim, VERSION);
        const first = sim.scriptApi({ version: VERSION, action: "DescribeInstances", answers: [{ body: { Round: 1 } }] });
        assert.equal((await client.request<{ Round: number }>("DescribeInstances", {})).Round, 1);
        await rawRequest(sim.url, `/__sim/apis/${first.id}`, { method: "DELETE" });
        const gone = await expectApiError(client.request("DescribeInstances", {}));
        assert.equal(gone.code, "InvalidAction.NotFound");
        assert.match(String(gone.data.Message), /^Specified api is not found, please check your url and method\. \(Action=DescribeInstances/);
        sim.scriptApi({ version: VERSION, action: "DescribeInstances", answers: [{ body: { Round: 2 } }] });
        assert.equal((await client.request<{ Round: number }>("DescribeInstances", {})).Round, 2);
    });
});
