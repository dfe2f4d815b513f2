// Permanent errors end a wait at the first answer, in every service: a bad signature, an unknown
// AccessKeyId, NoPermission, Forbidden.RAM and an expired timestamp (clock skew). The error names
// the API, the code and the RequestId; the call is never repeated until the deadline (30 s here).
// Run in this process through the lifecycle (check + create), against the simulator.
import * as assert from "assert";
import { FaultSpec, Simulator, startSimulator } from "../../simulator";
import { table } from "../support/table";
import { Kind, configureAgainst, createFails, isolateRuntime, quietly } from "./support";

type Service = "ecs" | "bdrc" | "ecd" | "sas";

interface Target {
    service: Service;
    kind: Kind;
    /** The API the error comes from, as messages name it. */
    api: string;
    action: string;
    inputs(sim: Simulator): Record<string, unknown>;
}

const WAIT = { timeout: "30s", pollInterval: { min: "1s", max: "2s" } };
/**
 * "Not at the deadline": half the 30 s deadline. A permanent error ends the wait within milliseconds; a loaded
 * machine adds a second or two, not fifteen. (That the call is never repeated is asserted by the call count.)
 */
const BEFORE_THE_DEADLINE_MS = 15_000;

const TARGETS: Target[] = [
    {
        service: "ecs",
        kind: "TaskWaiter",
        api: "ECS DescribeTasks",
        action: "DescribeTasks",
        inputs: (sim) => ({
            service: "ecs",
            region: "cn-hangzhou",
            taskId: sim.createTask({ service: "ecs", action: "ImportImage", durationMs: 5000, outcome: "success" }).taskId,
        }),
    },
    {
        service: "bdrc",
        kind: "TaskWaiter",
        api: "BDRC DescribeTask",
        action: "DescribeTask",
        inputs: (sim) => ({ service: "bdrc", region: "cn-shanghai", taskId: sim.createTask({ service: "bdrc", durationMs: 5000, outcome: "success" }).taskId }),
    },
    {
        service: "ecd",
        kind: "ReportExport",
        api: "ECD DescribeEcdReportTasks",
        action: "DescribeEcdReportTasks",
        inputs: (sim) => ({ service: "ecd", region: "cn-hangzhou", taskId: sim.createTask({ service: "ecd", durationMs: 5000, outcome: "success" }).taskId }),
    },
    {
        service: "sas",
        kind: "ReportExport",
        api: "Security Center DescribeExportInfo",
        action: "DescribeExportInfo",
        inputs: (sim) => ({
            service: "sas",
            region: "cn-shanghai",
            exportId: Number(sim.createTask({ service: "sas", durationMs: 5000, outcome: "success" }).taskId),
        }),
    },
];

interface Cause {
    code: string;
    /** Stack config that causes it (credentials), or a fault the service answers with. */
    config?: (sim: Simulator) => Record<string, string>;
    fault?: FaultSpec;
}

const WRONG_SECRET = "wrong-secret-never-shown-0001";
const CAUSES: Cause[] = [
    { code: "SignatureDoesNotMatch", config: () => ({ "alicloud:secretKey": WRONG_SECRET }) },
    { code: "InvalidAccessKeyId.NotFound", config: () => ({ "alicloud:accessKey": "SIMULATORUNKNOWNKEY01" }) },
    { code: "NoPermission", fault: { kind: "error", status: 403, code: "NoPermission", message: "You are not authorized to do this action." } },
    {
        code: "Forbidden.RAM",
        fault: { kind: "error", status: 403, code: "Forbidden.RAM", message: "User not authorized to operate on the specified resource." },
    },
    { code: "InvalidTimeStamp.Expired", fault: { kind: "clockSkew" } },
];

describe("reliability: permanent errors fail within one poll, naming the code and RequestId", function () {
    this.timeout(60_000);
    let sim: Simulator;
    const rows: (string | number)[][] = [];
    isolateRuntime();

    before(async () => {
        sim = await startSimulator();
    });
    after(async () => {
        await sim?.close();
        if (rows.length)
            console.log(
                table(
                    "permanent errors: one call, then a clear failure (timeout 30s, poll 1s..2s)",
                    ["service", "code", "calls", "ms", "code+RequestId named"],
                    rows,
                ),
            );
    });
    afterEach(() => sim.faults.clear());

    for (const target of TARGETS) {
        for (const cause of CAUSES) {
            it(`${target.service}: ${cause.code}`, async () => {
                configureAgainst(sim, cause.config?.(sim));
                if (cause.fault) sim.faults.add({ service: target.service, action: target.action, fault: cause.fault });
                const inputs = { ...target.inputs(sim), ...WAIT, resourceName: `perm-${target.service}` };
                sim.resetStats();
                const started = Date.now();
                const error = await quietly(() => createFails(target.kind, inputs));
                const elapsed = Date.now() - started;
                const stats = sim.stats();

                assert.strictEqual(stats.total, 1, `one call, never retried: ${JSON.stringify(stats.calls)}`);
                assert.strictEqual(stats.calls[target.action], 1);
                assert.ok(elapsed < BEFORE_THE_DEADLINE_MS, `failed after ${elapsed} ms, not at the deadline`);
                assert.ok(error.message.includes(`${target.kind} "perm-${target.service}"`), error.message);
                assert.ok(error.message.includes(`${target.api} failed: ${cause.code}`), error.message);
                assert.match(error.message, /RequestId [0-9A-F]{8}-[0-9A-F-]{27}/);
                assert.doesNotMatch(error.message, /undefined|\[object Object\]|\n\s+at /);
                assert.ok(!error.message.includes(WRONG_SECRET), "the secret is never shown");
                assert.ok(!("properties" in error), "nothing to resume: not recorded as a partial failure");
                rows.push([target.service, cause.code, stats.total, elapsed, "yes"]);
            });
        }
    }

    for (const [service, action, create, api] of [
        ["ecd", "CreateEcdReportTask", { taskType: "RESOURCE_REPORT", subType: "DESKTOP" }, "ECD CreateEcdReportTask"],
        ["sas", "ExportRecord", { exportType: "exportHcWarning" }, "Security Center ExportRecord"],
    ] as const) {
        it(`${service} start mode: ${action} refused with Forbidden.RAM starts nothing and is not retried`, async () => {
            configureAgainst(sim);
            sim.faults.add({ service, action, fault: { kind: "error", status: 403, code: "Forbidden.RAM", message: "User not authorized." } });
            sim.resetStats();
            const before = sim.listTasks().length;
            const error = await quietly(() => createFails("ReportExport", { service, region: "cn-shanghai", create, ...WAIT }));
            assert.deepStrictEqual(sim.stats().calls, { [action]: 1 });
            assert.strictEqual(sim.listTasks().length, before);
            assert.ok(error.message.includes(`could not start the`) && error.message.includes(`${api} failed: Forbidden.RAM`), error.message);
            assert.match(error.message, /RequestId [0-9A-F-]{36}/);
            assert.doesNotMatch(error.message, /may have started/, "a refusal cannot have started an export");
            rows.push([`${service} start`, "Forbidden.RAM", 1, "-", "yes"]);
        });
    }
});
