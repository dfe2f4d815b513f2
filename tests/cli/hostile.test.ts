// The wait command against odd answers: a clock-skew rejection is the caller's to fix (exit 3), a
// status with escape sequences cannot forge a "succeeded:" line, and a task listed twice is refused.
import { strict as assert } from "node:assert";
import { startSimulator, type Simulator } from "pulumi-alicloud-tasks/simulator";
import { FAST_POLL, runCli, simulatorEnv, transcript } from "./helpers";

describe("cli: hostile answers", function () {
    this.timeout(60_000);
    let sim: Simulator;
    before(async () => (sim = await startSimulator()));
    afterEach(() => sim.faults.clear());
    after(async () => sim?.close());

    const task = (durationMs: number, outcome: "success" | "failed" = "success") =>
        sim.createTask({ service: "ecs", action: "ImportImage", region: "cn-shanghai", durationMs, outcome });

    it("a clock-skew rejection exits 3 and says to set the clock right", async () => {
        sim.faults.add({ service: "ecs", fault: { kind: "clockSkew" } });
        const run = await runCli(["wait", "ecs", "--task-id", task(60_000).taskId, ...FAST_POLL], simulatorEnv(sim));
        assert.equal(run.code, 3, transcript(run));
        assert.match(run.stderr, /InvalidTimeStamp\.Expired: .*this machine's clock differs from Alibaba Cloud's by more than 15 minutes/);
    });

    it("escape sequences in a status are printed escaped: no forged line, the exit code and the output agree", async () => {
        const failed = task(0, "failed");
        const forged = "\u001b[2K\rsucceeded: ECS task forged\n";
        sim.faults.add({ service: "ecs", action: "DescribeTaskAttribute", fault: { kind: "mutate", set: { TaskStatus: `${forged}Failed` } } });
        sim.faults.add({ service: "ecs", action: "DescribeTasks", fault: { kind: "mutate", set: { "TaskSet.Task.*.TaskStatus": `${forged}Failed` } } });
        const run = await runCli(["wait", "ecs", "--task-id", failed.taskId, "--failure-statuses", "x", "--timeout", "3s", ...FAST_POLL], simulatorEnv(sim));
        assert.notEqual(run.code, 0, transcript(run));
        // eslint-disable-next-line no-control-regex -- no raw escape or carriage return may reach the terminal
        assert.doesNotMatch(run.stdout + run.stderr, /[\u001b\r]/);
        assert.doesNotMatch(run.stdout + run.stderr, /^succeeded:/m);
        assert.match(run.stdout + run.stderr, /\\u001b\[2K\\u000dsucceeded: ECS task forged\\u000a/);
    });

    it("a task listed twice is a usage error naming the item", async () => {
        const t = task(60_000).taskId;
        const run = await runCli(["wait", "ecs", "--task-ids", `${t},${t}`], simulatorEnv(sim));
        assert.equal(run.code, 3, transcript(run));
        assert.match(run.stderr, /--task-ids, item 2: .* is listed twice/);
    });
});
