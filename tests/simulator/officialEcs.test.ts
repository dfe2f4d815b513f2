/**
 * Alibaba's official ECS client (@alicloud/ecs20140526, default settings but the endpoint) against
 * the simulator: DescribeTasks and DescribeTaskAttribute signed V3 (its default) and V2, parsed into
 * the real model classes with every field set; wrong secret, unknown key and bad vocabulary fail as
 * the real service fails.
 */
import { strict as assert } from "node:assert";
import { DescribeTaskAttributeRequest, DescribeTaskAttributeResponseBody, DescribeTasksRequest, DescribeTasksResponseBody } from "@alicloud/ecs20140526";
import { ManualClock, SIMULATOR_ACCESS_KEY, SIMULATOR_STS, startSimulator, type Simulator, type SimTaskView } from "../../simulator";
import { acceptedTable, captureBodies, countAcceptedCalls, ecsSdk, expectSdkError, SIGNATURES, type AcceptedCalls } from "./officialClients";
import { assertMatchesModel, assertModelFilled, modelSpecOf } from "./officialModels";

const ACTIONS = ["ImportImage", "ExportImage", "RedeployInstance", "ModifyDiskSpec", "ArchiveSnapshot"] as const;

describe("simulator: the official ECS SDK client", () => {
    let sim: Simulator;
    let lastBody: () => Record<string, unknown>;
    const accepted: AcceptedCalls = new Map();
    const tasks: SimTaskView[] = [];

    before(async () => {
        const clock = new ManualClock(Date.UTC(2024, 4, 1));
        sim = await startSimulator({ clock });
        countAcceptedCalls(sim, accepted);
        lastBody = captureBodies(sim);
        for (const action of ACTIONS) {
            tasks.push(
                sim.createTask({ service: "ecs", action, durationMs: 60_000, outcome: action === "ModifyDiskSpec" ? "partial" : "success", operations: 3 }),
            );
        }
        clock.advance(60_000);
    });
    after(async () => {
        await sim.close();
        console.log(`    official ECS client, calls the simulator accepted:\n${acceptedTable(accepted, ["DescribeTasks", "DescribeTaskAttribute"])}`);
    });

    for (const signature of SIGNATURES) {
        describe(`signed ${signature}`, () => {
            for (const [label, keys] of [
                ["long-term key", SIMULATOR_ACCESS_KEY],
                ["STS", SIMULATOR_STS],
            ] as const) {
                it(`DescribeTasks parses into DescribeTasksResponseBody with every field (${label})`, async () => {
                    const response = await ecsSdk(sim, keys, signature).describeTasks(new DescribeTasksRequest({ regionId: "cn-hangzhou", pageSize: 100 }));
                    assert.equal(response.statusCode, 200);
                    assert.ok(response.body instanceof DescribeTasksResponseBody);
                    assertModelFilled(response.body, DescribeTasksResponseBody);
                    assertMatchesModel(lastBody(), modelSpecOf(DescribeTasksResponseBody));
                    assert.deepEqual(response.body.taskSet?.task?.map((t) => t.taskAction).sort(), [...ACTIONS].sort());
                });
            }

            it("DescribeTasks filters by each of the five TaskAction values, ArchiveSnapshot included", async () => {
                const client = ecsSdk(sim, SIMULATOR_ACCESS_KEY, signature);
                for (const task of tasks) {
                    const response = await client.describeTasks(new DescribeTasksRequest({ regionId: "cn-hangzhou", taskAction: task.action }));
                    assert.deepEqual(
                        response.body?.taskSet?.task?.map((t) => t.taskId),
                        [task.taskId],
                        task.action,
                    );
                }
                const byIds = await client.describeTasks(new DescribeTasksRequest({ regionId: "cn-hangzhou", taskIds: tasks.map((t) => t.taskId).join(",") }));
                assert.equal(byIds.body?.totalCount, tasks.length);
            });

            it("DescribeTaskAttribute parses into DescribeTaskAttributeResponseBody with every field", async () => {
                const client = ecsSdk(sim, SIMULATOR_STS, signature);
                for (const task of tasks) {
                    const response = await client.describeTaskAttribute(new DescribeTaskAttributeRequest({ regionId: "cn-hangzhou", taskId: task.taskId }));
                    assert.ok(response.body instanceof DescribeTaskAttributeResponseBody);
                    assertModelFilled(response.body, DescribeTaskAttributeResponseBody);
                    assertMatchesModel(lastBody(), modelSpecOf(DescribeTaskAttributeResponseBody));
                    assert.deepEqual([response.body.taskId, response.body.taskStatus, response.body.totalCount], [task.taskId, "Finished", 3]);
                }
            });

            it("a wrong secret fails with 400 SignatureDoesNotMatch quoting the server's string to sign", async () => {
                const err = await expectSdkError(
                    ecsSdk(sim, { ...SIMULATOR_ACCESS_KEY, accessKeySecret: "wrong" }, signature).describeTasks(
                        new DescribeTasksRequest({ regionId: "cn-hangzhou" }),
                    ),
                );
                assert.deepEqual([err.code, err.statusCode], ["SignatureDoesNotMatch", 400]);
                const message = String(err.data.Message);
                if (signature === "V3")
                    assert.match(message, /^Specified signature does not match our calculation\. server StringToSign is \[ACS3-HMAC-SHA256\n[0-9a-f]{64}\]$/);
                else
                    assert.match(
                        message,
                        /^Specified signature is not matched with our calculation\. server string to sign is:POST&%2F&.*Action%3DDescribeTasks/,
                    );
            });

            it("an unknown AccessKeyId fails with 404 InvalidAccessKeyId.NotFound", async () => {
                const err = await expectSdkError(
                    ecsSdk(sim, { accessKeyId: "NOSUCHKEY0001", accessKeySecret: "x" }, signature).describeTasks(
                        new DescribeTasksRequest({ regionId: "cn-hangzhou" }),
                    ),
                );
                assert.deepEqual([err.code, err.statusCode, err.data.Message], ["InvalidAccessKeyId.NotFound", 404, "Specified access key is not found."]);
            });

            it("values outside the vocabulary fail as the service fails them", async () => {
                const client = ecsSdk(sim, SIMULATOR_ACCESS_KEY, signature);
                const pageSize = await expectSdkError(client.describeTasks(new DescribeTasksRequest({ regionId: "cn-hangzhou", pageSize: 101 })));
                assert.deepEqual([pageSize.code, pageSize.statusCode], ["InvalidParameter", 400]);
                const region = await expectSdkError(
                    client.describeTaskAttribute(new DescribeTaskAttributeRequest({ regionId: "cn-nowhere-1", taskId: tasks[0].taskId })),
                );
                assert.deepEqual([region.code, region.statusCode], ["InvalidRegionId.NotFound", 400]);
                // "Only tasks in the Finished, Processing, or Failed state can be queried. Other values do not take effect."
                const waiting = await client.describeTasks(new DescribeTasksRequest({ regionId: "cn-hangzhou", taskStatus: "Waiting" }));
                assert.equal(waiting.body?.totalCount, tasks.length);
            });
        });
    }
});
