import { reportExportInputsSchema, taskWaiterInputsSchema } from "../provider/inputs";
import { reportExportOutputsSchema, taskWaiterOutputsSchema } from "../provider/outputs";
import { ResourceReference } from "./reference";

const DURATIONS = "Durations are a number with a unit: `500ms`, `30s`, `45m`, `1h30m`.";

/** The resources the reference documents: one entry per resource class. */
export const RESOURCES: ResourceReference[] = [
    {
        name: "TaskWaiter",
        summary: "Waits for ECS tasks and Backup and Disaster Recovery Center tasks. Type token `pulumi-nodejs:dynamic/alicloud-tasks:TaskWaiter`.",
        inputs: taskWaiterInputsSchema,
        outputs: taskWaiterOutputsSchema,
        internal: ["resourceName", "resourceStack"],
        crossFieldRules: [
            "ecs: exactly one of `taskId`, `taskIds`, or `resourceIds` with `taskAction`; `taskAction` only with `resourceIds`.",
            "bdrc: the region must be one where the service exists (cn-shanghai, ap-southeast-1, cn-shanghai-finance-1) unless an endpoint override is configured.",
            DURATIONS,
        ],
    },
    {
        name: "ReportExport",
        summary:
            "Waits for a report export of Elastic Desktop Service (`ecd`) or Security Center (`sas`), adopting one that exists or starting one, and records its download URL as a secret output. Type token `pulumi-nodejs:dynamic/alicloud-tasks:ReportExport`.",
        inputs: reportExportInputsSchema,
        outputs: reportExportOutputsSchema,
        internal: ["resourceName", "resourceStack"],
        secretOutputs: ["downloadUrl"],
        crossFieldRules: ["Exactly one of adopting (`taskId` for ecd, `exportId` for sas) and starting (`create`).", DURATIONS],
    },
];
