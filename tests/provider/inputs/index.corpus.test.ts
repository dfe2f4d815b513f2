// The bad-input corpus (tests/support/badInputCorpus.ts) through `check`, in this process: every case must
// fail, each failure naming the offending property and the fix (tests/support/corpusJudge.ts). tests/host/corpus.test.ts sends a subset
// through Pulumi's provider host, which must answer exactly the same.
import * as assert from "assert";
import { UNKNOWN_VALUE } from "../../../provider/inputs/validate";
import { reportExportLifecycle } from "../../../provider/lifecycle/reportExport";
import { taskWaiterLifecycle } from "../../../provider/lifecycle/taskWaiter";
import { createRuntime } from "../../../provider/wait/runtime";
import { readSettings } from "../../../provider/wait/settings";
import { NO_AMBIENT_CREDENTIALS } from "../../../harness/environment";
import { badInputCorpus } from "../../support/badInputCorpus";
import { CONFIG, Judged, checkInProcess, groupOf } from "../../support/corpusJudge";
import { table } from "../../support/table";

/** The lifecycles on a runtime configured with this stack config, as `configure` would (no ambient credentials). */
function lifecycles(config: Record<string, string>) {
    const runtime = createRuntime({ settings: readSettings({ get: (key) => config[key] }, NO_AMBIENT_CREDENTIALS) });
    return { TaskWaiter: taskWaiterLifecycle(runtime), ReportExport: reportExportLifecycle(runtime) };
}

describe("inputs: the bad-input corpus fails check per property, with the fix", function () {
    this.timeout(60_000);
    const corpus = badInputCorpus();
    const inProcess: Judged[] = [];
    const LIFECYCLES = lifecycles(CONFIG);

    it(`the whole corpus (${corpus.length} cases) through the lifecycle check functions`, async () => {
        for (const c of corpus) inProcess.push(await checkInProcess(LIFECYCLES, c));
        const judged = inProcess;
        const groups = [...new Set(judged.map((j) => groupOf(j.c)))];
        const row = (label: string, list: Judged[]) => [
            label,
            list.length,
            list.filter((j) => j.failures.length > 0).length,
            list.reduce((n, j) => n + j.failures.length, 0),
            list.filter((j) => j.clearProperty).length,
            list.filter((j) => j.goodReasons).length,
        ];
        console.log(
            table(
                "bad-input corpus through check (in process)",
                ["resource / service", "cases", "rejected", "failures", "clear property", "clear reasons"],
                [
                    ...groups.map((g) =>
                        row(
                            g,
                            judged.filter((j) => groupOf(j.c) === g),
                        ),
                    ),
                    row("all", judged),
                ],
            ),
        );
        const problems = judged.filter((j) => j.problems.length).map((j) => `${j.c.name}\n      ${j.problems.join("\n      ")}`);
        assert.deepStrictEqual(problems, [], `${problems.length} cases with problems:\n${problems.join("\n")}`);
    });

    it("does not judge values unknown at preview, even in two lists that must not overlap", async () => {
        const result = await LIFECYCLES.TaskWaiter.check(
            {},
            { service: "ecs", taskId: "t-abcd1234", successStatuses: ["Done", UNKNOWN_VALUE], failureStatuses: [UNKNOWN_VALUE] },
        );
        assert.deepStrictEqual(result.failures, []);
    });

    it("reports a missing region with every place it can come from", async () => {
        const unconfigured = lifecycles({});
        for (const kind of ["TaskWaiter", "ReportExport"] as const) {
            const inputs = kind === "TaskWaiter" ? { service: "ecs", taskId: "t-abcd1234" } : { service: "ecd", taskId: "ret-abc1234" };
            const result = await unconfigured[kind].check({}, inputs);
            const failure = (result.failures ?? []).find((f) => f.property === "region");
            assert.match(failure?.reason ?? "", /no region: set one of the resource's `region` input, stack config alicloud:region/);
        }
    });
});
