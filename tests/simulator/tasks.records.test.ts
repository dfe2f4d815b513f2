/** Task records (GET /__sim/tasks, sim.listTasks()): an error only on tasks that fail, as the APIs show one. */
import { strict as assert } from "node:assert";
import { ManualClock, startSimulator, type Simulator } from "../../simulator";
import { bdrcClient, describeBdrcTask, ecsClient, ECD_API_VERSION, rawRequest, rpcClient } from "./helpers";

interface Operation {
    ErrorCode: string;
    ErrorMsg: string;
    OperationStatus: string;
}

describe("simulator: task records carry an error only when the task fails", () => {
    let sim: Simulator;

    before(async () => {
        // tasks of durationMs 0 end at once: the clock never has to move
        sim = await startSimulator({ clock: new ManualClock(Date.UTC(2025, 0, 1)) });
    });
    after(() => sim.close());

    it("a successful task's record has no errorCode or errorMsg, in process and over the control API", async () => {
        const specs = [
            { service: "ecs", action: "ImportImage", durationMs: 0, outcome: "success" },
            { service: "bdrc", durationMs: 0, outcome: "success" },
            { service: "bdrc", durationMs: 0, outcome: "cancelled" },
            { service: "ecd", durationMs: 0, outcome: "success" },
            { service: "sas", durationMs: 0, outcome: "success" },
        ] as const;
        for (const spec of specs) {
            const created = sim.createTask(spec);
            const listed = (await rawRequest(sim.url, `/__sim/tasks/${created.taskId}`)).json();
            for (const record of [created, sim.getTask(created.taskId)!, listed]) {
                assert.ok(!("errorCode" in record) && !("errorMsg" in record), `${JSON.stringify(spec)}: ${JSON.stringify(record)}`);
            }
        }
    });

    it("a failed or partial task's record names the error its failed operations report", () => {
        const failed = sim.createTask({ service: "ecs", action: "ImportImage", durationMs: 0, outcome: "failed" });
        assert.deepEqual([failed.errorCode, failed.errorMsg], ["ImportImage.InvalidImageFormat", "The image format is not supported."]);
        const partial = sim.createTask({ service: "ecs", action: "ExportImage", durationMs: 0, outcome: "partial", errorCode: "X.Y", errorMsg: "why" });
        assert.deepEqual([partial.errorCode, partial.errorMsg], ["X.Y", "why"]);
        const ecd = sim.createTask({ service: "ecd", durationMs: 0, outcome: "failed" });
        assert.equal(ecd.errorCode, "ReportTask.GenerateFailed");
    });

    it('the APIs match: no error on success (ECS "", bdrc "", ECD ErrorCode Success), the error on failure', async () => {
        const ok = sim.createTask({ service: "ecs", action: "ImportImage", region: "cn-hangzhou", durationMs: 0, outcome: "success", operations: 2 });
        const bad = sim.createTask({ service: "ecs", action: "ImportImage", region: "cn-hangzhou", durationMs: 0, outcome: "partial", operations: 2 });
        const operations = async (taskId: string) =>
            (
                await ecsClient(sim).request<{ OperationProgressSet: { OperationProgress: Operation[] } }>("DescribeTaskAttribute", {
                    RegionId: "cn-hangzhou",
                    TaskId: taskId,
                })
            ).OperationProgressSet.OperationProgress.map((o) => [o.OperationStatus, o.ErrorCode, o.ErrorMsg]);
        assert.deepEqual(await operations(ok.taskId), [
            ["Success", "", ""],
            ["Success", "", ""],
        ]);
        assert.deepEqual(await operations(bad.taskId), [
            ["Success", "", ""],
            ["Failed", "ImportImage.InvalidImageFormat", "The image format is not supported."],
        ]);

        const bdrc = sim.createTask({ service: "bdrc", durationMs: 0, outcome: "success" });
        const { Data } = await describeBdrcTask<{ Data: { ErrorMessage: string } }>(bdrcClient(sim), bdrc.taskId);
        assert.equal(Data.ErrorMessage, "");

        const ecd = sim.createTask({ service: "ecd", durationMs: 0, outcome: "success" });
        const list = await rpcClient(sim, ECD_API_VERSION).request<{ ExportTaskList: { ErrorCode: string; ErrorMsg: string }[] }>("DescribeEcdReportTasks", {
            TaskId: ecd.taskId,
        });
        assert.deepEqual(
            list.ExportTaskList.map((t) => [t.ErrorCode, t.ErrorMsg]),
            [["Success", ""]],
        );
    });
});
