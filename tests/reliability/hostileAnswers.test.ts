// Hostile and odd answers, and deadlines that must hold whatever the server does. Each case ran
// wrongly before (the comment says how) and is checked here through the lifecycle (check + create)
// in this process against the simulator; the suite prints what each case does now.
import * as assert from "assert";
import { RpcLayer, SimError, Simulator, startSimulator } from "../../simulator";
import { table } from "../support/table";
import { Created, FAST_POLL, checkAndCreate, configureAgainst, isolateRuntime, quietly, seconds } from "./support";

const SLACK_MS = 5000; // a loaded 2-core machine: process scheduling, not the behaviour under test

describe("reliability: hostile answers and deadlines", function () {
    this.timeout(90_000);
    isolateRuntime();
    let sim: Simulator;
    const rows: (string | number)[][] = [];

    before(async () => {
        sim = await startSimulator();
        configureAgainst(sim);
    });
    afterEach(() => sim.faults.clear());
    after(async () => {
        console.log(table("hostile answers: what each case does now", ["case", "before", "now", "took"], rows));
        await sim?.close();
    });

    const slowTask = () => sim.createTask({ service: "ecs", action: "ImportImage", durationMs: 600_000, outcome: "success" }).taskId;
    const waiter = (taskId: string, extra: Record<string, unknown> = {}) => ({
        service: "ecs",
        region: "cn-hangzhou",
        taskId,
        pollInterval: FAST_POLL,
        ...extra,
    });

    /** Runs a create with a layer in front of the API, timing it; the provider's lines are captured. */
    async function run(layer: RpcLayer | undefined, inputs: Record<string, unknown>, lines: string[] = []): Promise<{ created: Created; ms: number }> {
        const remove = layer ? sim.addLayer(layer, "afterAuth") : () => undefined;
        const started = Date.now();
        try {
            const created = await quietly(() => checkAndCreate("TaskWaiter", inputs), lines);
            return { created, ms: Date.now() - started };
        } finally {
            remove();
        }
    }

    function failure(created: Created): Error & { properties?: Record<string, unknown> } {
        assert.ok(!created.ok, "create should have failed");
        return created.error;
    }

    const answer =
        (status: number, contentType: string, body: string): RpcLayer =>
        async (call, next) =>
            call.action.startsWith("Describe") ? { kind: "raw", status, contentType, body } : next();

    it("a 403 with an HTML page, or with an empty body, fails at once as the error status it is", async () => {
        for (const [what, layer] of [
            ["HTML", answer(403, "text/html", "<html><body>403 Forbidden</body></html>")],
            ["empty", answer(403, "", "")],
        ] as const) {
            const { created, ms } = await run(layer, waiter(slowTask(), { timeout: "30s" }));
            const error = failure(created);
            assert.match(error.message, /HTTP403: the server answered HTTP 403 with (an HTML page|an empty body)/);
            assert.doesNotMatch(error.message, /timed out/);
            rows.push([`403, ${what} body`, "retried 30s as invalid JSON", "permanent HTTP403", seconds(ms)]);
        }
    });

    it("a body of JSON null is an invalid answer, named as such, not a TypeError", async () => {
        // a deadline long enough for a call to come back on a loaded machine: the case is about the message
        const { created, ms } = await run(answer(200, "application/json", "null"), waiter(slowTask(), { timeout: "3s" }));
        const error = failure(created);
        assert.match(error.message, /InvalidResponseBody: the response body was JSON null/);
        assert.doesNotMatch(error.message, /TypeError|could not be made/);
        rows.push(["200, body null", "TypeError: the request could not be made", "InvalidResponseBody (retried)", seconds(ms)]);
    });

    it("a 50 MB answer is refused unread, with a clear error", async () => {
        const huge = "R".repeat(50 * 1024 * 1024);
        const before = process.memoryUsage().rss;
        const { created, ms } = await run(
            async (call, next) => {
                const outcome = await next();
                return outcome.kind === "json" && call.action === "DescribeTasks" ? { ...outcome, body: { ...outcome.body, RequestId: huge } } : outcome;
            },
            waiter(slowTask(), { timeout: "30s" }),
        );
        const grew = Math.round((process.memoryUsage().rss - before) / 1024 / 1024);
        const error = failure(created);
        assert.match(error.message, /ResponseTooLarge: the response is larger than 4 MiB/);
        assert.ok(error.message.length < 2000, `${error.message.length} characters`);
        rows.push(["RequestId of 50 MB", "496 MB of memory, echoed whole", `refused (process RSS +${grew} MB, the simulator's copy included)`, seconds(ms)]);
    });

    it("escape sequences and line breaks in server text are escaped in lines, errors and records; long values are cut", async () => {
        const forged = "\u001b[2K\rsucceeded: everything\nFinished";
        const lines: string[] = [];
        const taskId = slowTask();
        sim.faults.add({ service: "ecs", action: "DescribeTasks", fault: { kind: "mutate", set: { "TaskSet.Task.*.TaskStatus": forged } } });
        sim.faults.add({ service: "ecs", action: "DescribeTaskAttribute", fault: { kind: "mutate", set: { TaskStatus: forged } } });
        const { created, ms } = await run(undefined, waiter(taskId, { timeout: "3s" }), lines);
        const error = failure(created);
        for (const text of [...lines, error.message, JSON.stringify(error.properties ?? {})]) {
            // eslint-disable-next-line no-control-regex -- no raw escape, CR or LF may remain
            assert.doesNotMatch(text.replace(/\n$/, ""), /[\u001b\r\n]/, JSON.stringify(text));
        }
        assert.match(error.message, /last status \\u001b\[2K\\u000dsucceeded: everything\\u000aFinished/);
        sim.faults.clear();
        const long = sim.createTask({ service: "ecs", action: "ImportImage", durationMs: 0, outcome: "failed", errorMsg: "x".repeat(60_000) });
        const cut = failure((await run(undefined, waiter(long.taskId, { timeout: "10s" }))).created);
        assert.ok(cut.message.length < 20_000, `${cut.message.length} characters`);
        assert.match(cut.message, /\(cut: 60000 characters\)/);
        rows.push(["ESC, CR, LF in a status; a 60 KB ErrorMsg", "printed raw (forged a succeeded: line), echoed whole", "escaped, cut", seconds(ms)]);
    });

    it("x-acs-retry-after never holds a wait past its deadline, nor overflows a timer", async () => {
        const warnings: string[] = [];
        const onWarning = (w: Error) => warnings.push(w.name);
        process.on("warning", onWarning);
        try {
            for (const retryAfterMs of [45_000, 999_999_999_999]) {
                const throttled: RpcLayer = async () => ({
                    kind: "error",
                    error: new SimError(400, "Throttling.User", "Request was denied due to user flow control.", { "x-acs-retry-after": String(retryAfterMs) }),
                });
                const { created, ms } = await run(throttled, waiter(slowTask(), { timeout: "3s" }));
                assert.match(failure(created).message, /timed out after 3s/);
                assert.ok(ms < 3000 + 2000 + SLACK_MS, `took ${ms} ms`);
                rows.push([
                    `retry-after ${retryAfterMs} ms, timeout 3s`,
                    retryAfterMs > 1e6 ? "spun forever (TimeoutOverflowWarning)" : "ended after 45s",
                    "ends at the deadline",
                    seconds(ms),
                ]);
            }
            assert.deepStrictEqual(warnings, []);
        } finally {
            process.off("warning", onWarning);
        }
    });

    it("one wait's throttled answer does not hold another wait past its own deadline", async () => {
        sim.faults.add({ service: "ecs", nth: [1], fault: { kind: "throttle", retryAfterMs: 60_000 } });
        const started = Date.now();
        // one capture of the provider's lines around both: captures must not nest
        const timed = async (inputs: Record<string, unknown>) => {
            const created = await checkAndCreate("TaskWaiter", inputs);
            return { created, ms: Date.now() - started };
        };
        const both = await quietly(() =>
            Promise.all([
                timed(waiter(slowTask(), { timeout: "3s", resourceName: "throttled" })),
                timed(waiter(slowTask(), { timeout: "3s", resourceName: "bystander" })),
            ]),
        );
        for (const { created, ms } of both) {
            assert.match(failure(created).message, /timed out after 3s/);
            assert.ok(ms < 3000 + 2000 + SLACK_MS, `took ${ms} ms`);
        }
        rows.push([
            "a bucket paused 60s by one wait, two waits of 3s",
            "the other ended after 60s",
            "both end at their deadline",
            seconds(Date.now() - started),
        ]);
    });

    it("a hung server: the wait ends by its deadline, not the 10 s request timeout", async () => {
        sim.faults.add({ service: "ecs", fault: { kind: "hang" } });
        const { created, ms } = await run(undefined, waiter(slowTask(), { timeout: "1s" }));
        assert.match(failure(created).message, /timed out after 1s/);
        assert.ok(ms < 1000 + 2000 + SLACK_MS, `took ${ms} ms`);
        rows.push(["hung server, timeout 1s", "ended after 10.4s", "ends by the deadline + 2s", seconds(ms)]);
    });

    it("a hung start (ExportRecord) ends by the deadline too, saying the export may have started", async () => {
        sim.faults.add({ service: "sas", action: "ExportRecord", fault: { kind: "hang" } });
        const started = Date.now();
        const created = await quietly(() =>
            checkAndCreate("ReportExport", {
                service: "sas",
                region: "cn-shanghai",
                create: { exportType: "exportHcWarning" },
                timeout: "2s",
                pollInterval: FAST_POLL,
            }),
        );
        const ms = Date.now() - started;
        assert.match(failure(created).message, /could not start the Security Center export: .*RequestTimeout.*may have started/);
        assert.ok(ms < 2000 + 2000 + SLACK_MS, `took ${ms} ms`);
        rows.push(["hung ExportRecord, timeout 2s", "ended after 10.45s", "ends by the deadline + 1s", seconds(ms)]);
    });

    it("a task listed twice is refused at check", async () => {
        const taskId = slowTask();
        const error = await checkAndCreate("TaskWaiter", waiter(taskId, { taskId: undefined, taskIds: [taskId, taskId] })).catch((e: Error) => e);
        assert.ok(error instanceof Error && /taskIds\[1\].*listed twice/.test(error.message), String(error));
        rows.push(["taskIds [T, T]", "accepted; counts doubled", "check fails on taskIds[1]", "-"]);
    });
});
