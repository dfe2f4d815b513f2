/** GET / PUT /__sim/task-templates/<service>, as the README's control table describes them. */
import { strict as assert } from "node:assert";
import { ManualClock, startSimulator, type Simulator } from "../../simulator";
import { ECD_API_VERSION, putJson, rawRequest, rpcClient } from "./helpers";

const put = (sim: Simulator, service: string, body: unknown) => putJson(sim.url, `/__sim/task-templates/${service}`, body);

describe("simulator: task templates for the tasks API calls start", () => {
    let sim: Simulator;
    const startExport = (params: Record<string, string> = {}) =>
        rpcClient(sim, ECD_API_VERSION).request<{ TaskId: string }>("CreateEcdReportTask", { TaskType: "RESOURCE_REPORT", SubType: "DESKTOP", ...params });

    beforeEach(async () => {
        sim = await startSimulator({ clock: new ManualClock(Date.UTC(2025, 0, 1)) });
    });
    afterEach(() => sim.close());

    it("GET answers the effective template: the service's defaults overlaid with what was set", async () => {
        assert.deepEqual((await rawRequest(sim.url, "/__sim/task-templates/ecd")).json(), { queuedMs: 2_000, durationMs: 30_000, outcome: "success" });
        assert.deepEqual((await rawRequest(sim.url, "/__sim/task-templates/sas")).json(), { queuedMs: 1_000, durationMs: 20_000, outcome: "success" });
        const set = await put(sim, "ecd", { durationMs: 5_000, langType: "en-GB" });
        assert.equal(set.status, 200);
        assert.deepEqual(set.json(), { queuedMs: 2_000, durationMs: 5_000, outcome: "success", langType: "en-GB" });
        assert.deepEqual((await rawRequest(sim.url, "/__sim/task-templates/ecd")).json(), set.json());
    });

    it("a PUT replaces the template set before (no merge); {} restores the defaults", async () => {
        await put(sim, "ecd", { durationMs: 5_000 });
        const replaced = await put(sim, "ecd", { outcome: "failed" });
        assert.deepEqual(replaced.json(), { queuedMs: 2_000, durationMs: 30_000, outcome: "failed" }, "durationMs 5000 is gone");
        assert.deepEqual((await put(sim, "ecd", {})).json(), { queuedMs: 2_000, durationMs: 30_000, outcome: "success" });
    });

    it("applies to tasks started afterwards; the call's own parameters win over it", async () => {
        const before = await startExport();
        await put(sim, "ecd", { queuedMs: 0, durationMs: 1_000, reportFileName: "from-template", langType: "en-GB" });
        const plain = await startExport();
        const named = await startExport({ ReportFileName: "from-call", LangType: "zh-CN" });
        assert.deepEqual(
            [sim.getTask(before.TaskId)?.durationMs, sim.getTask(plain.TaskId)?.durationMs],
            [30_000, 1_000],
            "a task already started keeps its timeline",
        );
        assert.deepEqual(sim.getTask(plain.TaskId)?.details, { ...sim.getTask(plain.TaskId)?.details, reportFileName: "from-template", langType: "en-GB" });
        assert.deepEqual(sim.getTask(named.TaskId)?.details, { ...sim.getTask(named.TaskId)?.details, reportFileName: "from-call", langType: "zh-CN" });
    });

    it("refuses services no API call starts tasks of, and unknown ones, with 400; a refused PUT changes nothing", async () => {
        for (const service of ["ecs", "bdrc"]) {
            for (const res of [await put(sim, service, { durationMs: 1 }), await rawRequest(sim.url, `/__sim/task-templates/${service}`)]) {
                assert.equal(res.status, 400, service);
                assert.match(
                    res.json().message,
                    new RegExp(`^no API call starts ${service} tasks, so ${service} has no template: templates are for ecd, sas$`),
                );
            }
        }
        assert.match((await put(sim, "ecz", {})).json().message, /^unknown service "ecz": use one of ecs, bdrc, ecd, sas$/);
        await put(sim, "sas", { outcome: "stuck" });
        assert.equal((await put(sim, "sas", { outcome: "failed" })).status, 400);
        assert.equal((await rawRequest(sim.url, "/__sim/task-templates/sas")).json().outcome, "stuck");
    });
});
