/** pulumi-alicloud-tasks: Pulumi resources that wait for Alibaba Cloud asynchronous tasks. */
export { TaskWaiter, TaskWaiterArgs } from "./resources/taskWaiter";
export { ReportExport, ReportExportArgs } from "./resources/reportExport";
export { ApiWaiter, ApiWaiterArgs } from "./resources/apiWaiter";
export type { TaskWaiterOutputs, EcsTaskOutput, EcsOperationOutput, ReportExportOutputs, ApiWaiterOutputs } from "./outputs";
export type { TaskStatus } from "./services/snapshot";
export { TASK_STATUSES } from "./services/snapshot";
