/**
 * bdrc (API version 2023-08-08, ROA): GET /api/v1/tasks/{TaskId} (DescribeTask) and GET
 * /api/v1/tasks (DescribeTasks, bdrcList.ts). What a task looks like in both: bdrcView.ts.
 *
 * Choices where the reference page is silent or odd:
 * - Times are Unix seconds. StartTime is 0 until the task leaves CREATED, CompleteTime 0 until it
 *   ends (whatever the outcome). ExpireTime is when an unfinished task would expire: its end for
 *   an EXPIRED task, else 7 days after creation (or its end, if later).
 * - Progress is on the documented 0..10000 scale, 10000 once the task has ended whatever the
 *   outcome (as ECS reports 100% for a failed task): check TaskStatus, not Progress.
 * - TaskResult is "" until COMPLETE; ErrorMessage is "" unless FAILED.
 * - Data.RequestId is the id of the request that created the task; the top-level RequestId is
 *   this request's, as in the sample.
 * - Every bdrc task is visible through the single simulator endpoint, whatever its region.
 * - An unknown TaskId answers 404 InvalidTaskId.NotFound.
 */
import { describeTasks } from "./bdrcList";
import { bdrcTaskKind } from "./bdrcTask";
import { bdrcTaskData } from "./bdrcView";
import { SimError } from "./errors";
import type { RpcContext, ServiceModule } from "./registry";

export const BDRC_VERSION = "2023-08-08";
const SERVICE = "bdrc";
const PRODUCT = "BDRC";

function describeTask(ctx: RpcContext): object {
    const task = ctx.tasks.get(ctx.pathParams.TaskId);
    if (!task || task.service !== SERVICE) throw new SimError(404, "InvalidTaskId.NotFound", 'The specified "TaskId" is not found.');
    return { Data: bdrcTaskData(task, ctx.now), RequestId: ctx.requestId };
}

export const bdrcService: ServiceModule = {
    name: SERVICE,
    register(registry) {
        registry.addTaskKind(bdrcTaskKind);
        const common = { service: SERVICE, product: PRODUCT, version: BDRC_VERSION, method: "GET" };
        registry.addRoaAction({ ...common, path: "/api/v1/tasks/{TaskId}", action: "DescribeTask", handler: describeTask });
        registry.addRoaAction({ ...common, path: "/api/v1/tasks", action: "DescribeTasks", handler: describeTasks });
    },
};
