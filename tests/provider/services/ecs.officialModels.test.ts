// ECS's parsers on answers built from the official SDK models (tests/support/officialModels.ts).
import * as assert from "assert";
import { DescribeTaskAttributeResponseBody, DescribeTasksResponseBody } from "@alicloud/ecs20140526";
import { ResponseShapeError } from "../../../provider/client/errors";
import { describeTaskAttribute, describeTasks } from "../../../provider/services/ecs";
import { apiError, StubClient } from "../../support/clientStub";
import { full, modelSpecOf } from "../../support/officialModels";

const client = new StubClient();
const ctx = {
    client,
    region: "cn-hangzhou",
    credentials: { provider: { getCredentials: async () => ({ accessKeyId: "AK", accessKeySecret: "SK" }) }, source: "test", account: "AK" },
};

describe("services/ecs: official models, every field, and only the required ones, parse", () => {
    it("ECS DescribeTasks and DescribeTaskAttribute", async () => {
        const listFull = full(modelSpecOf(DescribeTasksResponseBody), { TaskId: "t-1", TaskStatus: "Processing", TotalCount: 1, SupportCancel: "maybe" });
        const detailFull = full(modelSpecOf(DescribeTaskAttributeResponseBody), { TaskId: "t-1", TaskStatus: "Finished", TaskProcess: "100%", FailedCount: 0 });
        const answers: unknown[] = [
            listFull,
            { TaskSet: { Task: [{ TaskId: "t-1", TaskStatus: "Processing" }] } },
            {},
            detailFull,
            { TaskStatus: "Finished" },
            {},
        ];
        const stub = client.answer(() => answers.shift());
        try {
            const [fromFull] = await describeTasks(ctx, { taskIds: ["t-1"] });
            assert.strictEqual(fromFull.rawStatus, "Processing");
            assert.strictEqual(fromFull.details.supportCancel, undefined, "SupportCancel is a free string in the model");
            const [fromMinimal] = await describeTasks(ctx, { taskIds: ["t-1"] });
            assert.deepStrictEqual([fromMinimal.taskId, fromMinimal.rawStatus, fromMinimal.requestId], ["t-1", "Processing", undefined]);
            assert.deepStrictEqual(await describeTasks(ctx, { taskIds: ["t-1"] }), [], "no TaskSet: no task listed");
            assert.strictEqual((await describeTaskAttribute(ctx, "t-1"))?.progress, 100);
            const minimal = await describeTaskAttribute(ctx, "t-1");
            assert.deepStrictEqual([minimal?.taskId, minimal?.rawStatus], ["t-1", "Finished"], "TaskId taken from the request when the answer leaves it out");
            await assert.rejects(describeTaskAttribute(ctx, "t-1"), (e: unknown) => e instanceof ResponseShapeError && e.field === "TaskStatus");
        } finally {
            stub.restore();
        }
    });

    it("an error answer is still an error, whatever optional fields it lacks", async () => {
        const stub = client.answer(() => {
            throw apiError("InvalidTaskId.NotFound", 404);
        });
        try {
            assert.strictEqual(await describeTaskAttribute(ctx, "t-1"), undefined);
        } finally {
            stub.restore();
        }
    });
});
