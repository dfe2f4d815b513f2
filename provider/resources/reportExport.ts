import * as pulumi from "@pulumi/pulumi";
import type { ReportExportInputArgs } from "../inputs";
import { ReportExportOutputs, reportExportOutputsSchema } from "../outputs";
import { ResourceArgs, ResourceOutputs } from "./inputTypes";
import { lifecycleModule, providerShell } from "./shell";

export type ReportExportArgs = ResourceArgs<ReportExportInputArgs>;

/** Exported for tests that drive the provider host directly; programs use the class. */
export const reportExportProvider = providerShell(lifecycleModule("reportExport"));
const OUTPUT_KEYS = Object.keys(reportExportOutputsSchema.shape);
/** The download URL is pre-signed: anyone holding it can download the report until it expires. */
export const REPORT_EXPORT_SECRET_OUTPUTS = ["downloadUrl"];

/** The user's options with downloadUrl added to their additionalSecretOutputs (theirs are kept). */
export function withSecretOutputs(opts: pulumi.CustomResourceOptions | undefined): pulumi.CustomResourceOptions {
    return { ...opts, additionalSecretOutputs: [...new Set([...(opts?.additionalSecretOutputs ?? []), ...REPORT_EXPORT_SECRET_OUTPUTS])] };
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type -- the outputs typed on the class, as pulumi.dynamic.Resource leaves them untyped
export interface ReportExport extends ResourceOutputs<ReportExportOutputs> {}

/**
 * A report export of Elastic Desktop Service (service "ecd") or Security Center ("sas"): adopts
 * one that exists (taskId / exportId) or starts one (create), waits until its file is ready, and
 * outputs the download URL as a secret. Shown in `pulumi preview` as
 * `pulumi-nodejs:dynamic/alicloud-tasks:ReportExport`.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the interface above
export class ReportExport extends pulumi.dynamic.Resource {
    constructor(name: string, args: ReportExportArgs, opts?: pulumi.CustomResourceOptions) {
        const outputs = Object.fromEntries(OUTPUT_KEYS.map((k) => [k, undefined]));
        // project, stack and name: what lets a later run find an export this resource started but never recorded
        const identity = { resourceName: name, resourceStack: `${pulumi.getProject()}/${pulumi.getStack()}` };
        super(reportExportProvider, name, { ...outputs, ...args, ...identity }, withSecretOutputs(opts), "alicloud-tasks", "ReportExport");
    }
}
