import { taskWaiterInputsSchema } from "../provider/inputs";
import { taskWaiterOutputsSchema } from "../provider/outputs";
import { ResourceReference } from "./reference";

/** The resources the reference documents: one entry per resource class. */
export const RESOURCES: ResourceReference[] = [
    {
        name: "TaskWaiter",
        summary: "Waits for ECS tasks. Type token `pulumi-nodejs:dynamic/alicloud-tasks:TaskWaiter`.",
        inputs: taskWaiterInputsSchema,
        outputs: taskWaiterOutputsSchema,
        internal: ["resourceName"],
        crossFieldRules: [
            "ecs: exactly one of `taskId`, `taskIds`, or `resourceIds` with `taskAction`; `taskAction` only with `resourceIds`.",
            "Durations are a number with a unit: `500ms`, `30s`, `45m`, `1h30m`.",
        ],
    },
];
