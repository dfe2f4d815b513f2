import * as assert from "assert";
import { REPORT_EXPORT_INPUTS, TASK_WAITER_INPUTS, reportExportInputsSchema, taskWaiterInputsSchema } from "../../../provider/inputs";
import { UNKNOWN_VALUE, validateInputs } from "../../../provider/inputs/validate";

function exportFailures(raw: Record<string, unknown>): Record<string, string> {
    return Object.fromEntries(validateInputs(reportExportInputsSchema, raw, REPORT_EXPORT_INPUTS.rules).failures.map((f) => [f.property, f.reason]));
}

function waiterFailures(raw: Record<string, unknown>): Record<string, string> {
    return Object.fromEntries(validateInputs(taskWaiterInputsSchema, raw, TASK_WAITER_INPUTS.rules).failures.map((f) => [f.property, f.reason]));
}

const START_ECD = { taskType: "RESOURCE_REPORT", subType: "DESKTOP" };

describe("inputs: ReportExport schema", () => {
    it("accepts start and adopt modes of both services and applies the defaults", () => {
        const started = validateInputs(reportExportInputsSchema, { service: "ecd", create: START_ECD }, REPORT_EXPORT_INPUTS.rules);
        assert.deepStrictEqual(started.value, { service: "ecd", create: START_ECD, renewOnExpiry: true, timeout: "30m", onFailure: "fail" });
        const adopted = validateInputs(reportExportInputsSchema, { service: "sas", exportId: "131231", onFailure: "warn" }, REPORT_EXPORT_INPUTS.rules);
        assert.deepStrictEqual(
            adopted.value,
            { service: "sas", exportId: 131231, renewOnExpiry: true, timeout: "30m", onFailure: "warn" },
            "an id given as text is recorded as the integer",
        );
        const sasStart = validateInputs(
            reportExportInputsSchema,
            { service: "sas", create: { exportType: "exportVul", params: { riskLevel: "high" }, lang: "en" } },
            REPORT_EXPORT_INPUTS.rules,
        );
        assert.deepStrictEqual(sasStart.failures, []);
    });

    it("requires exactly one of adopt and start, per property", () => {
        assert.match(exportFailures({ service: "ecd" }).create, /set create to start a new export, or taskId to wait for one that exists/);
        assert.match(exportFailures({ service: "sas" }).create, /or exportId to wait for one that exists/);
        assert.match(exportFailures({ service: "ecd", taskId: "ret-abc123", create: START_ECD }).create, /set only one of taskId and create/);
        assert.match(exportFailures({ service: "sas", exportId: 5, create: { exportType: "exportVul" } }).create, /set only one of exportId and create/);
    });

    it("still reports the adopt-or-start rule when another property is wrong", () => {
        const f = exportFailures({ service: "ecd", timeout: "soon" });
        assert.match(f.timeout, /not a duration/);
        assert.match(f.create, /set create to start/);
    });

    it("names each bad property of an ECD start request", () => {
        const f = exportFailures({
            service: "ecd",
            create: { subType: "", langType: "chinese", filters: [{ key: "RegionId" }, { key: "x", values: [] }], extra: 1 },
        });
        assert.match(f["create.taskType"], /required: the report type, "RESOURCE_REPORT"/);
        assert.match(f["create.subType"], /must not be empty: .*"DESKTOP"/);
        assert.match(f["create.langType"], /"chinese" is not a LangType of CreateEcdReportTask: use "zh-CN" or "en-GB"/);
        assert.match(f["create.filters[0].values"], /required: a list of values/);
        assert.match(f["create.filters[1].values"], /at least one value/);
        assert.match(f["create.extra"], /unknown property/);
        assert.match(
            exportFailures({ service: "ecd", create: "RESOURCE_REPORT" }).create,
            /must be an object such as \{ taskType: "RESOURCE_REPORT", subType: "DESKTOP" \}/,
        );
    });

    it("names each bad property of a Security Center start request", () => {
        const f = exportFailures({ service: "sas", create: { params: "riskLevel=high", lang: "fr" } });
        assert.match(f["create.exportType"], /required: what to export/);
        assert.match(f["create.params"], /"riskLevel=high" is not the JSON text of an object/);
        assert.match(f["create.lang"], /"zh" or "en"/);
        assert.deepStrictEqual(exportFailures({ service: "sas", create: { exportType: "exportVul", params: '{"riskLevel":"high"}' } }), {});
    });

    it("checks adopted ids and the options", () => {
        assert.match(
            exportFailures({ service: "sas", exportId: "abc" }).exportId,
            /"abc" is not an export id: use the positive integer Id that ExportRecord returned/,
        );
        assert.match(exportFailures({ service: "sas", exportId: 1.5 }).exportId, /not an export id/);
        assert.match(exportFailures({ service: "sas", exportId: true }).exportId, /must be a Security Center export id/);
        assert.match(exportFailures({ service: "ecd", taskId: "ret/../x" }).taskId, /is not an ECD report task id/);
        assert.match(exportFailures({ service: "ecd", create: START_ECD, renewOnExpiry: "yes" }).renewOnExpiry, /true or false/);
        assert.match(exportFailures({ service: "ecd", create: START_ECD, onFailure: "ignore" }).onFailure, /"fail" or "warn"/);
        assert.match(exportFailures({ service: "ecd", create: START_ECD, successStatuses: [""] })["successStatuses[0]"], /must not be empty/);
    });

    it("rejects unknown services and does not judge values unknown at preview", () => {
        assert.match(exportFailures({ service: "ecs", taskId: "t-1234" }).service, /"ecs" is not a supported service: use one of "ecd", "sas"/);
        assert.match(exportFailures({}).service, /required/);
        const v = validateInputs(reportExportInputsSchema, { service: "ecd", taskId: UNKNOWN_VALUE }, REPORT_EXPORT_INPUTS.rules);
        assert.deepStrictEqual(v.failures, []);
        assert.match(
            exportFailures({ service: "ecd", taskId: UNKNOWN_VALUE, create: START_ECD }).create,
            /set only one of/,
            "an unknown id still counts as set",
        );
    });
});

describe("inputs: TaskWaiter schema, service bdrc", () => {
    it("accepts a bdrc task id with the common wait options", () => {
        const v = validateInputs(
            taskWaiterInputsSchema,
            { service: "bdrc", taskId: "t-0004d9ctt1ii1234", onFailure: "warn", successStatuses: ["DONE"] },
            TASK_WAITER_INPUTS.rules,
        );
        assert.deepStrictEqual(v.value, { service: "bdrc", taskId: "t-0004d9ctt1ii1234", timeout: "30m", onFailure: "warn", successStatuses: ["DONE"] });
    });

    it("names each bad property", () => {
        assert.match(waiterFailures({ service: "bdrc" }).taskId, /required: a BDRC task id such as "t-0004d9ctt1ii1234"/);
        assert.match(waiterFailures({ service: "bdrc", taskId: "t x" }).taskId, /"t x" is not a BDRC task id/);
        assert.match(waiterFailures({ service: "bdrc", taskId: "t-abc123", taskIds: ["t-abc123"] }).taskIds, /unknown property/);
        assert.match(waiterFailures({ service: "bdrc", taskId: "t-abc123", failOnPartialFailure: true }).failOnPartialFailure, /unknown property/);
        assert.match(waiterFailures({ service: "bdrc", taskId: "t-abc123", timeout: "48h" }).timeout, /at most 24h/);
        assert.match(waiterFailures({ service: "rds", taskId: "t-abc123" }).service, /use one of "ecs", "bdrc"/);
    });
});
