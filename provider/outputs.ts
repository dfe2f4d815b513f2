import { z } from "zod";
import { taskStatusSchema } from "./services/snapshot";

/**
 * The outputs each resource records (besides echoing its inputs). One schema, one place: the
 * resource classes' output types and the reference docs come from here.
 */

const waitResultShape = {
    status: taskStatusSchema.describe(
        'The outcome in common terms: "succeeded"; "failed", "cancelled" or "expired" (recorded only with onFailure "warn": otherwise the deployment fails); "pending" or "running" when the wait timed out and the next `pulumi up` resumes it.',
    ),
    rawStatus: z.string().describe("The status exactly as the API spelled it (several tasks: the distinct values joined with commas)."),
    progress: z.number().describe("Progress in percent, 0..100, as the API reports it."),
    failureReason: z
        .string()
        .optional()
        .describe('Why the wait failed (onFailure "warn"), or why it has not finished yet (a timeout that the next `pulumi up` resumes).'),
    requestId: z.string().optional().describe("RequestId of the last response, for support tickets."),
    waitedSeconds: z.number().describe("Seconds the last create or update spent waiting."),
};

const ecsTaskOutputSchema = z.object({
    taskId: z.string().describe("The task id."),
    taskAction: z.string().optional().describe("What the task does: ImportImage, ExportImage, ModifyDiskSpec, RedeployInstance, ..."),
    status: taskStatusSchema.describe("The task's status in common terms."),
    rawStatus: z.string().describe("TaskStatus as the API spelled it: Waiting, Processing, Finished or Failed."),
    progress: z.number().optional().describe("Progress in percent, 0..100, when DescribeTaskAttribute reported it."),
    resourceId: z.string().optional().describe("The resource the task made or changed: the image id of an ImportImage task."),
    creationTime: z.string().optional().describe("CreationTime as the API gives it (UTC, such as 2020-11-24T12:50Z)."),
    finishedTime: z.string().optional().describe("FinishedTime as the API gives it (UTC), once the task is final."),
    supportCancel: z.boolean().optional().describe("Whether the API says the task can be cancelled."),
});

const ecsOperationOutputSchema = z.object({
    taskId: z.string().describe("The task the operation belongs to."),
    status: z.string().describe("OperationStatus as the API spelled it."),
    errorCode: z.string().optional().describe("ErrorCode of a failed operation."),
    errorMsg: z.string().optional().describe("ErrorMsg of a failed operation."),
    relatedItems: z
        .array(z.object({ name: z.string().describe("Name of the item."), value: z.string().describe("Value of the item.") }))
        .describe("RelatedItems: name and value pairs the API attaches to the operation."),
});

/** ECS only (service "ecs"); always set for ECS waiters. */
const ecsWaiterOutputShape = {
    tasks: z
        .array(ecsTaskOutputSchema)
        .optional()
        .describe("ECS: one entry per task: taskId, taskAction, status, rawStatus, progress, resourceId, creationTime, finishedTime, supportCancel."),
    resourceId: z.string().optional().describe("ECS: a single task's resource id: the image id of an ImportImage task."),
    successCount: z.number().optional().describe("ECS: operations that succeeded (DescribeTaskAttribute SuccessCount, summed over tasks)."),
    failedCount: z.number().optional().describe("ECS: operations that failed (FailedCount, summed over tasks)."),
    operations: z.array(ecsOperationOutputSchema).optional().describe("ECS: every operation of every task: taskId, status, errorCode, errorMsg, relatedItems."),
};

/** BDRC only (service "bdrc"). */
const bdrcWaiterOutputShape = {
    taskType: z.string().optional().describe("BDRC: TaskType, e.g. UPDATE_RESOURCES or CHECK_RULES."),
    taskName: z.string().optional().describe("BDRC: TaskName."),
    result: z.unknown().optional().describe("BDRC: TaskResult parsed from its JSON text (the raw text when it is not JSON)."),
    detail: z.unknown().optional().describe("BDRC: TaskDetail parsed likewise."),
    startedAt: z.string().optional().describe("BDRC: StartTime as an ISO 8601 time."),
    finishedAt: z.string().optional().describe("BDRC: CompleteTime as an ISO 8601 time, once the task is terminal."),
    errorMessage: z.string().optional().describe("BDRC: the API's ErrorMessage."),
};

/** The union of every service's fields: those of the other services stay unset. */
export const taskWaiterOutputsSchema = z.object({
    ...waitResultShape,
    ...ecsWaiterOutputShape,
    ...bdrcWaiterOutputShape,
});

export const reportExportOutputsSchema = z.object({
    ...waitResultShape,
    downloadUrl: z
        .string()
        .optional()
        .describe("The report's download URL (ECD DownloadUrl, Security Center Link): a pre-signed URL, a secret output. Set once the export succeeded."),
    fileName: z.string().optional().describe("The report's file name (ECD ReportFileName or the URL's file, Security Center FileName)."),
    expiresAt: z.string().optional().describe("When the download URL stops working (ISO 8601, from its Expires query value); unset when the URL says nothing."),
    taskId: z.string().optional().describe("ECD: the report export task, adopted or started."),
    exportId: z.number().optional().describe("Security Center: the export, adopted or started."),
    currentCount: z.number().optional().describe("Security Center: entries exported so far (CurrentCount)."),
    totalCount: z.number().optional().describe("Security Center: entries in the report (TotalCount)."),
});

export const apiWaiterOutputsSchema = z.object({
    status: taskStatusSchema.describe(
        "succeeded (a success acceptor matched), failed (a failure acceptor matched, an error no acceptor expects, or a check that does not hold), running (timed out: the next `pulumi up` waits again).",
    ),
    reason: z.string().describe("Why it ended, in words: which acceptor matched and what it saw, or the error, or the timeout."),
    matchedAcceptor: z.number().optional().describe("Index of the acceptor that decided (acceptors first, then until)."),
    matchedValue: z.unknown().optional().describe("The value the deciding acceptor's expression selected (for an errorCode acceptor, the code)."),
    answer: z
        .unknown()
        .optional()
        .describe(
            "The last answer, or the part `output` selects: scrubbed of signatures and the provider's credentials, and left out (with a warning) when larger than 128 KiB of JSON.",
        ),
    secretFields: z
        .array(z.string())
        .optional()
        .describe(
            "Fields of the last answer whose names mark them secret (SecretData, AccessKeySecret, Password, ...): their values stay out of lines and messages, and without `secret: true` the outputs that hold them (answer, matchedValue) are recorded as secret outputs.",
        ),
    errorCode: z.string().optional().describe("The error code of the last answer, when it was an error."),
    requestId: z.string().optional().describe("RequestId of the last answer, for support tickets."),
    waitedSeconds: z.number().describe("Seconds the last create, update or refresh spent."),
    evaluatedAt: z.string().describe("When the deciding answer came (ISO 8601): in check mode, the last evaluation."),
});

export type TaskWaiterOutputs = z.infer<typeof taskWaiterOutputsSchema>;
export type ApiWaiterOutputs = z.infer<typeof apiWaiterOutputsSchema>;
export type ReportExportOutputs = z.infer<typeof reportExportOutputsSchema>;
export type EcsTaskOutput = z.infer<typeof ecsTaskOutputSchema>;
export type EcsOperationOutput = z.infer<typeof ecsOperationOutputSchema>;
