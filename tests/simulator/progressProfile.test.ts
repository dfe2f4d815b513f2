/** Progress profiles: what each API reports as progress over a run, through the real clients, on a manual clock. */
import { strict as assert } from "node:assert";
import type RPCClient = require("@alicloud/pop-core");
import { ManualClock, startSimulator, type Simulator } from "../../simulator";
import { bdrcClient, describeBdrcTask, ECD_API_VERSION, ecsClient, plain, postJson, rpcClient, SAS_API_VERSION, type RoaClient } from "./helpers";

const START = Date.UTC(2025, 2, 3, 4, 5, 6);
const RUN_MS = 100_000;
type Profile = "linear" | "s-curve" | "jump" | "stall" | "none";

/** The reported fraction at 25%, 50% and 75% of the run (progressProfile.ts, worked by hand). */
const EXPECTED: Record<Exclude<Profile, "none">, number[]> = {
    linear: [0.25, 0.5, 0.75],
    // smoothstep: x²(3 - 2x)
    "s-curve": [0.15625, 0.5, 0.84375],
    jump: [0, 0, 0],
    // up to 40% by 40% of the run, 30% until 60%, then 30% + (x - 0.6) * 0.7 / 0.4
    stall: [0.25, 0.3, 0.5625],
};

/** What each API says about progress: the raw fields, absent ones left out. */
interface Reading {
    ecs: Record<string, unknown>;
    bdrc: Record<string, unknown>;
    ecd: Record<string, unknown>;
    sas: Record<string, unknown>;
}

const pick = (from: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.filter((k) => k in from).map((k) => [k, from[k]]));

describe("simulator: progress profiles", () => {
    let sim: Simulator;
    let clock: ManualClock;
    let ecs: RPCClient;
    let bdrc: RoaClient;
    let ecd: RPCClient;
    let sas: RPCClient;

    before(async () => {
        clock = new ManualClock(START);
        sim = await startSimulator({ clock });
        ecs = ecsClient(sim);
        bdrc = bdrcClient(sim);
        ecd = rpcClient(sim, ECD_API_VERSION);
        sas = rpcClient(sim, SAS_API_VERSION);
    });
    after(() => sim.close());

    /** One task per service with this profile, all starting now. */
    function createTasks(profile: Profile) {
        const common = { durationMs: RUN_MS, queuedMs: 0, outcome: "success" as const, progressProfile: profile };
        return {
            ecs: sim.createTask({ service: "ecs", action: "ImportImage", ...common }).taskId,
            bdrc: sim.createTask({ service: "bdrc", ...common }).taskId,
            ecd: sim.createTask({ service: "ecd", ...common }).taskId,
            sas: sim.createTask({ service: "sas", ...common }).taskId,
        };
    }

    async function read(ids: ReturnType<typeof createTasks>): Promise<Reading> {
        const attribute = plain(await ecs.request<Record<string, unknown>>("DescribeTaskAttribute", { RegionId: "cn-hangzhou", TaskId: ids.ecs }));
        const task = plain(await describeBdrcTask<{ Data: Record<string, unknown> }>(bdrc, ids.bdrc)).Data;
        const report = plain(await ecd.request<{ ExportTaskList: Record<string, unknown>[] }>("DescribeEcdReportTasks", { TaskId: ids.ecd })).ExportTaskList[0];
        const info = plain(await sas.request<Record<string, unknown>>("DescribeExportInfo", { ExportId: ids.sas }));
        return {
            ecs: pick(attribute, ["TaskStatus", "TaskProcess"]),
            bdrc: pick(task, ["TaskStatus", "Progress"]),
            ecd: pick(report, ["Status", "Progress"]),
            sas: pick(info, ["ExportStatus", "Progress", "CurrentCount", "TotalCount"]),
        };
    }

    for (const profile of ["linear", "s-curve", "jump", "stall"] as const) {
        it(`${profile}: every API reports the profile's progress through the run, and 100% at its end`, async () => {
            const ids = createTasks(profile);
            for (const [i, fraction] of EXPECTED[profile].entries()) {
                clock.advance(RUN_MS / 4);
                const r = await read(ids);
                const at = `${profile} at ${(i + 1) * 25}% of the run`;
                const percent = Math.floor(fraction * 100 + 1e-9);
                assert.deepEqual(r.ecs, { TaskStatus: "Processing", TaskProcess: `${percent}%` }, at);
                assert.equal(r.bdrc.TaskStatus, "RUNNING", at);
                assert.ok(Math.abs((r.bdrc.Progress as number) - fraction * 10_000) <= 1, `${at}: bdrc ${r.bdrc.Progress}`);
                assert.ok(Math.abs((r.ecd.Progress as number) - fraction * 100) <= 0.1, `${at}: ecd ${r.ecd.Progress}`);
                assert.deepEqual(r.sas, { ExportStatus: "exporting", Progress: percent, CurrentCount: percent, TotalCount: 100 }, at);
            }
            clock.advance(RUN_MS / 4);
            const end = await read(ids);
            assert.deepEqual(end, {
                ecs: { TaskStatus: "Finished", TaskProcess: "100%" },
                bdrc: { TaskStatus: "COMPLETE", Progress: 10_000 },
                ecd: { Status: "FINISHED", Progress: 100 },
                sas: { ExportStatus: "success", Progress: 100, CurrentCount: 100, TotalCount: 100 },
            });
        });
    }

    it("stall: progress falls back from 39% to 30% at 40% of the run", async () => {
        const ids = createTasks("stall");
        clock.advance(0.39 * RUN_MS);
        assert.equal((await read(ids)).ecs.TaskProcess, "39%");
        clock.advance(0.02 * RUN_MS);
        assert.equal((await read(ids)).ecs.TaskProcess, "30%");
    });

    it("none: every API leaves its progress fields out, while the task runs and at its end", async () => {
        const ids = createTasks("none");
        clock.advance(RUN_MS / 2);
        assert.deepEqual(await read(ids), {
            ecs: { TaskStatus: "Processing" },
            bdrc: { TaskStatus: "RUNNING" },
            ecd: { Status: "RUNNING" },
            sas: { ExportStatus: "exporting", TotalCount: 100 },
        });
        clock.advance(RUN_MS / 2);
        assert.deepEqual(await read(ids), {
            ecs: { TaskStatus: "Finished" },
            bdrc: { TaskStatus: "COMPLETE" },
            ecd: { Status: "FINISHED" },
            sas: { ExportStatus: "success", TotalCount: 100 },
        });
        assert.equal(sim.getTask(ids.ecs)?.progressProfile, "none");
    });

    it("refuses an unknown progressProfile with a message naming the choices, from createTask and POST /__sim/tasks", async () => {
        const spec = { service: "ecs", action: "ImportImage", durationMs: 1000, outcome: "success", progressProfile: "wobbly" };
        const message = /progressProfile must be one of linear, s-curve, jump, stall, none/;
        assert.throws(() => sim.createTask(spec as never), message);
        for (const bad of ["wobbly", "", 3, null, "LINEAR"]) {
            const res = await postJson(sim.url, "/__sim/tasks", { ...spec, progressProfile: bad });
            assert.equal(res.status, 400, JSON.stringify(bad));
            assert.match(res.json().message, message);
        }
        // the default is linear
        const task = sim.createTask({ service: "ecs", action: "ImportImage", durationMs: 1000, outcome: "success" });
        assert.equal(sim.getTask(task.taskId)?.progressProfile, "linear");
    });
});
