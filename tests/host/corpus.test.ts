// A representative subset of the bad-input corpus (tests/support/badInputCorpus.ts) through Pulumi's provider
// host over gRPC: it must answer exactly as `check` does in process (tests/provider/inputs/index.corpus.test.ts).
import * as assert from "assert";
import { ProviderHost, startProviderHost } from "../../harness";
import { reportExportLifecycle } from "../../provider/lifecycle/reportExport";
import { taskWaiterLifecycle } from "../../provider/lifecycle/taskWaiter";
import { reportExportProvider } from "../../provider/resources/reportExport";
import { taskWaiterProvider } from "../../provider/resources/taskWaiter";
import { createRuntime } from "../../provider/wait/runtime";
import { readSettings } from "../../provider/wait/settings";
import { badInputCorpus } from "../support/badInputCorpus";
import { CONFIG, checkInProcess, judge, sorted } from "../support/corpusJudge";
import { NO_AMBIENT_CREDENTIALS, REPORT_EXPORT_TYPE, TASK_WAITER_TYPE, serializeProvider, urn } from "./fixture";

describe("host: the bad-input corpus fails check as in process", function () {
    this.timeout(60_000);
    const corpus = badInputCorpus();
    const runtime = createRuntime({ settings: readSettings({ get: (key) => (CONFIG as Record<string, string>)[key] }, NO_AMBIENT_CREDENTIALS) });
    const inProcess = { TaskWaiter: taskWaiterLifecycle(runtime), ReportExport: reportExportLifecycle(runtime) };

    let host: ProviderHost;
    let providers: Record<string, string>;
    before(async () => {
        host = await startProviderHost({ env: NO_AMBIENT_CREDENTIALS });
        await host.configure(CONFIG);
        providers = { TaskWaiter: await serializeProvider(taskWaiterProvider), ReportExport: await serializeProvider(reportExportProvider) };
    });
    after(async () => host?.close());

    it("every 8th case, and every conflict, unknown service and unknown property", async () => {
        const subset = corpus.filter((c, i) => i % 8 === 0 || !c.name.includes(" = "));
        const differences: string[] = [];
        let failures = 0;
        for (const c of subset) {
            const type = c.kind === "TaskWaiter" ? TASK_WAITER_TYPE : REPORT_EXPORT_TYPE;
            const result = await host.check(urn(type, "bad"), {}, { __provider: providers[c.kind], ...c.inputs }).catch((error: Error) => error);
            if (result instanceof Error) {
                differences.push(`${c.name}: check failed over gRPC: ${result.message}`);
                continue;
            }
            failures += result.failures.length;
            const expected = await checkInProcess(inProcess, c);
            const judged = judge(c, result.failures);
            if (judged.problems.length) differences.push(`${c.name}: ${judged.problems.join("; ")}`);
            if (JSON.stringify(sorted(result.failures)) !== JSON.stringify(sorted(expected.failures))) {
                differences.push(`${c.name}: host ${JSON.stringify(result.failures)} vs in process ${JSON.stringify(expected.failures)}`);
            }
        }
        console.log(
            `  bad-input corpus through the provider host: ${subset.length} cases, ${failures} failures, ${subset.length - differences.length} identical to in process`,
        );
        assert.deepStrictEqual(differences, []);
    });
});
