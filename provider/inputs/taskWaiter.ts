import { z } from "zod";
import type { CrossFieldRule } from "./validate";
import { ECS_MAX_TASK_IDS, ECS_TASK_ACTIONS } from "../services/ecs";
import { ResourceInputs, uniqueItems, plainIdSchema, quoteInput, serviceError, statusListsRule, waitOptionShape } from "./common";

/** TaskWaiter's inputs: one schema per service, a discriminated union on `service`. */

const ecsTaskIdSchema = z.string({ error: 'must be an ECS task id such as "t-bp1hvgwromzv32iq1234"' }).regex(/^t-[A-Za-z0-9]{4,64}$/, {
    error: (i) =>
        `${quoteInput(i.input)} is not an ECS task id: ECS task ids look like "t-bp1hvgwromzv32iq1234": use the TaskId that ImportImage, ExportImage, ModifyDiskSpec or RedeployInstance returned`,
});

const ecsResourceIdSchema = z
    .string({ error: "must be a resource id (an image id m-..., an instance id i-... or a disk id d-...)" })
    .regex(/^[a-z]{1,4}-[A-Za-z0-9]{4,64}$/, {
        error: (i) => `${quoteInput(i.input)} is not a resource id: use an image id (m-...), instance id (i-...) or disk id (d-...)`,
    });

/** One way to say what to wait for: taskId, taskIds, or resourceIds with taskAction. */
const ecsSelectorRule: CrossFieldRule = (value) => {
    const issues: { path: string; message: string }[] = [];
    const selectors = ["taskId", "taskIds", "resourceIds"].filter((k) => value[k] !== undefined);
    if (selectors.length === 0) issues.push({ path: "taskId", message: "set one of taskId, taskIds, or resourceIds with taskAction" });
    else if (selectors.length > 1)
        issues.push({ path: selectors[1], message: `set only one of ${selectors.join(" and ")}: they are alternative ways to say what to wait for` });
    if (value.resourceIds !== undefined && value.taskAction === undefined) {
        issues.push({ path: "taskAction", message: `required with resourceIds: one of ${ECS_TASK_ACTIONS.join(", ")}` });
    }
    if (value.taskAction !== undefined && value.resourceIds === undefined) {
        issues.push({ path: "taskAction", message: "only used with resourceIds: remove it, or list the resourceIds to look up" });
    }
    return issues;
};

export const ecsTaskWaiterSchema = z.strictObject({
    service: z
        .literal("ecs")
        .describe("ECS tasks (DescribeTasks, DescribeTaskAttribute): ImportImage, ExportImage, ModifyDiskSpec, RedeployInstance, ArchiveSnapshot."),
    taskId: ecsTaskIdSchema
        .optional()
        .describe(
            "The ECS task to wait for (the TaskId that ImportImage, ExportImage, ModifyDiskSpec or RedeployInstance returned). Set exactly one of taskId, taskIds, or resourceIds with taskAction.",
        ),
    taskIds: z
        .array(ecsTaskIdSchema, { error: "must be a list of ECS task ids" })
        .min(1, { error: "must list at least one task id" })
        .max(ECS_MAX_TASK_IDS, { error: `at most ${ECS_MAX_TASK_IDS} task ids: split them across several TaskWaiters` })
        .superRefine(uniqueItems("taskIds", "list each task once"))
        .optional()
        .describe("Several ECS tasks (1..100, each listed once) waited on together; the waiter succeeds when all succeed."),
    resourceIds: z
        .array(ecsResourceIdSchema, { error: "must be a list of resource ids" })
        .min(1, { error: "must list at least one resource id" })
        .max(ECS_MAX_TASK_IDS, { error: `at most ${ECS_MAX_TASK_IDS} resource ids` })
        .superRefine(uniqueItems("resourceIds", "list each resource once"))
        .optional()
        .describe("Find the newest task of `taskAction` for each of these resources (image, instance or disk ids; each listed once) and wait for it."),
    taskAction: z
        .enum(ECS_TASK_ACTIONS, { error: `must be one of ${ECS_TASK_ACTIONS.join(", ")}` })
        .optional()
        .describe("With resourceIds (required there, and only there): which kind of task to look for."),
    failOnPartialFailure: z
        .boolean({ error: "must be true or false" })
        .default(true)
        .describe("A Finished task whose operations partly failed (FailedCount > 0) counts as failed. Default true."),
    ...waitOptionShape,
});

export const bdrcTaskWaiterSchema = z.strictObject({
    service: z.literal("bdrc").describe("Backup and Disaster Recovery Center tasks (bdrc DescribeTask)."),
    taskId: plainIdSchema("a BDRC task id", "t-0004d9ctt1ii1234").describe("The Backup and Disaster Recovery Center task to wait for (bdrc DescribeTask)."),
    ...waitOptionShape,
});

const TASK_WAITER_SERVICES = ["ecs", "bdrc"] as const;

/** TaskWaiter's cross-field rules, by service (see CrossFieldRule). */
const taskWaiterRules: CrossFieldRule = (value) => [...(value.service === "ecs" ? ecsSelectorRule(value) : []), ...statusListsRule(value)];

export const taskWaiterInputsSchema = z.discriminatedUnion("service", [ecsTaskWaiterSchema, bdrcTaskWaiterSchema], {
    error: serviceError(TASK_WAITER_SERVICES),
});

export const TASK_WAITER_INPUTS = { schema: taskWaiterInputsSchema, rules: taskWaiterRules, services: TASK_WAITER_SERVICES } satisfies ResourceInputs<
    typeof taskWaiterInputsSchema
>;

export type TaskWaiterInputs = z.output<typeof taskWaiterInputsSchema>;
export type EcsTaskWaiterInputs = Extract<TaskWaiterInputs, { service: "ecs" }>;
export type BdrcTaskWaiterInputs = Extract<TaskWaiterInputs, { service: "bdrc" }>;
