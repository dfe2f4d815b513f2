/**
 * bdrc, ECD and Security Center through Alibaba's generic official clients, called the way the
 * generated clients (bdrc-20230808, ecd-20200930, sas-20181203, not on this npm registry) call them:
 * the same Params, the parameters flattened into the query. Each call is signed V3 (the default) and
 * V2, through @alicloud/openapi-core (what the generated clients import) and @alicloud/openapi-client.
 * Every answer carries every field of the official model with its type; wrong secret, unknown key
 * and bad vocabulary fail as the real service fails.
 */
import { strict as assert } from "node:assert";
import { ManualClock, SIMULATOR_ACCESS_KEY, SIMULATOR_STS, startSimulator, type Simulator } from "../../simulator";
import {
    acceptedTable,
    API,
    countAcceptedCalls,
    expectSdkError,
    GENERIC_FLAVOURS,
    genericSdk,
    SIGNATURES,
    type AcceptedCalls,
    type ApiParams,
    type GenericCall,
} from "./officialClients";
import {
    assertMatchesModel,
    BDRC_DESCRIBE_TASK,
    BDRC_DESCRIBE_TASKS,
    ECD_CREATE_REPORT_TASK,
    ECD_DESCRIBE_REPORT_TASKS,
    SAS_DESCRIBE_EXPORT_INFO,
    SAS_EXPORT_RECORD,
} from "./officialModels";

const ACTIONS = ["DescribeTask", "DescribeTasks", "CreateEcdReportTask", "DescribeEcdReportTasks", "ExportRecord", "DescribeExportInfo"];
const REPORT = { TaskType: "RESOURCE_REPORT", SubType: "DESKTOP", ReportFileName: "desktops", LangType: "en-GB" };

describe("simulator: the official generic clients (bdrc, ECD, Security Center)", () => {
    let sim: Simulator;
    let clock: ManualClock;
    const accepted: AcceptedCalls = new Map();
    const bdrcTasks: string[] = [];

    before(async () => {
        clock = new ManualClock(Date.UTC(2024, 4, 1));
        sim = await startSimulator({ clock });
        countAcceptedCalls(sim, accepted);
        for (let i = 0; i < 12; i++) {
            bdrcTasks.unshift(
                sim.createTask({ service: "bdrc", action: i % 2 ? "CheckRules" : "UpdateResources", durationMs: 1_000, outcome: "success" }).taskId,
            );
        }
        sim.setTaskTemplate("ecd", { queuedMs: 0, durationMs: 1_000 });
        sim.setTaskTemplate("sas", { queuedMs: 0, durationMs: 1_000 });
        clock.advance(1_000);
    });
    after(async () => {
        await sim.close();
        console.log(`    official generic clients (both flavours), calls the simulator accepted:\n${acceptedTable(accepted, ACTIONS)}`);
    });

    for (const flavour of GENERIC_FLAVOURS) {
        for (const signature of SIGNATURES) {
            describe(`@alicloud/${flavour}, signed ${signature}`, () => {
                const sdk = (keys = SIMULATOR_ACCESS_KEY as { accessKeyId: string; accessKeySecret: string; securityToken?: string }): GenericCall =>
                    genericSdk(sim, keys, flavour, signature);

                it("bdrc DescribeTask answers the model's fields (long-term key and STS)", async () => {
                    for (const keys of [SIMULATOR_ACCESS_KEY, SIMULATOR_STS]) {
                        const answer = await sdk(keys)(API.bdrcDescribeTask(bdrcTasks[0]));
                        assert.equal(answer.statusCode, 200);
                        assertMatchesModel(answer.body, BDRC_DESCRIBE_TASK);
                        assert.deepEqual((answer.body.Data as { TaskStatus: string }).TaskStatus, "COMPLETE");
                    }
                });

                it("bdrc DescribeTasks pages with MaxResults and NextToken, with the model's fields but TotalCount", async () => {
                    const first = await sdk(SIMULATOR_STS)(API.bdrcDescribeTasks(), { MaxResults: 10 });
                    assertMatchesModel(first.body, BDRC_DESCRIBE_TASKS, ["Data.TotalCount"]);
                    const data = first.body.Data as { Content: Array<{ TaskId: string }>; NextToken: string };
                    const second = await sdk()(API.bdrcDescribeTasks(), { MaxResults: 10, NextToken: data.NextToken, TaskStatus: "COMPLETE" });
                    assertMatchesModel(second.body, BDRC_DESCRIBE_TASKS, ["Data.TotalCount"]);
                    const rest = second.body.Data as { Content: Array<{ TaskId: string }>; NextToken: string };
                    assert.deepEqual(
                        [...data.Content, ...rest.Content].map((t) => t.TaskId),
                        bdrcTasks,
                    );
                    assert.equal(rest.NextToken, "");
                    const checks = await sdk()(API.bdrcDescribeTasks(), { TaskType: "CHECK_RULES" });
                    assert.equal((checks.body.Data as { Content: unknown[] }).Content.length, 6);
                });

                it("ECD CreateEcdReportTask and DescribeEcdReportTasks answer the model's fields", async () => {
                    const filters = [
                        { FilterKey: "RegionId", FilterValues: ["cn-hangzhou", "cn-shanghai"] },
                        { FilterKey: "DesktopName", FilterValues: ["a b+c"] },
                    ];
                    const created = await sdk(SIMULATOR_STS)(API.ecdCreateEcdReportTask(), { ...REPORT, FilterList: filters });
                    assertMatchesModel(created.body, ECD_CREATE_REPORT_TASK, ["Message"]);
                    const taskId = String(created.body.TaskId);
                    assert.deepEqual(sim.getTask(taskId)?.details.filterList, filters);
                    assert.equal(sim.getTask(taskId)?.details.langType, "en-GB");
                    clock.advance(1_000);
                    const listed = await sdk()(API.ecdDescribeEcdReportTasks(), { TaskId: taskId, Status: ["FINISHED", "RUNNING"], PageNum: 1, PageSize: 10 });
                    assertMatchesModel(listed.body, ECD_DESCRIBE_REPORT_TASKS);
                    const [task] = listed.body.ExportTaskList as Array<{ TaskId: string; Status: string; DownloadUrl: string }>;
                    assert.deepEqual([task.TaskId, task.Status], [taskId, "FINISHED"]);
                    assert.match(task.DownloadUrl, /^https:\/\/.*Expires=\d+/);
                });

                it("Security Center ExportRecord and DescribeExportInfo answer the model's fields", async () => {
                    const created = await sdk(SIMULATOR_STS)(API.sasExportRecord(), {
                        ExportType: "virusScanExport",
                        ExportFileType: "virusScanExport",
                        Lang: "en",
                        Params: JSON.stringify({ currentPage: 1 }),
                    });
                    assertMatchesModel(created.body, SAS_EXPORT_RECORD);
                    clock.advance(1_000);
                    const info = await sdk()(API.sasDescribeExportInfo(), { ExportId: created.body.Id });
                    assertMatchesModel(info.body, SAS_DESCRIBE_EXPORT_INFO);
                    assert.deepEqual([info.body.Id, info.body.ExportStatus, info.body.Progress], [created.body.Id, "success", 100]);
                });

                const everyApi = (): Array<[string, ApiParams, Record<string, unknown>]> => [
                    ["DescribeTask", API.bdrcDescribeTask(bdrcTasks[0]), {}],
                    ["DescribeTasks", API.bdrcDescribeTasks(), {}],
                    ["CreateEcdReportTask", API.ecdCreateEcdReportTask(), REPORT],
                    ["DescribeEcdReportTasks", API.ecdDescribeEcdReportTasks(), {}],
                    ["ExportRecord", API.sasExportRecord(), { ExportType: "user" }],
                    ["DescribeExportInfo", API.sasDescribeExportInfo(), { ExportId: 1 }],
                ];

                it("a wrong secret fails every API with 400 SignatureDoesNotMatch", async () => {
                    const wrong = sdk({ ...SIMULATOR_ACCESS_KEY, accessKeySecret: "wrong" });
                    for (const [action, params, query] of everyApi()) {
                        const err = await expectSdkError(wrong(params, query));
                        assert.deepEqual([err.code, err.statusCode], ["SignatureDoesNotMatch", 400], action);
                        const quoted = signature === "V3" ? /server StringToSign is \[ACS3-HMAC-SHA256\n[0-9a-f]{64}\]$/ : /server string to sign is:/;
                        assert.match(String(err.data.Message), quoted, action);
                    }
                });

                it("an unknown AccessKeyId fails every API with 404 InvalidAccessKeyId.NotFound", async () => {
                    const unknown = sdk({ accessKeyId: "NOSUCHKEY0001", accessKeySecret: "x" });
                    for (const [action, params, query] of everyApi()) {
                        const err = await expectSdkError(unknown(params, query));
                        assert.deepEqual([err.code, err.statusCode], ["InvalidAccessKeyId.NotFound", 404], action);
                    }
                });

                it("values outside the vocabulary fail as the service fails them", async () => {
                    const call = sdk();
                    const lang = await expectSdkError(call(API.ecdCreateEcdReportTask(), { ...REPORT, LangType: "en-US" }));
                    assert.deepEqual([lang.code, lang.statusCode, lang.data.Message], ["InvalidLangType", 400, "Specified parameter LangType is not valid."]);
                    const fileType = await expectSdkError(call(API.sasExportRecord(), { ExportType: "virusScanExport" }));
                    assert.deepEqual([fileType.code, fileType.statusCode], ["MissingParameter", 400]);
                    assert.match(String(fileType.data.Message), /"ExportFileType"/);
                    const token = await expectSdkError(call(API.bdrcDescribeTasks(), { NextToken: "not-a-token" }));
                    assert.deepEqual([token.code, token.statusCode], ["InvalidParameter", 400]);
                    const task = await expectSdkError(call(API.bdrcDescribeTask("t-nosuchtask")));
                    assert.deepEqual([task.code, task.statusCode], ["InvalidTaskId.NotFound", 404]);
                });
            });
        }
    }
});
