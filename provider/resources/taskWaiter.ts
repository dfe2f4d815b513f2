import * as pulumi from "@pulumi/pulumi";
import type { TaskWaiterInputArgs } from "../inputs";
import { TaskWaiterOutputs, taskWaiterOutputsSchema } from "../outputs";
import { ResourceArgs, ResourceOutputs } from "./inputTypes";
import { lifecycleModule, providerShell } from "./shell";

export type TaskWaiterArgs = ResourceArgs<TaskWaiterInputArgs>;

/** Exported for tests that drive the provider host directly; programs use the class. */
export const taskWaiterProvider = providerShell(lifecycleModule("taskWaiter"));
const OUTPUT_KEYS = Object.keys(taskWaiterOutputsSchema.shape);

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type -- the outputs typed on the class, as pulumi.dynamic.Resource leaves them untyped
export interface TaskWaiter extends ResourceOutputs<TaskWaiterOutputs> {}

/**
 * Waits for Alibaba Cloud asynchronous tasks during `pulumi up`: create blocks until every task
 * is terminal, and the outputs carry the result, so dependents are created only after success.
 * Shown in `pulumi preview` as `pulumi-nodejs:dynamic/alicloud-tasks:TaskWaiter`.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the interface above
export class TaskWaiter extends pulumi.dynamic.Resource {
    constructor(name: string, args: TaskWaiterArgs, opts?: pulumi.CustomResourceOptions) {
        const outputs = Object.fromEntries(OUTPUT_KEYS.map((k) => [k, undefined]));
        super(taskWaiterProvider, name, { ...outputs, ...args, resourceName: name }, opts, "alicloud-tasks", "TaskWaiter");
    }
}
