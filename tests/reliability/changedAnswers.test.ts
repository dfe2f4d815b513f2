// Answers that change under the waiter. A response whose shape changed (a field removed, or of
// another type) fails at once with a message naming the API and the field, never with `undefined`
// in the outputs; optional fields that go missing are tolerated. A task that disappears after it
// was seen is reported as such at the next poll, not waited on until the deadline.
// Run in this process through the lifecycle (check + create), against the simulator.
import * as assert from "assert";
import { FaultRuleSpec, Simulator, startSimulator } from "../../simulator";
import { table } from "../support/table";
import { Kind, checkAndCreate, configureAgainst, createFails, isolateRuntime, quietly } from "./support";

type Service = "ecs" | "bdrc" | "ecd" | "sas";

const WAIT = { timeout: "30s", pollInterval: { min: "200ms", max: "400ms" } };
/**
 * "At once", "not at the deadline": half the 30 s deadline. These waits end within a few polls (under a second);
 * a loaded machine adds a second or two, not fifteen. How many polls it took is asserted by call counts.
 */
const BEFORE_THE_DEADLINE_MS = 15_000;
const KIND: Record<Service, Kind> = { ecs: "TaskWaiter", bdrc: "TaskWaiter", ecd: "ReportExport", sas: "ReportExport" };
const START_REQUEST = { ecd: { taskType: "RESOURCE_REPORT", subType: "DESKTOP" }, sas: { exportType: "exportHcWarning" } };

function newTask(sim: Simulator, service: Service, durationMs: number): string {
    const region = service === "bdrc" || service === "sas" ? "cn-shanghai" : "cn-hangzhou";
    return sim.createTask({ service, region, ...(service === "ecs" ? { action: "ImportImage" } : {}), durationMs, outcome: "success" }).taskId;
}

function inputsFor(service: Service, taskId: string, name: string): Record<string, unknown> {
    const region = service === "bdrc" || service === "sas" ? "cn-shanghai" : "cn-hangzhou";
    const selector = service === "sas" ? { exportId: Number(taskId) } : { taskId };
    return { service, region, ...selector, ...WAIT, resourceName: name };
}

interface ShapeCase {
    service: Service;
    what: string;
    action: string;
    remove?: string[];
    set?: Record<string, unknown>;
    /** What the message must name: the API and the field. */
    api: string;
    field: string;
    /** What the message says about the field. */
    problem: RegExp;
}

const SHAPE_CASES: ShapeCase[] = [
    {
        service: "ecs",
        what: "TaskId removed",
        action: "DescribeTasks",
        remove: ["TaskSet.Task.*.TaskId"],
        api: "ECS DescribeTasks",
        field: "TaskSet.Task[0].TaskId",
        problem: /missing \(expected \w+\)/,
    },
    {
        service: "ecs",
        what: "TaskStatus a number",
        action: "DescribeTasks",
        set: { "TaskSet.Task.*.TaskStatus": 3 },
        api: "ECS DescribeTasks",
        field: "TaskSet.Task[0].TaskStatus",
        problem: /expected string, got number/,
    },
    {
        service: "ecs",
        what: "Task not a list",
        action: "DescribeTasks",
        set: { "TaskSet.Task": "none" },
        api: "ECS DescribeTasks",
        field: "TaskSet.Task",
        problem: /expected array, got string/,
    },
    {
        service: "ecs",
        what: "TotalCount text",
        action: "DescribeTasks",
        set: { TotalCount: "many" },
        api: "ECS DescribeTasks",
        field: "TotalCount",
        problem: /got string \(expected number or string in the documented format\)/,
    },
    {
        service: "ecs",
        what: "details: TaskStatus removed",
        action: "DescribeTaskAttribute",
        remove: ["TaskStatus"],
        api: "ECS DescribeTaskAttribute",
        field: "TaskStatus",
        problem: /missing \(expected \w+\)/,
    },
    {
        service: "ecs",
        what: "details: TaskProcess a number",
        action: "DescribeTaskAttribute",
        set: { TaskProcess: 100 },
        api: "ECS DescribeTaskAttribute",
        field: "TaskProcess",
        problem: /expected string, got number/,
    },
    {
        service: "bdrc",
        what: "Data removed",
        action: "DescribeTask",
        remove: ["Data"],
        api: "BDRC DescribeTask",
        field: "Data",
        problem: /missing \(expected \w+\)/,
    },
    {
        service: "bdrc",
        what: "TaskStatus null",
        action: "DescribeTask",
        set: { "Data.TaskStatus": null },
        api: "BDRC DescribeTask",
        field: "Data.TaskStatus",
        problem: /expected string, got null/,
    },
    {
        service: "bdrc",
        what: "Progress text",
        action: "DescribeTask",
        set: { "Data.Progress": "half" },
        api: "BDRC DescribeTask",
        field: "Data.Progress",
        problem: /got string \(expected number or string in the documented format\)/,
    },
    {
        service: "ecd",
        what: "Status removed",
        action: "DescribeEcdReportTasks",
        remove: ["ExportTaskList.*.Status"],
        api: "ECD DescribeEcdReportTasks",
        field: "ExportTaskList[0].Status",
        problem: /missing \(expected \w+\)/,
    },
    {
        service: "ecd",
        what: "ExportTaskList text",
        action: "DescribeEcdReportTasks",
        set: { ExportTaskList: "none" },
        api: "ECD DescribeEcdReportTasks",
        field: "ExportTaskList",
        problem: /expected array, got string/,
    },
    {
        service: "ecd",
        what: "TaskId a number",
        action: "DescribeEcdReportTasks",
        set: { "ExportTaskList.*.TaskId": 7 },
        api: "ECD DescribeEcdReportTasks",
        field: "ExportTaskList[0].TaskId",
        problem: /expected string, got number/,
    },
    {
        service: "sas",
        what: "ExportStatus removed",
        action: "DescribeExportInfo",
        remove: ["ExportStatus"],
        api: "Security Center DescribeExportInfo",
        field: "ExportStatus",
        problem: /missing \(expected \w+\)/,
    },
    {
        service: "sas",
        what: "ExportStatus a number",
        action: "DescribeExportInfo",
        set: { ExportStatus: 2 },
        api: "Security Center DescribeExportInfo",
        field: "ExportStatus",
        problem: /expected string, got number/,
    },
    {
        service: "sas",
        what: "Link an object",
        action: "DescribeExportInfo",
        set: { Link: { url: "x" } },
        api: "Security Center DescribeExportInfo",
        field: "Link",
        problem: /expected string, got object/,
    },
];

/**
 * Optional fields gone (every field is optional in Alibaba's official models; a wait needs only which
 * task and its status): the wait still succeeds, and the outputs say nothing about them rather than "undefined".
 */
const TOLERATED: { service: Service; action: string; remove: string[] }[] = [
    {
        service: "ecs",
        action: "DescribeTasks",
        remove: ["RequestId", "TotalCount", "TaskSet.Task.*.ResourceId", "TaskSet.Task.*.CreationTime", "TaskSet.Task.*.SupportCancel"],
    },
    { service: "ecs", action: "DescribeTaskAttribute", remove: ["RequestId", "TaskId", "TaskProcess", "OperationProgressSet", "SuccessCount", "FailedCount"] },
    {
        service: "bdrc",
        action: "DescribeTask",
        remove: ["RequestId", "Data.TaskId", "Data.Progress", "Data.TaskName", "Data.StartTime", "Data.CompleteTime", "Data.TaskResult"],
    },
    {
        service: "ecd",
        action: "DescribeEcdReportTasks",
        remove: ["RequestId", "TotalCount", "ExportTaskList.*.Progress", "ExportTaskList.*.ReportFileName", "ExportTaskList.*.GmtCreate"],
    },
    { service: "sas", action: "DescribeExportInfo", remove: ["RequestId", "Progress", "FileName", "CurrentCount", "TotalCount"] },
];

describe("reliability: changed answers", function () {
    this.timeout(60_000);
    let sim: Simulator;
    const rows: (string | number)[][] = [];
    isolateRuntime();

    before(async () => {
        sim = await startSimulator();
        configureAgainst(sim);
    });
    after(async () => {
        await sim?.close();
        if (rows.length) console.log(table("changed answers: how each wait ended", ["service", "change", "calls", "ms", "message names"], rows));
    });
    afterEach(() => sim.faults.clear());

    describe("a changed response shape fails at once, naming the API and the field", () => {
        for (const c of SHAPE_CASES) {
            it(`${c.service}: ${c.what}`, async () => {
                // running at the first poll on any machine, so every case reads the same calls
                const taskId = newTask(sim, c.service, 3_600_000);
                sim.faults.add({ service: c.service, action: c.action, fault: { kind: "mutate", remove: c.remove, set: c.set } } as FaultRuleSpec);
                sim.resetStats();
                const started = Date.now();
                const error = await quietly(() => createFails(KIND[c.service], inputsFor(c.service, taskId, `shape-${c.service}`)));
                const elapsed = Date.now() - started;
                assert.ok(error.message.includes(`${c.api} returned an unexpected response: field ${c.field}:`), error.message);
                assert.match(error.message, c.problem);
                assert.ok(error.message.includes(taskId), `names the task: ${error.message}`);
                assert.doesNotMatch(error.message, /undefined|\[object Object\]|\n\s+at /);
                assert.ok(!("properties" in error), "no outputs recorded from a response that could not be read");
                assert.strictEqual(sim.stats().calls[c.action], 1, `not retried: ${JSON.stringify(sim.stats().calls)}`);
                assert.ok(elapsed < BEFORE_THE_DEADLINE_MS, `${elapsed} ms`);
                const said = error.message.split(`field ${c.field}: `)[1]?.split(" (RequestId")[0];
                rows.push([c.service, c.what, sim.stats().total, elapsed, `${c.api}: ${c.field}: ${said}`]);
            });
        }
    });

    describe("optional fields that go missing are tolerated, without undefined in the outputs", () => {
        for (const c of TOLERATED) {
            it(`${c.service}: ${c.action} without ${c.remove.join(", ")}`, async () => {
                const taskId = newTask(sim, c.service, 300);
                sim.faults.add({ service: c.service, action: c.action, fault: { kind: "mutate", remove: c.remove } });
                const created = await quietly(() => checkAndCreate(KIND[c.service], inputsFor(c.service, taskId, `tolerant-${c.service}`)));
                assert.ok(created.ok, created.ok ? "" : created.error.message);
                assert.strictEqual(created.outs.status, "succeeded");
                const text = JSON.stringify(created.outs);
                assert.doesNotMatch(text, /undefined|null|NaN|\[object Object\]/, text);
                for (const [key, value] of Object.entries(created.outs)) assert.notStrictEqual(value, undefined, key);
                rows.push([c.service, `optional fields removed (${c.remove.length})`, "-", "-", "succeeded"]);
            });
        }
    });

    describe("a task that disappears after it was seen is reported at once", () => {
        // a lone ECS wait lists its task once, then polls DescribeTaskAttribute
        const vanishing: { service: Service; action: string | string[]; start?: boolean }[] = [
            { service: "ecs", action: ["DescribeTasks", "DescribeTaskAttribute"] },
            { service: "bdrc", action: "DescribeTask" },
            { service: "ecd", action: "DescribeEcdReportTasks" },
            { service: "sas", action: "DescribeExportInfo" },
            { service: "ecd", action: "DescribeEcdReportTasks", start: true },
            { service: "sas", action: "DescribeExportInfo", start: true },
        ];
        for (const v of vanishing) {
            it(`${v.service}${v.start ? " (start mode)" : ""}: gone at the third poll`, async () => {
                // still running at the third poll on any machine: an hour long
                if (v.start) sim.setTaskTemplate(v.service, { queuedMs: 0, durationMs: 3_600_000, outcome: "success" });
                const taskId = v.start ? undefined : newTask(sim, v.service, 3_600_000);
                const name = `vanish-${v.service}`;
                const inputs = taskId
                    ? inputsFor(v.service, taskId, name)
                    : { service: v.service, region: "cn-shanghai", create: START_REQUEST[v.service as "ecd" | "sas"], ...WAIT, resourceName: name };
                sim.faults.add({ service: v.service, action: v.action, nth: [3], fault: "vanish" });
                const polled = new Set<string>();
                const removeLayer = sim.addLayer(async (call, next) => {
                    if ([v.action].flat().includes(call.action))
                        polled.add(call.params.TaskId ?? call.params.TaskIds ?? call.params.ExportId ?? call.pathParams.TaskId);
                    return next();
                });
                sim.resetStats();
                const started = Date.now();
                const error = await quietly(() => createFails(KIND[v.service], inputs)).finally(removeLayer);
                const elapsed = Date.now() - started;
                assert.strictEqual(polled.size, 1, "one task polled");
                const id = [...polled][0];
                if (taskId) assert.strictEqual(id, taskId);
                assert.match(
                    error.message,
                    new RegExp(`${KIND[v.service]} "${name}": .* ${id} disappeared after it was seen \\(last status \\w+ \\((pending|running)\\)`),
                );
                assert.match(error.message, /the API no longer returns it/);
                const polls = [v.action].flat().reduce((n, a) => n + (sim.stats().calls[a] ?? 0), 0);
                assert.strictEqual(polls, 3, "ended at the poll that did not find it");
                assert.ok(elapsed < BEFORE_THE_DEADLINE_MS, `${elapsed} ms, not the 30s deadline`);
                if (v.start) {
                    assert.strictEqual(sim.stats().calls[v.service === "ecd" ? "CreateEcdReportTask" : "ExportRecord"], 1, "no second export started");
                    sim.setTaskTemplate(v.service, {});
                }
                rows.push([v.service + (v.start ? " start" : ""), "task vanished at poll 3", sim.stats().total, elapsed, "disappeared after it was seen"]);
            });
        }
    });
});
