// The wait command stopped by SIGINT or SIGTERM (Ctrl-C, a CI job cancelled): it says which task or
// export it was waiting on and how to keep waiting, --json still prints one object, and the exit
// code says it was interrupted. Before, SIGTERM printed nothing, SIGINT no id, and --json "\n".
// No timing: each signal is sent once the command has printed what shows it is waiting.
import { strict as assert } from "node:assert";
import { startSimulator, type Simulator } from "pulumi-alicloud-tasks/simulator";
import { FAST_POLL, simulatorEnv, startCli, transcript } from "./helpers";

describe("cli: interrupted by SIGINT or SIGTERM", function () {
    this.timeout(60_000);
    let sim: Simulator;
    before(async () => (sim = await startSimulator()));
    after(async () => sim?.close());

    const longTask = () => sim.createTask({ service: "ecs", action: "ImportImage", region: "cn-shanghai", durationMs: 600_000, outcome: "success" });

    for (const [signal, code] of [
        ["SIGINT", 130],
        ["SIGTERM", 143],
    ] as const) {
        it(`${signal}: exits ${code}, naming the task, its last status and how to keep waiting`, async () => {
            const task = longTask();
            const cli = startCli(["wait", "ecs", "--task-id", task.taskId, "--progress", "plain", ...FAST_POLL], simulatorEnv(sim));
            await cli.waitForLine(new RegExp(`task ${task.taskId} Processing`));
            cli.signal(signal);
            const run = await cli.done;
            assert.equal(run.code, code, transcript(run));
            assert.match(run.stderr, new RegExp(`wait ecs: interrupted after .* waiting for ECS task ${task.taskId}: last status Processing \\(running\\)`));
            // the hint is a whole command, ready to paste
            assert.match(
                run.stderr,
                new RegExp(
                    `The task goes on in the cloud\\. To keep waiting .*: alicloud-tasks wait ecs --task-id ${task.taskId} .*--region cn-shanghai --endpoint http`,
                ),
            );
        });
    }

    it("--json still prints one object: the record, with the interruption as failureReason", async () => {
        const task = longTask();
        const cli = startCli(["wait", "ecs", "--task-id", task.taskId, "--json", ...FAST_POLL], simulatorEnv(sim));
        await cli.waitForLine(new RegExp(`task ${task.taskId} Processing`), "stderr");
        cli.signal("SIGINT");
        const run = await cli.done;
        assert.equal(run.code, 130, transcript(run));
        const record = run.json();
        assert.equal(record.taskId, task.taskId);
        assert.equal(record.status, "running");
        assert.match(String(record.failureReason), /interrupted after/);
    });

    it("an export the command started: the message names it and the command that resumes it", async () => {
        sim.setTaskTemplate("sas", { queuedMs: 0, durationMs: 600_000, outcome: "success" });
        const cli = startCli(["wait", "sas", "--create-export-type", "exportHcWarning", "--progress", "plain", ...FAST_POLL], simulatorEnv(sim));
        const started = /started Security Center export (\d+)/.exec(await cli.waitForLine(/started Security Center export \d+/))![1];
        await cli.waitForLine(new RegExp(`task ${started} exporting`));
        cli.signal("SIGTERM");
        const run = await cli.done;
        assert.equal(run.code, 143, transcript(run));
        assert.match(run.stderr, new RegExp(`To keep waiting on this export: alicloud-tasks wait sas --export-id ${started}`));
        assert.equal(sim.stats().calls.ExportRecord, 1);
        sim.setTaskTemplate("sas", {});
    });
});
