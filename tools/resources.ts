import { apiWaiterInputsSchema, reportExportInputsSchema, taskWaiterInputsSchema } from "../provider/inputs";
import { apiWaiterOutputsSchema, reportExportOutputsSchema, taskWaiterOutputsSchema } from "../provider/outputs";
import { API_WAITER_SECRET_OUTPUTS } from "../provider/resources/apiWaiter";
import { TASK_STATUSES } from "../provider/services/snapshot";
import { ResourceReference } from "./reference";
import { NamedEnum, TypeNames } from "./types";

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
        crossFieldRules: [
            "Exactly one of adopting (`taskId` for ecd, `exportId` for sas) and starting (`create`).",
            'sas: `create.exportFileType` is required with `create.exportType` "virusScanExport".',
            DURATIONS,
        ],
    },
    {
        name: "ApiWaiter",
        summary:
            'Waits on any Alibaba Cloud API (RPC or ROA) until an acceptor over its answer says success or failure, or checks a condition on every `pulumi up` and `pulumi refresh` (`mode: "check"`). Type token `pulumi-nodejs:dynamic/alicloud-tasks:ApiWaiter`.',
        inputs: apiWaiterInputsSchema,
        outputs: apiWaiterOutputsSchema,
        internal: ["resourceName"],
        secretOutputs: API_WAITER_SECRET_OUTPUTS,
        secretWhen: "with `secret: true`, or when it holds a secret field of the answer",
        crossFieldRules: [
            "Exactly one of `action` (RPC, with `params`) and `path` (ROA, with `method`, `query`, `body`).",
            "`product` or `endpoint`.",
            "`action` a read (`Describe*`, `List*`, `Get*`, `Query*`, `Check*`, `Search*`, `Count*`, `Lookup*`, their Batch forms) and `method` `GET` or `HEAD`, unless `allowNonReadAction`; never another in mode `check`.",
            "`endpoint` https, under `aliyuncs.com`. No `params`, `query` or `body` name the signer sets; no `.` or `..` segment in `path`.",
            "At least one `success` acceptor, or `until`.",
            "Each acceptor: exactly one matcher; `expr` with `equals`, `anyEquals`, `allEquals` and `exists`, none with `errorCode`.",
            "Every JMESPath expression (`acceptors[].expr`, `until.expr`, `progress`, `output`) is compiled at `check`.",
            DURATIONS,
        ],
    },
];

const RESOLVED_REGION =
    "The region the wait ran in: the `region` input, else the configured region (stack config `alicloud:region`, else `ALIBABA_CLOUD_REGION_ID` / `ALICLOUD_REGION`).";

/** What the generated declarations call each resource's Args and nested objects (provider/types.ts). */
export const TYPE_NAMES: Record<string, TypeNames> = {
    TaskWaiter: {
        objects: {
            pollInterval: "PollInterval",
            "tasks[]": "EcsTaskOutput",
            "operations[]": "EcsOperationOutput",
            "operations[].relatedItems[]": "EcsRelatedItem",
        },
        resolved: { region: RESOLVED_REGION },
    },
    ReportExport: {
        objects: {
            pollInterval: "PollInterval",
            "ecd:create": "EcdReportRequest",
            "ecd:create.filters[]": "EcdReportFilter",
            "sas:create": "SasExportRequest",
        },
        resolved: { region: RESOLVED_REGION },
    },
    ApiWaiter: {
        objects: { pollInterval: "PollInterval", "acceptors[]": "ApiAcceptor", until: "ApiUntil" },
        resolved: { region: RESOLVED_REGION },
        plain: ["secret"],
    },
};

export const NAMED_ENUMS: NamedEnum[] = [
    {
        name: "TaskStatus",
        constant: "TASK_STATUSES",
        values: TASK_STATUSES,
        doc: "A task's status in every service's terms: `pending` and `running` are unfinished; `succeeded`, `failed`, `cancelled` and `expired` are final. `rawStatus` keeps the API's own word.",
    },
];
