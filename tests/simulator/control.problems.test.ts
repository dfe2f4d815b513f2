/** The control API names every bad field of a request in one 400 answer, each with its fix. */
import { strict as assert } from "node:assert";
import { InvalidFaultRuleError, InvalidTaskSpecError, ManualClock, startSimulator, type Simulator } from "../../simulator";
import { postJson, putJson as put } from "./helpers";

interface Problem {
    field: string;
    message: string;
}

/** The answer is a 400 whose problems are these fields, in order, and whose message says each problem. */
function assertProblems(res: { status: number; json(): { message: string; problems: Problem[] } }, expected: Array<[string, RegExp]>): void {
    assert.equal(res.status, 400);
    const { message, problems } = res.json();
    assert.deepEqual(
        problems.map((p) => p.field),
        expected.map(([field]) => field),
        message,
    );
    expected.forEach(([, pattern], i) => assert.match(problems[i].message, pattern));
    assert.ok(message.startsWith(`${expected.length} problems: `), message);
    for (const problem of problems) assert.ok(message.includes(problem.message), `${message} holds "${problem.message}"`);
}

describe("simulator: every bad field of a control request in one answer", () => {
    let sim: Simulator;

    before(async () => {
        sim = await startSimulator({ clock: new ManualClock(Date.UTC(2025, 0, 1)) });
    });
    after(() => sim.close());

    it("POST /__sim/tasks: the common fields, a misspelt one, and the service's own", async () => {
        const res = await postJson(sim.url, "/__sim/tasks", {
            service: "ecd",
            durationMs: -5,
            outcome: "partial",
            region: "cn-hangzou",
            langType: "fr-FR",
            urlTtl: 60_000,
            supportCancel: "yes",
        });
        assertProblems(res, [
            ["urlTtl", /^unknown field urlTtl for ecd \(did you mean urlTtlMs\?\): remove it$/],
            ["region", /^unknown region "cn-hangzou" for ecd \(did you mean cn-hangzhou\?\): use an Alibaba Cloud region id/],
            ["outcome", /^outcome must be one of success, failed for ecd$/],
            ["durationMs", /^durationMs must be an integer from 0 to \d+$/],
            ["supportCancel", /^supportCancel must be a boolean: true or false$/],
            ["langType", /^langType must be one of zh-CN, en-GB$/],
        ]);
    });

    it("a missing service is reported with the other fields, which are still checked", async () => {
        const res = await postJson(sim.url, "/__sim/tasks", { action: "ImportImage", outcome: "success", queuedMs: "soon", colour: "blue" });
        assertProblems(res, [
            ["service", /^service is required: one of ecs, bdrc, ecd, sas$/],
            ["colour", /^unknown field colour: remove it$/],
            ["durationMs", /^durationMs is required: the running time in ms/],
            ["queuedMs", /^queuedMs must be an integer from 0 to/],
        ]);
        const typo = await postJson(sim.url, "/__sim/tasks", { service: "ecz", durationMs: 1, outcome: "success" });
        assert.equal(typo.json().message, 'unknown service "ecz" (did you mean ecs?): use one of ecs, bdrc, ecd, sas');
    });

    it("one bad field answers as before: its message alone, with problems listing it", async () => {
        const res = await postJson(sim.url, "/__sim/tasks", { service: "ecs", action: "ImportImage", durationMs: 1, outcome: "maybe" });
        assert.equal(res.status, 400);
        assert.deepEqual(res.json(), {
            message: "outcome must be one of success, failed, partial for ecs",
            problems: [{ field: "outcome", message: "outcome must be one of success, failed, partial for ecs" }],
        });
    });

    it("a bad outcome is reported once: the operation counts are not checked against a stand-in", async () => {
        const res = await postJson(sim.url, "/__sim/tasks", { service: "ecs", action: "ImportImage", durationMs: 1, outcome: "partail", failedOperations: 1 });
        assert.deepEqual(res.json().problems, [
            { field: "outcome", message: "outcome must be one of success, failed, partial for ecs (did you mean partial?)" },
        ]);
    });

    it("in process, InvalidTaskSpecError carries the same problems", () => {
        assert.throws(
            () => sim.createTask({ service: "bdrc", durationMs: 1.5, outcome: "success", taskPriority: "URGENT" } as never),
            (err: unknown) =>
                err instanceof InvalidTaskSpecError &&
                err.problems.map((p) => p.field).join() === "durationMs,taskPriority" &&
                /^2 problems: durationMs .*; taskPriority must be one of HIGH, LOW$/.test(err.message),
        );
    });

    it("PUT /__sim/task-templates/<service>: fields a template cannot set and bad fields together", async () => {
        const res = await put(sim.url, "/__sim/task-templates/sas", { taskId: "1", action: "ExportRecord", durationMs: "long", lang: "de" });
        assertProblems(res, [
            ["action", /^a template cannot set action: it is the API call's; remove it$/],
            ["taskId", /^a template cannot set taskId/],
            ["durationMs", /^durationMs must be an integer/],
            ["lang", /^lang must be one of zh, en$/],
        ]);
        const ecs = await put(sim.url, "/__sim/task-templates/ecs", { durationMs: 1 });
        assert.equal(ecs.status, 400);
        assert.equal(ecs.json().message, "no API call starts ecs tasks, so ecs has no template: templates are for ecd, sas");
    });

    it("POST /__sim/faults: nested fields by path, and each rule of a list by its place", async () => {
        const one = await postJson(sim.url, "/__sim/faults", { rate: 2, window: { fromMs: 9, toMs: 1 }, fault: { kind: "error", cod: "X" } });
        assertProblems(one, [
            ["window", /^window\.fromMs must be before window\.toMs$/],
            ["rate", /^rate must be a number from 0 to 1$/],
            ["fault.cod", /^unknown field fault\.cod for kind error \(did you mean code\?\): remove it$/],
            ["fault.status", /^an error fault needs a status: fault\.status from 400 to 599$/],
            ["fault.code", /^an error fault needs a code/],
        ]);
        const list = await postJson(sim.url, "/__sim/faults", [{ fault: "reset" }, { fault: { kind: "latency" } }, { fault: "explode" }]);
        assertProblems(list, [
            ["[1].fault.ms", /^a latency fault needs \[1\]\.fault\.ms: 0 to \d+$/],
            ["[2].fault.kind", /^\[2\]\.fault\.kind must be one of throttle, /],
        ]);
        assert.deepEqual(sim.faults.list(), [], "a refused list installs nothing");
        assert.throws(
            () => sim.faults.add({ fault: { kind: "throttle", status: 503, code: "TooMany" } } as never),
            (err: unknown) => err instanceof InvalidFaultRuleError && err.problems.map((p) => p.field).join() === "fault.code,fault.status",
        );
    });

    it("POST /__sim/apis: the route, the match and every answer", async () => {
        const res = await postJson(sim.url, "/__sim/apis", {
            version: "v1",
            action: "Describe-Instances",
            matchs: {},
            answers: [
                { atMs: 5, body: [] },
                { atMs: 1, error: {} },
            ],
        });
        assertProblems(res, [
            ["matchs", /^unknown field matchs in a script \(did you mean match\?\): remove it$/],
            ["version", /^version must be an API version such as "2014-05-26"$/],
            ["action", /^action must be an action name of at most 128 letters and digits/],
            ["answers[0].body", /^answers\[0\]\.body must be a JSON object$/],
            ["answers[1].atMs", /^answers\[1\]\.atMs must be later than the answer before it \(5\)$/],
            ["answers[1].error.code", /^answers\[1\]\.error needs a code/],
        ]);
    });
});
