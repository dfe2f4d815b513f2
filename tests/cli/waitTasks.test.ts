/**
 * `alicloud-tasks wait ecs|bdrc`: each exit code, the JSON record, plain progress lines, against the simulator.
 * The simulator runs on a manual clock: a task is in the state the test put it in until the test moves
 * the clock, so what the command observes never depends on how fast it started.
 */
import { strict as assert } from "node:assert";
import { ManualClock, startSimulator, type Simulator, type TaskSpec } from "pulumi-alicloud-tasks/simulator";
import { taskWaiterOutputsSchema } from "../../provider/outputs";
import { finishedTask } from "../support/simulatorClock";
import { FAST_POLL, runCli, simulatorEnv, startCli, transcript } from "./helpers";

describe("cli: wait ecs / bdrc", function () {
    this.timeout(60_000);
    let sim: Simulator;
    const clock = new ManualClock();
    before(async () => (sim = await startSimulator({ clock })));
    after(async () => sim?.close());

    type EcsSpec = { durationMs: number; outcome: "success" | "failed" | "partial"; queuedMs?: number };
    const ecsSpec = (spec: EcsSpec): TaskSpec => ({ service: "ecs", action: "ImportImage", region: "cn-shanghai", ...spec });
    /** A task that is over before the command starts. */
    const ecsTask = (spec: EcsSpec) => finishedTask(sim, clock, ecsSpec(spec));

    it("exits 0 when the task succeeds, with plain progress lines when stdout is not a terminal", async () => {
        // held in each state until the command has printed it
        const task = sim.createTask(ecsSpec({ queuedMs: 300, durationMs: 1200, outcome: "success" }));
        const cli = startCli(["wait", "ecs", "--task-id", task.taskId, ...FAST_POLL], simulatorEnv(sim));
        await cli.waitForLine(/ Waiting \(pending\) /);
        clock.advance(300);
        await cli.waitForLine(/ Processing( \d+%)? \(running\) /);
        clock.advance(1200);
        const run = await cli.done;
        assert.equal(run.code, 0, transcript(run));
        assert.ok(!run.stdout.includes("\r"), "no carriage returns in a log");
        const lines = run.stdout.trimEnd().split("\n");
        const progress = `^\\[alicloud-tasks\\] wait ecs: task ${task.taskId}`;
        // "after" is the real time since the wait began: 950ms, or 2s on a slow machine
        assert.match(lines[0], new RegExp(`${progress} Waiting \\(pending\\) after (\\d+ms|\\d+s)$`));
        const processing = lines.findIndex((l) => new RegExp(`${progress} Processing( \\d+%)? \\(running\\) after`).test(l));
        const finished = lines.findIndex((l) => new RegExp(`${progress} Finished( \\d+%)? \\(succeeded\\) after`).test(l));
        assert.ok(processing > 0 && finished > processing, `one line per status, in order:\n${run.stdout}`);
        assert.match(run.stdout, new RegExp(`^succeeded: ECS task ${task.taskId} Finished after .+$`, "m"));
        assert.match(run.stdout, new RegExp(`^resource: ${task.resourceId}$`, "m"));
        assert.equal(run.stderr, "");
    });

    it("exits 1 when the task fails, naming the task and the operation's error on stderr", async () => {
        const task = ecsTask({ durationMs: 300, outcome: "failed" });
        const run = await runCli(["wait", "ecs", "--task-id", task.taskId, ...FAST_POLL], simulatorEnv(sim));
        assert.equal(run.code, 1, transcript(run));
        assert.match(
            run.stderr,
            new RegExp(
                `^alicloud-tasks: wait ecs: ECS task ${task.taskId} \\(ImportImage ${task.resourceId}\\) Failed \\(failed\\).*ImportImage\\.InvalidImageFormat`,
                "m",
            ),
        );
        assert.doesNotMatch(run.stdout, /^succeeded/m);
    });

    it("exits 2 when --timeout passes first, and says how to keep waiting", async () => {
        // never finishes: the clock does not move while the command runs
        const task = sim.createTask(ecsSpec({ durationMs: 600_000, outcome: "success" }));
        const run = await runCli(["wait", "ecs", "--task-id", task.taskId, "--timeout", "2s", ...FAST_POLL], simulatorEnv(sim));
        assert.equal(run.code, 2, transcript(run));
        assert.match(run.stderr, new RegExp(`wait ecs: timed out after 2s .* for ECS task ${task.taskId}: last status Processing \\(running\\)`));
        // the whole command, ready to paste, with the region and endpoint that came from the environment
        assert.match(
            run.stderr,
            new RegExp(
                `To keep waiting \\(or with a longer --timeout\\): alicloud-tasks wait ecs --task-id ${task.taskId} --timeout 2s .*--region cn-shanghai --endpoint http://127\\.0\\.0\\.1:\\d+$`,
                "m",
            ),
        );
    });

    it("exits 1 when the task does not exist", async () => {
        const run = await runCli(["wait", "ecs", "--task-id", "t-doesnotexist0001", ...FAST_POLL], simulatorEnv(sim));
        assert.equal(run.code, 1, transcript(run));
        assert.match(run.stderr, /ECS task t-doesnotexist0001 was not found in region cn-shanghai/);
    });

    it("--json prints only the record the resource would store on stdout; progress goes to stderr", async () => {
        const task = ecsTask({ durationMs: 500, outcome: "success" });
        const run = await runCli(["wait", "ecs", "--task-id", task.taskId, "--region", "cn-shanghai", "--json", ...FAST_POLL], simulatorEnv(sim));
        assert.equal(run.code, 0, transcript(run));
        const record = run.json();
        // the inputs, defaults applied, as the resource echoes them
        assert.deepEqual(
            {
                service: record.service,
                taskId: record.taskId,
                region: record.region,
                timeout: record.timeout,
                failOnPartialFailure: record.failOnPartialFailure,
            },
            { service: "ecs", taskId: task.taskId, region: "cn-shanghai", timeout: "30m", failOnPartialFailure: true },
        );
        assert.deepEqual(record.pollInterval, { min: "100ms", max: "300ms" });
        // the outputs, in the resource's own output schema
        const outputs = taskWaiterOutputsSchema.parse(record);
        assert.equal(outputs.status, "succeeded");
        assert.equal(outputs.resourceId, task.resourceId);
        assert.equal(outputs.tasks?.[0].taskId, task.taskId);
        assert.equal(outputs.successCount, 1);
        assert.equal(typeof outputs.waitedSeconds, "number");
        assert.equal(record.failureReason, undefined);
        assert.match(run.stderr, /\[alicloud-tasks\] wait ecs: task .* Finished( \d+%)? \(succeeded\)/);
    });

    it("--json on failure still prints the record, with failureReason, and exits 1", async () => {
        const task = ecsTask({ durationMs: 200, outcome: "partial" });
        const run = await runCli(["wait", "ecs", "--task-id", task.taskId, "--json", "--progress", "none", ...FAST_POLL], simulatorEnv(sim));
        assert.equal(run.code, 1, transcript(run));
        const record = run.json();
        assert.equal(record.status, "failed");
        assert.equal(record.failedCount, 1);
        assert.match(String(record.failureReason), new RegExp(`ECS task ${task.taskId}`));
        assert.equal(run.stderr.trim(), `alicloud-tasks: ${record.failureReason}`);
    });

    it("a partly failed task is failed everywhere: no progress line or message says succeeded", async () => {
        const task = ecsTask({ durationMs: 200, outcome: "partial" });
        const run = await runCli(["wait", "ecs", "--task-id", task.taskId, "--progress", "plain", ...FAST_POLL], simulatorEnv(sim));
        assert.equal(run.code, 1, transcript(run));
        assert.match(run.stdout, new RegExp(`task ${task.taskId} Finished.* \\(failed\\) after`));
        assert.doesNotMatch(run.stdout + run.stderr, /succeeded/);
    });

    it("--allow-partial-failure counts a partly failed task as succeeded", async () => {
        const task = ecsTask({ durationMs: 200, outcome: "partial" });
        const run = await runCli(
            ["wait", "ecs", "--task-id", task.taskId, "--allow-partial-failure", "--json", "--progress", "none", ...FAST_POLL],
            simulatorEnv(sim),
        );
        assert.equal(run.code, 0, transcript(run));
        assert.equal(run.json().failOnPartialFailure, false);
    });

    it("--task-ids waits for every task; --resource-ids with --task-action finds the newest task", async () => {
        const a = ecsTask({ durationMs: 300, outcome: "success" });
        const b = ecsTask({ durationMs: 900, outcome: "success" });
        const both = await runCli(["wait", "ecs", "--task-ids", `${a.taskId},${b.taskId}`, ...FAST_POLL], simulatorEnv(sim));
        assert.equal(both.code, 0, transcript(both));
        assert.match(both.stdout, new RegExp(`^succeeded: 2 ECS tasks ${a.taskId}, ${b.taskId} Finished`, "m"));

        const byImage = await runCli(
            ["wait", "ecs", "--resource-ids", b.resourceId!, "--task-action", "ImportImage", "--json", ...FAST_POLL],
            simulatorEnv(sim),
        );
        assert.equal(byImage.code, 0, transcript(byImage));
        assert.deepEqual(
            (byImage.json().tasks as { taskId: string }[]).map((t) => t.taskId),
            [b.taskId],
        );
        assert.match(byImage.stderr, new RegExp(`resolved 1 resource\\(s\\) to task\\(s\\) ${b.taskId}`));
    });

    it("waits for a bdrc task with the region and endpoint from flags instead of the environment", async () => {
        const task = finishedTask(sim, clock, { service: "bdrc", region: "cn-shanghai", durationMs: 400, outcome: "success" });
        const env = simulatorEnv(sim);
        delete env.ALICLOUD_TASKS_ENDPOINT;
        delete env.ALIBABA_CLOUD_REGION_ID;
        const run = await runCli(["wait", "bdrc", "--task-id", task.taskId, "--region", "cn-shanghai", "--endpoint", sim.url, "--json", ...FAST_POLL], env);
        assert.equal(run.code, 0, transcript(run));
        const record = run.json();
        assert.equal(record.status, "succeeded");
        assert.equal(record.rawStatus, "COMPLETE");
    });
});
