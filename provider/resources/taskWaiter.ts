import * as pulumi from "@pulumi/pulumi";
import type * as types from "../types";
import { TASK_WAITER_PROPERTY_KEYS as PROPERTY_KEYS } from "./keys";
import { resourceProperties, waiterOptions } from "./properties";
import { lifecycleModule, providerShell } from "./shell";

/** Exported for tests that drive the provider host directly; programs use the class. */
export const taskWaiterProvider = providerShell(lifecycleModule("taskWaiter"));

/**
 * Waits for Alibaba Cloud asynchronous tasks during `pulumi up`: ECS tasks (image import and
 * export, disk spec changes, redeploys) and Backup and Disaster Recovery Center tasks. Create
 * blocks until every task is final and the outputs carry the result, so resources that take an
 * output (such as `resourceId`, the imported image) are created only after success. Shown in
 * `pulumi preview` as `pulumi-nodejs:dynamic/alicloud-tasks:TaskWaiter`.
 *
 * The deadline is the `timeout` input: Pulumi does not pass `customTimeouts` to dynamic providers.
 */
export class TaskWaiter extends pulumi.dynamic.Resource {
    // generated:begin properties (`npm run docs` writes them from the zod schemas; do not edit)
    /**
     * `ecs`: ECS tasks (DescribeTasks, DescribeTaskAttribute): ImportImage, ExportImage, ModifyDiskSpec, RedeployInstance, ArchiveSnapshot.
     *
     * `bdrc`: Backup and Disaster Recovery Center tasks (bdrc DescribeTask).
     */
    declare public readonly service: pulumi.Output<"ecs" | "bdrc">;
    /**
     * `ecs`: The ECS task to wait for (the TaskId that ImportImage, ExportImage, ModifyDiskSpec or RedeployInstance returned). Set exactly one of taskId, taskIds, or resourceIds with taskAction.
     *
     * `bdrc`: The Backup and Disaster Recovery Center task to wait for (bdrc DescribeTask).
     */
    declare public readonly taskId: pulumi.Output<string | undefined>;
    /**
     * Several ECS tasks (1..100, each listed once) waited on together; the waiter succeeds when all succeed.
     *
     * Only for service `ecs`.
     */
    declare public readonly taskIds: pulumi.Output<string[] | undefined>;
    /**
     * Find the newest task of `taskAction` for each of these resources (image, instance or disk ids; each listed once) and wait for it.
     *
     * Only for service `ecs`.
     */
    declare public readonly resourceIds: pulumi.Output<string[] | undefined>;
    /**
     * With resourceIds (required there, and only there): which kind of task to look for.
     *
     * Only for service `ecs`.
     */
    declare public readonly taskAction: pulumi.Output<"ImportImage" | "ExportImage" | "RedeployInstance" | "ModifyDiskSpec" | "ArchiveSnapshot" | undefined>;
    /**
     * A Finished task whose operations partly failed (FailedCount > 0) counts as failed. Default true.
     *
     * Only for service `ecs`.
     *
     * Recorded with its default (`true`) when not set.
     */
    declare public readonly failOnPartialFailure: pulumi.Output<boolean | undefined>;
    /**
     * The region the wait ran in: the `region` input, else the configured region (stack config `alicloud:region`, else `ALIBABA_CLOUD_REGION_ID` / `ALICLOUD_REGION`).
     */
    declare public readonly region: pulumi.Output<string>;
    /**
     * How long one `pulumi up` waits before recording the resource as still waiting (resumed by the next `pulumi up`): a duration from 1s to 24h, default 30m. This is the only deadline: Pulumi does not pass `customTimeouts` to dynamic providers.
     *
     * Recorded with its default (`"30m"`) when not set.
     */
    declare public readonly timeout: pulumi.Output<string>;
    /**
     * Bounds of the delay between polls: the first check is immediate, then the delay doubles from min up to max; a task that reports progress is polled around the end its progress forecasts, never more than max apart.
     */
    declare public readonly pollInterval: pulumi.Output<types.PollInterval | undefined>;
    /**
     * "fail": a failed task fails the deployment. "warn": the resource is recorded with status "failed" and a warning, like a Terraform check block.
     *
     * Recorded with its default (`"fail"`) when not set.
     */
    declare public readonly onFailure: pulumi.Output<"fail" | "warn">;
    /**
     * Extra raw statuses (case-insensitive) to treat as success, for statuses the documentation does not list: up to 20 non-empty names, none also in failureStatuses.
     */
    declare public readonly successStatuses: pulumi.Output<string[] | undefined>;
    /**
     * Extra raw statuses (case-insensitive) to treat as failure: up to 20 non-empty names, none also in successStatuses.
     */
    declare public readonly failureStatuses: pulumi.Output<string[] | undefined>;
    /**
     * The outcome in common terms: "succeeded"; "failed", "cancelled" or "expired" (recorded only with onFailure "warn": otherwise the deployment fails); "pending" or "running" when the wait timed out and the next `pulumi up` resumes it.
     */
    declare public readonly status: pulumi.Output<types.TaskStatus>;
    /**
     * The status exactly as the API spelled it (several tasks: the distinct values joined with commas).
     */
    declare public readonly rawStatus: pulumi.Output<string>;
    /**
     * Progress in percent, 0..100, as the API reports it.
     */
    declare public readonly progress: pulumi.Output<number>;
    /**
     * Why the wait failed (onFailure "warn"), or why it has not finished yet (a timeout that the next `pulumi up` resumes).
     */
    declare public readonly failureReason: pulumi.Output<string | undefined>;
    /**
     * RequestId of the last response, for support tickets.
     */
    declare public readonly requestId: pulumi.Output<string | undefined>;
    /**
     * Seconds the last create or update spent waiting.
     */
    declare public readonly waitedSeconds: pulumi.Output<number>;
    /**
     * ECS: one entry per task: taskId, taskAction, status, rawStatus, progress, resourceId, creationTime, finishedTime, supportCancel.
     */
    declare public readonly tasks: pulumi.Output<types.EcsTaskOutput[] | undefined>;
    /**
     * ECS: a single task's resource id: the image id of an ImportImage task.
     */
    declare public readonly resourceId: pulumi.Output<string | undefined>;
    /**
     * ECS: operations that succeeded (DescribeTaskAttribute SuccessCount, summed over tasks).
     */
    declare public readonly successCount: pulumi.Output<number | undefined>;
    /**
     * ECS: operations that failed (FailedCount, summed over tasks).
     */
    declare public readonly failedCount: pulumi.Output<number | undefined>;
    /**
     * ECS: every operation of every task: taskId, status, errorCode, errorMsg, relatedItems.
     */
    declare public readonly operations: pulumi.Output<types.EcsOperationOutput[] | undefined>;
    /**
     * BDRC: TaskType, e.g. UPDATE_RESOURCES or CHECK_RULES.
     */
    declare public readonly taskType: pulumi.Output<string | undefined>;
    /**
     * BDRC: TaskName.
     */
    declare public readonly taskName: pulumi.Output<string | undefined>;
    /**
     * BDRC: TaskResult parsed from its JSON text (the raw text when it is not JSON).
     */
    declare public readonly result: pulumi.Output<unknown>;
    /**
     * BDRC: TaskDetail parsed likewise.
     */
    declare public readonly detail: pulumi.Output<unknown>;
    /**
     * BDRC: StartTime as an ISO 8601 time.
     */
    declare public readonly startedAt: pulumi.Output<string | undefined>;
    /**
     * BDRC: CompleteTime as an ISO 8601 time, once the task is terminal.
     */
    declare public readonly finishedAt: pulumi.Output<string | undefined>;
    /**
     * BDRC: the API's ErrorMessage.
     */
    declare public readonly errorMessage: pulumi.Output<string | undefined>;
    // generated:end

    /**
     * @param name The unique name of the resource (progress lines and errors name it).
     * @param args What to wait for (`service` and the task) and how long.
     * @param opts Resource options; `customTimeouts` has no effect (see `timeout`).
     */
    constructor(name: string, args: types.TaskWaiterArgs, opts?: pulumi.CustomResourceOptions) {
        ({ args, opts } = waiterOptions("TaskWaiter", name, args, opts));
        super(taskWaiterProvider, name, resourceProperties(PROPERTY_KEYS, args, name), opts, "alicloud-tasks", "TaskWaiter");
    }
}
