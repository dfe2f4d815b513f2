import * as assert from "assert";
import { inputsOf, reportExportLifecycle } from "../../../provider/lifecycle/reportExport";
import { ECD_SAMPLE, SAS_SAMPLE } from "../../support/samples";
import { Poller } from "../../../provider/engine/poller";
import { RecordedCall, StubClient, apiError, captureStdout, testRuntime } from "../../support/clientStub";
import { FakeClock } from "../../support/engineClock";

const client = new StubClient();
const lifecycle = { ...reportExportLifecycle(testRuntime(client)), inputsOf };

/** Polls every 100 ms; a deadline no stubbed answer sequence comes near, however slow the machine. */
const FAST = { timeout: "30s", pollInterval: { min: "100ms", max: "100ms" } };
/** For waits that must time out: the stub never answers with a terminal status. */
const TIMES_OUT = { ...FAST, timeout: "1s" };
const START_ECD = { taskType: "RESOURCE_REPORT", subType: "DESKTOP", reportFileName: "desktops" };

function signedUrl(expiresInSeconds: number): string {
    const expires = Math.floor(Date.now() / 1000) + expiresInSeconds;
    return `https://bucket.oss-cn-shanghai.aliyuncs.com/ecd_report/DESKTOP_1.xlsx?Expires=${expires}&OSSAccessKeyId=STS.KEY&Signature=SIGNATURE-VALUE&security-token=TOKEN-VALUE`;
}

function ecdList(task: Record<string, unknown>): unknown {
    return { ...ECD_SAMPLE, ExportTaskList: [{ ...ECD_SAMPLE.ExportTaskList[0], ...task }] };
}

/** An ECD API whose report task goes through the given statuses, one per DescribeEcdReportTasks call (the last repeats). */
function ecdApi(statuses: Record<string, unknown>[], taskId = "ret-new1234") {
    let describes = 0;
    return (call: RecordedCall) => {
        if (call.action === "CreateEcdReportTask") return { Code: "Success", Success: true, TaskId: taskId, RequestId: "REQ-CREATE" };
        const step = statuses[Math.min(describes++, statuses.length - 1)];
        return ecdList({ TaskId: call.params.TaskId, ...step });
    };
}

function actions(calls: RecordedCall[]): string[] {
    return calls.map((c) => c.action);
}

function noSecretsIn(lines: string[], message = ""): void {
    for (const text of [...lines, message]) assert.doesNotMatch(text, /SIGNATURE-VALUE|TOKEN-VALUE|STS\.KEY|Expires=/, text);
}

describe("ReportExport lifecycle (client stubbed)", () => {
    it("starts an ECD export, waits until FINISHED, and records the URL only in downloadUrl", async () => {
        const url = signedUrl(3600);
        const stub = client.answer(
            ecdApi([
                { Status: "Running", Progress: 40, DownloadUrl: "" },
                { Status: "FINISHED", Progress: 100, DownloadUrl: url },
            ]),
        );
        try {
            const run = await captureStdout(() =>
                lifecycle.create({ service: "ecd", region: "cn-shanghai", create: START_ECD, ...FAST, resourceName: "desktops" }),
            );
            assert.ifError(run.error);
            const { id, outs } = run.value!;
            assert.strictEqual(id, "ecd:cn-shanghai:ret-new1234");
            assert.strictEqual(outs.status, "succeeded");
            assert.strictEqual(outs.rawStatus, "FINISHED");
            assert.strictEqual(outs.progress, 100);
            assert.strictEqual(outs.taskId, "ret-new1234");
            assert.strictEqual(outs.downloadUrl, url);
            assert.strictEqual(outs.expiresAt, new Date(Number(new URL(url).searchParams.get("Expires")) * 1000).toISOString());
            assert.strictEqual(outs.fileName, "TestFileName");
            assert.deepStrictEqual(actions(stub.calls), ["CreateEcdReportTask", "DescribeEcdReportTasks", "DescribeEcdReportTasks"]);
            assert.ok(run.lines.some((l) => /ReportExport "desktops": started ECD report export task ret-new1234/.test(l)));
            assert.ok(
                run.lines.some((l) =>
                    /ready: https:\/\/bucket\.oss-cn-shanghai\.aliyuncs\.com\/ecd_report\/DESKTOP_1\.xlsx \(full URL in the secret output downloadUrl\), URL expires at/.test(
                        l,
                    ),
                ),
            );
            noSecretsIn(run.lines);
        } finally {
            stub.restore();
        }
    });

    it("records a started export's id when the wait times out, and update resumes on it without starting another", async () => {
        const stub = client.answer(ecdApi([{ Status: "Running", Progress: 10, DownloadUrl: "" }]));
        let properties: Record<string, unknown>;
        let id: string;
        try {
            const run = await captureStdout(() => lifecycle.create({ service: "ecd", region: "cn-shanghai", create: START_ECD, ...TIMES_OUT }));
            const error = run.error as Error & { id: string; properties: Record<string, unknown>; reasons: string[] };
            assert.ok(error, "the wait timed out");
            assert.strictEqual(error.id, "ecd:cn-shanghai:ret-new1234");
            assert.strictEqual(error.properties.taskId, "ret-new1234");
            assert.strictEqual(error.properties.status, "running");
            assert.match(error.message, /timed out after 1s .*ECD report export task ret-new1234: last status Running \(running\), progress 10%/);
            assert.match(String(error.properties.failureReason), /run `pulumi up` again to keep waiting/);
            assert.strictEqual(actions(stub.calls).filter((a) => a === "CreateEcdReportTask").length, 1);
            properties = error.properties;
            id = error.id;
        } finally {
            stub.restore();
        }
        const news = { service: "ecd", region: "cn-shanghai", create: START_ECD, renewOnExpiry: true, onFailure: "fail", ...FAST };
        const changed = await lifecycle.diff(id, properties, news);
        assert.deepStrictEqual(changed, { changes: true, replaces: [], deleteBeforeReplace: false }, "unfinished: update, not replace");
        const resumed = client.answer(ecdApi([{ Status: "FINISHED", Progress: 100, DownloadUrl: signedUrl(600) }], "ret-other99"));
        try {
            const run = await captureStdout(() => lifecycle.update(id, properties, news));
            assert.ifError(run.error);
            assert.deepStrictEqual(actions(resumed.calls), ["DescribeEcdReportTasks"], "no second CreateEcdReportTask");
            assert.strictEqual(resumed.calls[0].params.TaskId, "ret-new1234");
            assert.strictEqual(run.value!.outs.status, "succeeded");
            assert.strictEqual(run.value!.outs.taskId, "ret-new1234");
        } finally {
            resumed.restore();
        }
    });

    it("fails an adopted export that is already EXPIRED, saying it cannot be renewed", async () => {
        const stub = client.answer(ecdApi([{ Status: "EXPIRED", Progress: 100, DownloadUrl: signedUrl(-60) }]));
        try {
            const run = await captureStdout(() =>
                lifecycle.create({ service: "ecd", region: "cn-shanghai", taskId: "ret-old1234", ...FAST, resourceName: "old" }),
            );
            const message = (run.error as Error).message;
            assert.match(message, /ReportExport "old": ECD report export task ret-old1234 expired before it could be downloaded \(EXPIRED \(expired\)/);
            assert.match(message, /an adopted export cannot be renewed: remove taskId and set create to start a fresh export/);
            assert.ok(!("properties" in (run.error as object)), "nothing to resume");
            noSecretsIn(run.lines, message);
        } finally {
            stub.restore();
        }
    });

    it("treats a FINISHED export whose URL has already expired as expired; onFailure warn records it", async () => {
        const stub = client.answer(ecdApi([{ Status: "FINISHED", Progress: 100, DownloadUrl: signedUrl(-60) }]));
        try {
            const run = await captureStdout(() =>
                lifecycle.create({ service: "ecd", region: "cn-shanghai", taskId: "ret-old1234", onFailure: "warn", ...FAST }),
            );
            assert.ifError(run.error);
            const outs = run.value!.outs;
            assert.strictEqual(outs.status, "expired");
            assert.strictEqual(outs.rawStatus, "FINISHED");
            assert.match(String(outs.failureReason), /expired before it could be downloaded .*its download URL expired at/);
            assert.ok(run.lines.some((l) => /^warning: ReportExport: ECD report export task ret-old1234 expired/.test(l)));
            noSecretsIn(run.lines);
        } finally {
            stub.restore();
        }
    });

    it("fails a FAILED export with its error code, or records it with onFailure warn", async () => {
        const failed = [{ Status: "FAILED", Progress: 30, DownloadUrl: "", ErrorCode: "ReportTooLarge", ErrorMsg: "too many desktops" }];
        let stub = client.answer(ecdApi(failed));
        try {
            const run = await captureStdout(() => lifecycle.create({ service: "ecd", region: "cn-shanghai", create: START_ECD, ...FAST }));
            assert.match(
                (run.error as Error).message,
                /ECD report export task ret-new1234 FAILED \(failed\), progress 30%: ReportTooLarge: too many desktops \(RequestId /,
            );
        } finally {
            stub.restore();
        }
        stub = client.answer(ecdApi(failed));
        try {
            const run = await captureStdout(() => lifecycle.create({ service: "ecd", region: "cn-shanghai", create: START_ECD, onFailure: "warn", ...FAST }));
            assert.strictEqual(run.value!.outs.status, "failed");
            assert.strictEqual(run.value!.outs.downloadUrl, undefined);
            assert.match(String(run.value!.outs.failureReason), /ReportTooLarge/);
            assert.ok(run.lines.some((l) => l.startsWith("warning: ") && /onFailure "warn"/.test(l)));
        } finally {
            stub.restore();
        }
    });

    it("honours extra success and failure statuses, case-insensitively", async () => {
        const stub = client.answer(ecdApi([{ Status: "Archived", Progress: 100, DownloadUrl: signedUrl(600) }]));
        try {
            const run = await captureStdout(() =>
                lifecycle.create({ service: "ecd", region: "cn-shanghai", taskId: "ret-abc123", successStatuses: ["ARCHIVED"], ...FAST }),
            );
            assert.strictEqual(run.value!.outs.status, "succeeded");
        } finally {
            stub.restore();
        }
    });

    it("says why a start was refused, and retries a throttled start", async () => {
        let stub = client.answer(() => {
            throw apiError("Forbidden.RAM", 403);
        });
        try {
            const run = await captureStdout(() => lifecycle.create({ service: "ecd", region: "cn-shanghai", create: START_ECD, ...FAST }));
            assert.match((run.error as Error).message, /ReportExport: could not start the ECD report export task: stub failed: Forbidden.RAM/);
            assert.strictEqual(stub.calls.length, 1);
        } finally {
            stub.restore();
        }
        let throttled = 0;
        const api = ecdApi([{ Status: "FINISHED", Progress: 100, DownloadUrl: signedUrl(600) }]);
        stub = client.answer((call) => {
            if (call.action === "CreateEcdReportTask" && throttled++ === 0)
                throw Object.assign(apiError("Throttling.User", 400, "throttling"), { retryAfterMs: 10 });
            return api(call);
        });
        try {
            const run = await captureStdout(() =>
                lifecycle.create({ service: "ecd", region: "cn-shanghai", create: START_ECD, timeout: "10s", pollInterval: FAST.pollInterval }),
            );
            assert.ifError(run.error);
            assert.deepStrictEqual(actions(stub.calls), ["CreateEcdReportTask", "CreateEcdReportTask", "DescribeEcdReportTasks"]);
        } finally {
            stub.restore();
        }
    });

    it("a timeout says how many checks were made in how long a wait, the throttled start's retries included", async () => {
        const clock = new FakeClock(Date.UTC(2026, 0, 1));
        const onClock = reportExportLifecycle(testRuntime(client, { poller: new Poller(clock, () => 0.5) }));
        let throttled = 0;
        const api = ecdApi([{ Status: "Running", Progress: 10, DownloadUrl: "" }]);
        const stub = client.answer((call) => {
            // two throttled starts: the retries wait 1 s and 2 s of the 10 s timeout
            if (call.action === "CreateEcdReportTask" && throttled++ < 2) throw apiError("Throttling.User", 400, "throttling");
            return api(call);
        });
        try {
            let settled = false;
            const run = captureStdout(() =>
                onClock.create({ service: "ecd", region: "cn-shanghai", create: START_ECD, timeout: "10s", pollInterval: { min: "1s", max: "1s" } }),
            ).finally(() => (settled = true));
            for (let i = 0; !settled && i < 100; i++) await clock.advance(500);
            const { error } = await run;
            assert.deepStrictEqual(actions(stub.calls).slice(0, 3), ["CreateEcdReportTask", "CreateEcdReportTask", "CreateEcdReportTask"]);
            // the engine's part alone is 6 s: the last check comes before the deadline, after 3 s of start retries
            assert.match((error as Error).message, /timed out after 10s \(\d+ polls in 9s\) for ECD report export task ret-new1234/);
        } finally {
            stub.restore();
        }
    });

    it("starts a Security Center export and records exportId as an integer with the counts", async () => {
        const stub = client.answer((call) => {
            if (call.action === "ExportRecord") return { Id: 555, FileName: "vul_export", RequestId: "REQ-E" };
            return { ...SAS_SAMPLE, Id: 555, Link: signedUrl(1800) };
        });
        try {
            const run = await captureStdout(() =>
                lifecycle.create({ service: "sas", region: "cn-hangzhou", create: { exportType: "exportVul", params: { riskLevel: "high" } }, ...FAST }),
            );
            assert.ifError(run.error);
            const { id, outs } = run.value!;
            assert.strictEqual(id, "sas:cn-hangzhou:555");
            assert.strictEqual(outs.exportId, 555);
            assert.strictEqual(outs.currentCount, 20);
            assert.strictEqual(outs.totalCount, 100);
            assert.strictEqual(outs.fileName, "health_check_export_20171123");
            assert.deepStrictEqual(stub.calls[0].params, { ExportType: "exportVul", Params: '{"riskLevel":"high"}' });
            assert.deepStrictEqual(stub.calls[1].params, { ExportId: 555 });
            assert.strictEqual(stub.calls[0].endpoint, "https://tds.cn-shanghai.aliyuncs.com");
            noSecretsIn(run.lines);
        } finally {
            stub.restore();
        }
    });

    it("ends a Security Center export stuck in exporting only at the deadline, naming its last status and progress", async () => {
        const stub = client.answer(() => ({ ...SAS_SAMPLE, ExportStatus: "exporting", Progress: 42, Link: "" }));
        try {
            const run = await captureStdout(() => lifecycle.create({ service: "sas", region: "ap-southeast-1", exportId: 131231, ...TIMES_OUT }));
            const error = run.error as Error & { properties: Record<string, unknown> };
            assert.match(error.message, /last status exporting \(running\), progress 42%/);
            assert.match(error.message, /documents no failure status/);
            assert.strictEqual(error.properties.exportId, 131231);
            assert.strictEqual(stub.calls[0].endpoint, "https://tds.ap-southeast-1.aliyuncs.com");
        } finally {
            stub.restore();
        }
    });
});

describe("ReportExport diff, read and update", () => {
    const started = { service: "ecd", region: "cn-shanghai", create: START_ECD, renewOnExpiry: true, timeout: "30m", onFailure: "fail" };
    const recorded = (expiresAt: string, extra: Record<string, unknown> = {}) => ({
        ...started,
        status: "succeeded",
        rawStatus: "FINISHED",
        progress: 100,
        taskId: "ret-1234",
        downloadUrl: "https://b/f.xlsx?Expires=1",
        expiresAt,
        ...extra,
    });
    const past = new Date(Date.now() - 60_000).toISOString();
    const future = new Date(Date.now() + 3_600_000).toISOString();

    it("reports a replace on expiresAt once a started export's URL has expired", async () => {
        const run = await captureStdout(() => lifecycle.diff("ecd:cn-shanghai:ret-1234", recorded(past), { ...started, resourceName: "r" }));
        assert.deepStrictEqual(run.value, { changes: true, replaces: ["expiresAt"], deleteBeforeReplace: false });
        assert.ok(
            run.lines.some((l) =>
                /ReportExport "r": ECD report export task ret-1234: its download URL expired at .*replacing the resource starts a fresh export/.test(l),
            ),
        );
    });

    it("also renews an export recorded as expired", async () => {
        const run = await captureStdout(() => lifecycle.diff("id", recorded(future, { status: "expired" }), started));
        assert.deepStrictEqual(run.value!.replaces, ["expiresAt"]);
    });

    it("reports no change while the URL is valid; the recorded taskId of a started export is no input", async () => {
        assert.deepStrictEqual(await lifecycle.diff("id", recorded(future), started), { changes: false, replaces: [], deleteBeforeReplace: false });
    });

    it("does not renew with renewOnExpiry false, nor an adopted export, and says so", async () => {
        const kept = await captureStdout(() => lifecycle.diff("id", recorded(past, { renewOnExpiry: false }), { ...started, renewOnExpiry: false }));
        assert.deepStrictEqual(kept.value!.replaces, []);
        assert.ok(kept.lines.some((l) => /^warning: .*renewOnExpiry is false/.test(l)));
        const adoptedInputs = { service: "ecd", region: "cn-shanghai", taskId: "ret-1234", renewOnExpiry: true, timeout: "30m", onFailure: "fail" };
        const adopted = await captureStdout(() => lifecycle.diff("id", { ...recorded(past), create: undefined, ...adoptedInputs }, adoptedInputs));
        assert.deepStrictEqual(adopted.value!.replaces, []);
        assert.ok(adopted.lines.some((l) => /^warning: .*An adopted export cannot be renewed: remove taskId and set create/.test(l)));
    });

    it("replaces when what is exported changes", async () => {
        const changed = await lifecycle.diff("id", recorded(future), { ...started, create: { ...START_ECD, langType: "en-GB" } });
        assert.deepStrictEqual(changed.replaces, ["create"]);
        const adoptedInputs = { service: "sas", region: "cn-shanghai", exportId: 2, renewOnExpiry: true, timeout: "30m", onFailure: "fail" };
        const other = await lifecycle.diff("id", { ...adoptedInputs, exportId: 1, status: "succeeded" }, adoptedInputs);
        assert.deepStrictEqual(other.replaces, ["exportId"]);
        const options = await lifecycle.diff("id", recorded(future), { ...started, timeout: "45m" });
        assert.deepStrictEqual(options, { changes: true, replaces: [], deleteBeforeReplace: false });
    });

    it("read records expired once the stored URL's expiry has passed, even when the task is gone", async () => {
        const stub = client.answer(() => ({ RequestId: "R", TotalCount: 0, ExportTaskList: [] }));
        try {
            const run = await captureStdout(() => lifecycle.read("ecd:cn-shanghai:ret-1234", recorded(past)));
            assert.strictEqual(run.value!.props.status, "expired");
            assert.strictEqual(run.value!.props.taskId, "ret-1234");
            assert.strictEqual(stub.calls[0].params.TaskId, "ret-1234");
        } finally {
            stub.restore();
        }
    });

    it("read records expired when the API says EXPIRED, and refreshes a renewed URL otherwise", async () => {
        let stub = client.answer(ecdApi([{ Status: "EXPIRED", DownloadUrl: "" }], "ret-1234"));
        try {
            const run = await captureStdout(() => lifecycle.read("id", recorded(future)));
            assert.strictEqual(run.value!.props.status, "expired");
        } finally {
            stub.restore();
        }
        const fresh = signedUrl(7200);
        stub = client.answer(ecdApi([{ Status: "FINISHED", DownloadUrl: fresh }], "ret-1234"));
        try {
            const run = await captureStdout(() => lifecycle.read("id", recorded(past)));
            assert.strictEqual(run.value!.props.status, "succeeded");
            assert.strictEqual(run.value!.props.downloadUrl, fresh);
        } finally {
            stub.restore();
        }
    });

    it("update keeps a finished export when only options changed, calling nothing", async () => {
        const stub = client.answer(() => {
            throw new Error("no call expected");
        });
        try {
            const { outs } = await lifecycle.update("id", recorded(future), { ...started, timeout: "45m" });
            assert.strictEqual(outs.taskId, "ret-1234");
            assert.strictEqual(outs.timeout, "45m");
            assert.strictEqual(stub.calls.length, 0);
        } finally {
            stub.restore();
        }
    });

    it("check reports bad inputs per property and fills the region from the configuration", async () => {
        const bad = await lifecycle.check({}, { service: "ecd", create: { subType: "DESKTOP" } });
        assert.deepStrictEqual(bad.failures, [{ property: "create.taskType", reason: 'required: the report type, "RESOURCE_REPORT"' }]);
        const good = await lifecycle.check({}, { service: "sas", exportId: "12", __provider: "x" });
        assert.deepStrictEqual(good.failures, []);
        assert.strictEqual(good.inputs.region, "cn-shanghai");
        assert.strictEqual(good.inputs.exportId, 12);
    });

    it("the recorded inputs of a started export leave out its taskId", () => {
        assert.deepStrictEqual(lifecycle.inputsOf(recorded(future)), started);
    });
});
