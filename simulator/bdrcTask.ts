/**
 * Backup and Disaster Recovery Center (bdrc) tasks: what CheckRules and UpdateResources start
 * and DescribeTask reports. bdrc exists in three regions only, and its tasks can end COMPLETE,
 * FAILED, CANCELED or EXPIRED.
 */
import { newRequestId } from "./errors";
import { randomId } from "./ids";
import { fail, type SpecReader } from "./specFields";
import type { TaskKind } from "./taskSpec";
import { taskState, type SimTask, type TaskPhase } from "./tasks";

export const BDRC_REGIONS: readonly string[] = Object.freeze(["cn-shanghai", "ap-southeast-1", "cn-shanghai-finance-1"]);

/** The operations that start bdrc tasks, and the TaskType each one's tasks report. */
export const BDRC_TASK_TYPES = { CheckRules: "CHECK_RULES", UpdateResources: "UPDATE_RESOURCES" } as const;
export type BdrcTaskAction = keyof typeof BDRC_TASK_TYPES;

/** Task spec fields for service "bdrc". */
export interface BdrcTaskFields {
    /** TaskName; default the action's name. */
    taskName?: string;
    /** TaskDescription; default "". */
    taskDescription?: string;
    /** TaskPriority: HIGH (default, user-initiated) or LOW (background). */
    taskPriority?: "HIGH" | "LOW";
    /** TaskDetail: a string kept as is, or an object serialised to JSON. Default: a list of resource types. */
    taskDetail?: string | object;
    /**
     * TaskResult once the task is COMPLETE: an object serialised to JSON, or any string kept as
     * is, JSON or not (to test a client's fallback). Default: resource counts or rule results.
     */
    taskResult?: string | object;
}

/** What a bdrc task keeps in its details. */
export interface BdrcDetails {
    taskName: string;
    taskDescription: string;
    taskType: string;
    taskPriority: "HIGH" | "LOW";
    taskDetail: string;
    taskResult: string;
    /** The request that created the task: Data.RequestId in DescribeTask (the sample shows one). */
    createRequestId: string;
}

const DEFAULT_DETAIL = JSON.stringify({ resourceTypes: ["ACS::ECS::Instance", "ACS::OSS::Bucket", "ACS::OTS::Instance", "ACS::NAS::FileSystem"] });

const DEFAULT_RESULT: Record<BdrcTaskAction, string> = {
    UpdateResources: JSON.stringify({
        resourceCounts: [
            { resourceType: "ACS::OSS::Bucket", count: 2 },
            { resourceType: "ACS::NAS::FileSystem", count: 3 },
        ],
    }),
    CheckRules: JSON.stringify({ checkedRuleCount: 4, riskyResourceCount: 1 }),
};

/**
 * What a failed task reports in ErrorMessage when the spec names nothing. The reference sample's
 * "too many requests." read like throttling, which a failed task is not: these name what failed.
 */
const DEFAULT_ERROR: Record<BdrcTaskAction, string> = {
    UpdateResources: "Failed to update resources: no permission to list the resources of the account. Check the service-linked role of BDRC.",
    CheckRules: "Failed to check rules: no permission to read the backup policies of the resources. Check the service-linked role of BDRC.",
};

function isBdrcAction(action: string): action is BdrcTaskAction {
    return Object.prototype.hasOwnProperty.call(BDRC_TASK_TYPES, action);
}

function buildDetails(fields: SpecReader, action: string): BdrcDetails {
    if (!isBdrcAction(action)) fail(`unknown bdrc action ${action}`);
    return {
        taskName: fields.string("taskName") ?? action,
        taskDescription: fields.text("taskDescription") ?? "",
        taskType: BDRC_TASK_TYPES[action],
        taskPriority: fields.choice("taskPriority", ["HIGH", "LOW"] as const) ?? "HIGH",
        taskDetail: fields.jsonText("taskDetail") ?? DEFAULT_DETAIL,
        taskResult: fields.jsonText("taskResult") ?? DEFAULT_RESULT[action],
        createRequestId: newRequestId(),
    };
}

export function bdrcDetails(task: SimTask): BdrcDetails {
    return task.details as unknown as BdrcDetails;
}

export function bdrcStatusOf(phase: TaskPhase): string {
    switch (phase) {
        case "waiting":
            return "CREATED";
        case "running":
            return "RUNNING";
        case "succeeded":
        case "partial":
            return "COMPLETE";
        case "failed":
            return "FAILED";
        case "cancelled":
            return "CANCELED";
        case "expired":
            return "EXPIRED";
    }
}

export const bdrcTaskKind: TaskKind = {
    service: "bdrc",
    actions: Object.keys(BDRC_TASK_TYPES),
    defaultAction: "CheckRules",
    outcomes: ["success", "failed", "cancelled", "expired"],
    regions: BDRC_REGIONS,
    defaultRegion: "cn-shanghai",
    newTaskId: () => randomId("t-"),
    defaultResourceId: () => "",
    defaultError: (action) => ({ code: "TaskFailed", message: isBdrcAction(action) ? DEFAULT_ERROR[action] : "The task failed." }),
    extraFields: ["taskName", "taskDescription", "taskPriority", "taskDetail", "taskResult"],
    buildDetails: (_spec, task, fields) => ({ ...buildDetails(fields, task.action) }),
    statusOf: (task, now) => bdrcStatusOf(taskState(task, now).phase),
};
