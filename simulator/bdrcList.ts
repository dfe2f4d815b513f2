/**
 * bdrc DescribeTasks (ROA 2023-08-08, GET /api/v1/tasks): the account's tasks, newest first, a
 * page at a time, as the official model (DescribeTasksResponseBody) describes them:
 * - MaxResults: "If this parameter is omitted or its value is less than 10, a default value of 10 is
 *   used. Values greater than 500 are treated as 500." Not an integer: 400 InvalidParameter.
 * - NextToken: from the previous page; Data.NextToken is "" on the last page. The simulator's
 *   token is a cursor (the last task shown), so tasks created while paging do not shift pages.
 *   One it did not make: 400 InvalidParameter.
 * - Filters TaskStatus (CREATED, RUNNING, COMPLETE, FAILED, EXPIRED, CANCELED) and TaskType
 *   (UPDATE_RESOURCES, CHECK_RULES; the model also names TEST) compare exactly; another value
 *   matches nothing. There is no filter by id.
 * - Data.TotalCount "is optional and is not returned by default": it is left out.
 */
import { bdrcDetails, bdrcStatusOf } from "./bdrcTask";
import { bdrcTaskData } from "./bdrcView";
import { invalidParameter } from "./errors";
import type { RpcContext } from "./registry";
import { optionalParam } from "./rpcParams";
import { taskState, type SimTask } from "./tasks";

const SERVICE = "bdrc";
const MIN_RESULTS = 10;
const MAX_RESULTS = 500;

/** MaxResults, clamped into 10..500 as the model documents. */
function maxResults(ctx: RpcContext): number {
    const raw = optionalParam(ctx.params, "MaxResults");
    if (raw === undefined) return MIN_RESULTS;
    if (!/^-?\d{1,16}$/.test(raw)) throw invalidParameter("MaxResults", "It must be an integer.");
    return Math.min(MAX_RESULTS, Math.max(MIN_RESULTS, Number(raw)));
}

interface Cursor {
    createdAt: number;
    seq: number;
}

function encodeCursor(task: SimTask): string {
    return Buffer.from(`${task.createdAt}.${task.seq}`, "utf8").toString("hex");
}

function decodeCursor(token: string): Cursor {
    const match = /^(\d{1,16})\.(\d{1,16})$/.exec(/^(?:[0-9a-f]{2})+$/.test(token) ? Buffer.from(token, "hex").toString("utf8") : "");
    if (!match) throw invalidParameter("NextToken", "Use the NextToken of the previous page.");
    return { createdAt: Number(match[1]), seq: Number(match[2]) };
}

/** Whether a task comes after the cursor in newest-first order (the store's order). */
function isAfter(task: SimTask, cursor: Cursor): boolean {
    return task.createdAt < cursor.createdAt || (task.createdAt === cursor.createdAt && task.seq < cursor.seq);
}

export function describeTasks(ctx: RpcContext): object {
    const pageSize = maxResults(ctx);
    const token = optionalParam(ctx.params, "NextToken");
    const cursor = token === undefined ? undefined : decodeCursor(token);
    const status = optionalParam(ctx.params, "TaskStatus");
    const type = optionalParam(ctx.params, "TaskType");

    const matches = ctx.tasks.list(
        (t) =>
            t.service === SERVICE &&
            (cursor === undefined || isAfter(t, cursor)) &&
            (status === undefined || bdrcStatusOf(taskState(t, ctx.now).phase) === status) &&
            (type === undefined || bdrcDetails(t).taskType === type),
    );
    const page = matches.slice(0, pageSize);
    return {
        Data: {
            Content: page.map((t) => bdrcTaskData(t, ctx.now)),
            MaxResults: pageSize,
            NextToken: matches.length > pageSize ? encodeCursor(page[page.length - 1]) : "",
        },
        RequestId: ctx.requestId,
    };
}
