import * as pulumi from "@pulumi/pulumi";
import type { ApiWaiterInputArgs } from "../inputs/apiWaiter";
import { ApiWaiterOutputs, apiWaiterOutputsSchema } from "../outputs";
import { ResourceArgs, ResourceOutputs } from "./inputTypes";
import { lifecycleModule, providerShell } from "./shell";

/** `secret` decides, when the resource is declared, which outputs Pulumi encrypts: a plain boolean, not an Output. */
export type ApiWaiterArgs = Omit<ResourceArgs<ApiWaiterInputArgs>, "secret"> & { secret?: boolean };

/** Exported for tests that drive the provider host directly; programs use the class. */
export const apiWaiterProvider = providerShell(lifecycleModule("apiWaiter"));
const OUTPUT_KEYS = Object.keys(apiWaiterOutputsSchema.shape);
/** What `secret: true` marks secret: the answer and the value an acceptor matched. */
export const API_WAITER_SECRET_OUTPUTS = ["answer", "matchedValue"];

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type -- the outputs typed on the class, as pulumi.dynamic.Resource leaves them untyped
export interface ApiWaiter extends ResourceOutputs<ApiWaiterOutputs> {}

/**
 * Waits on any Alibaba Cloud API (RPC or ROA) until an acceptor over its answer says success or
 * failure, or checks a condition on every `pulumi up` and `pulumi refresh` (mode "check"). Shown in
 * `pulumi preview` as `pulumi-nodejs:dynamic/alicloud-tasks:ApiWaiter`.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the interface above
export class ApiWaiter extends pulumi.dynamic.Resource {
    constructor(name: string, args: ApiWaiterArgs, opts?: pulumi.CustomResourceOptions) {
        const outputs = Object.fromEntries(OUTPUT_KEYS.map((k) => [k, undefined]));
        const secretOutputs = args.secret ? API_WAITER_SECRET_OUTPUTS : [];
        const options = { ...opts, additionalSecretOutputs: [...new Set([...(opts?.additionalSecretOutputs ?? []), ...secretOutputs])] };
        super(apiWaiterProvider, name, { ...outputs, ...args, resourceName: name }, options, "alicloud-tasks", "ApiWaiter");
    }
}
