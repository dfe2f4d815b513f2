/** pulumi-alicloud-tasks: Pulumi resources that wait for Alibaba Cloud asynchronous tasks. */
export { TaskWaiter, TaskWaiterArgs } from "./resources/taskWaiter";
export { ReportExport, ReportExportArgs } from "./resources/reportExport";
export type { TaskWaiterOutputs, EcsTaskOutput, EcsOperationOutput, ReportExportOutputs } from "./outputs";
export type { TaskStatus } from "./services/snapshot";
export { TASK_STATUSES } from "./services/snapshot";
