/**
 * pulumi-alicloud-tasks: Pulumi resources that wait for Alibaba Cloud asynchronous tasks.
 *
 * The classes and their types. The lifecycle modules (`pulumi-alicloud-tasks/lifecycle/<resource>`)
 * are loaded by path from the state that Pulumi stores, and `pulumi-alicloud-tasks/simulator` is a
 * fake Alibaba Cloud for tests.
 */
export { TaskWaiter } from "./resources/taskWaiter";
export { ReportExport } from "./resources/reportExport";
export { ApiWaiter } from "./resources/apiWaiter";
export type {
    TaskWaiterArgs,
    TaskWaiterOutputs,
    EcsTaskOutput,
    EcsOperationOutput,
    EcsRelatedItem,
    ReportExportArgs,
    ReportExportOutputs,
    EcdReportRequest,
    EcdReportRequestArgs,
    EcdReportFilter,
    EcdReportFilterArgs,
    SasExportRequest,
    SasExportRequestArgs,
    PollInterval,
    PollIntervalArgs,
    ApiWaiterArgs,
    ApiWaiterOutputs,
    ApiAcceptor,
    ApiAcceptorArgs,
    ApiUntil,
    ApiUntilArgs,
    TaskStatus,
} from "./types";
export { TASK_STATUSES } from "./types";
