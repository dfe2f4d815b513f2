import { z } from "zod";
import { taskStatusSchema } from "./services/snapshot";

/**
 * The outputs each resource records (besides echoing its inputs). One schema, one place: the
 * resource classes' output types and the reference docs come from here.
 */

export const waitResultShape = {
    status: taskStatusSchema.describe("pending | running | succeeded | failed | cancelled | expired."),
    rawStatus: z.string().describe("The status exactly as the API spelled it (several tasks: the distinct values joined with commas)."),
    progress: z.number().describe("0..100."),
    failureReason: z.string().optional().describe('Why the wait failed (onFailure "warn"), or why it has not finished yet (a timeout that the next `pulumi up` resumes).'),
    requestId: z.string().optional().describe("RequestId of the last response, for support tickets."),
    waitedSeconds: z.number().describe("Seconds the last create or update spent waiting."),
};

export const ecsTaskOutputSchema = z.object({
    taskId: z.string(),
    taskAction: z.string().optional(),
    status: taskStatusSchema,
    rawStatus: z.string(),
    progress: z.number().optional(),
    resourceId: z.string().optional(),
    creationTime: z.string().optional(),
    finishedTime: z.string().optional(),
    supportCancel: z.boolean().optional(),
});

export const ecsOperationOutputSchema = z.object({
    taskId: z.string(),
    status: z.string(),
    errorCode: z.string().optional(),
    errorMsg: z.string().optional(),
    relatedItems: z.array(z.object({ name: z.string(), value: z.string() })),
});

export const taskWaiterOutputsSchema = z.object({
    ...waitResultShape,
    tasks: z.array(ecsTaskOutputSchema).describe("One entry per task: taskId, taskAction, status, rawStatus, progress, resourceId, creationTime, finishedTime, supportCancel."),
    resourceId: z.string().optional().describe("A single task's resource id: the image id of an ImportImage task."),
    successCount: z.number().describe("Operations that succeeded (ECS DescribeTaskAttribute SuccessCount, summed over tasks)."),
    failedCount: z.number().describe("Operations that failed (FailedCount, summed over tasks)."),
    operations: z.array(ecsOperationOutputSchema).describe("Every operation of every task: taskId, status, errorCode, errorMsg, relatedItems."),
});

export type TaskWaiterOutputs = z.infer<typeof taskWaiterOutputsSchema>;
export type EcsTaskOutput = z.infer<typeof ecsTaskOutputSchema>;
export type EcsOperationOutput = z.infer<typeof ecsOperationOutputSchema>;
