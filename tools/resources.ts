import { apiWaiterInputsSchema, reportExportInputsSchema, taskWaiterInputsSchema } from "../provider/inputs";
import { apiWaiterOutputsSchema, reportExportOutputsSchema, taskWaiterOutputsSchema } from "../provider/outputs";
import { API_WAITER_SECRET_OUTPUTS } from "../provider/resources/apiWaiter";
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
    {
        name: "ApiWaiter",
        summary:
            'Waits on any Alibaba Cloud API (RPC or ROA) until an acceptor over its answer says success or failure, or checks a condition on every `pulumi up` and `pulumi refresh` (`mode: "check"`). Type token `pulumi-nodejs:dynamic/alicloud-tasks:ApiWaiter`.',
        inputs: apiWaiterInputsSchema,
        outputs: apiWaiterOutputsSchema,
        internal: ["resourceName"],
        secretOutputs: API_WAITER_SECRET_OUTPUTS,
        secretWhen: "with `secret: true`",
        crossFieldRules: [
            "Exactly one of `action` (RPC, with `params`) and `path` (ROA, with `method`, `query`, `body`).",
            "`product` or `endpoint`.",
            "At least one `success` acceptor, or `until`.",
            "Each acceptor: exactly one matcher; `expr` with `equals`, `anyEquals`, `allEquals` and `exists`, none with `errorCode`.",
            "Every JMESPath expression (`acceptors[].expr`, `until.expr`, `progress`, `output`) is compiled at `check`.",
            DURATIONS,
        ],
    },
];
