import * as pulumi from "@pulumi/pulumi";
import type * as types from "../types";
import { REPORT_EXPORT_PROPERTY_KEYS as PROPERTY_KEYS } from "./keys";
import { resourceProperties, waiterOptions } from "./properties";
import { lifecycleModule, providerShell } from "./shell";

/** Exported for tests that drive the provider host directly; programs use the class. */
export const reportExportProvider = providerShell(lifecycleModule("reportExport"));
/** The download URL is pre-signed: anyone holding it can download the report until it expires. */
export const REPORT_EXPORT_SECRET_OUTPUTS = ["downloadUrl"];

/** The user's options with downloadUrl added to their additionalSecretOutputs (theirs are kept). */
export function withSecretOutputs(opts: pulumi.CustomResourceOptions | undefined): pulumi.CustomResourceOptions {
    return { ...opts, additionalSecretOutputs: [...new Set([...(opts?.additionalSecretOutputs ?? []), ...REPORT_EXPORT_SECRET_OUTPUTS])] };
}

/**
 * A report export of Elastic Desktop Service (service "ecd") or Security Center ("sas"): adopts
 * one that exists (`taskId` / `exportId`) or starts one (`create`), waits until its file is
 * ready, and outputs the download URL as a secret. Shown in `pulumi preview` as
 * `pulumi-nodejs:dynamic/alicloud-tasks:ReportExport`.
 *
 * The deadline is the `timeout` input: Pulumi does not pass `customTimeouts` to dynamic providers.
 */
export class ReportExport extends pulumi.dynamic.Resource {
    // generated:begin properties (`npm run docs` writes them from the zod schemas; do not edit)
    /**
     * `ecd`: Elastic Desktop Service report exports (DescribeEcdReportTasks, CreateEcdReportTask).
     *
     * `sas`: Security Center exports (DescribeExportInfo, ExportRecord).
     */
    declare public readonly service: pulumi.Output<"ecd" | "sas">;
    /**
     * `ecd`: Start: CreateEcdReportTask with { taskType, subType, reportFileName?, langType?, filters? }, then wait. Set exactly one of taskId and create.
     *
     * `sas`: Start: ExportRecord with { exportType, params?, lang?, exportFileType? }, then wait. Set exactly one of exportId and create.
     */
    declare public readonly create: pulumi.Output<types.EcdReportRequest | types.SasExportRequest | undefined>;
    /**
     * With create: once the download URL has expired, the next `pulumi up` replaces the resource, which starts a fresh export. Default true. An adopted export cannot be renewed.
     *
     * Recorded with its default (`true`) when not set.
     */
    declare public readonly renewOnExpiry: pulumi.Output<boolean>;
    /**
     * The region the wait ran in: the `region` input, else the configured region (stack config `alicloud:region`, else `ALIBABA_CLOUD_REGION_ID` / `ALICLOUD_REGION`).
     */
    declare public readonly region: pulumi.Output<string>;
    /**
     * How long one `pulumi up` waits before recording the resource as still waiting (resumed by the next `pulumi up`): a duration from 1s to 24h, default 30m. This is the only deadline: Pulumi does not pass `customTimeouts` to dynamic providers.
     *
     * Recorded with its default (`"30m"`) when not set.
     */
    declare public readonly timeout: pulumi.Output<string>;
    /**
     * Bounds of the delay between polls: the first check is immediate, then the delay doubles from min up to max; a task that reports progress is polled around the end its progress forecasts, never more than max apart.
     */
    declare public readonly pollInterval: pulumi.Output<types.PollInterval | undefined>;
    /**
     * "fail": a failed task fails the deployment. "warn": the resource is recorded with status "failed" and a warning, like a Terraform check block.
     *
     * Recorded with its default (`"fail"`) when not set.
     */
    declare public readonly onFailure: pulumi.Output<"fail" | "warn">;
    /**
     * Extra raw statuses (case-insensitive) to treat as success, for statuses the documentation does not list: up to 20 non-empty names, none also in failureStatuses.
     */
    declare public readonly successStatuses: pulumi.Output<string[] | undefined>;
    /**
     * Extra raw statuses (case-insensitive) to treat as failure: up to 20 non-empty names, none also in successStatuses.
     */
    declare public readonly failureStatuses: pulumi.Output<string[] | undefined>;
    /**
     * The outcome in common terms: "succeeded"; "failed", "cancelled" or "expired" (recorded only with onFailure "warn": otherwise the deployment fails); "pending" or "running" when the wait timed out and the next `pulumi up` resumes it.
     */
    declare public readonly status: pulumi.Output<types.TaskStatus>;
    /**
     * The status exactly as the API spelled it (several tasks: the distinct values joined with commas).
     */
    declare public readonly rawStatus: pulumi.Output<string>;
    /**
     * Progress in percent, 0..100, as the API reports it.
     */
    declare public readonly progress: pulumi.Output<number>;
    /**
     * Why the wait failed (onFailure "warn"), or why it has not finished yet (a timeout that the next `pulumi up` resumes).
     */
    declare public readonly failureReason: pulumi.Output<string | undefined>;
    /**
     * RequestId of the last response, for support tickets.
     */
    declare public readonly requestId: pulumi.Output<string | undefined>;
    /**
     * Seconds the last create or update spent waiting.
     */
    declare public readonly waitedSeconds: pulumi.Output<number>;
    /**
     * The report's download URL (ECD DownloadUrl, Security Center Link): a pre-signed URL, a secret output. Set once the export succeeded.
     *
     * A secret output: Pulumi stores it encrypted and shows it as `[secret]`.
     */
    declare public readonly downloadUrl: pulumi.Output<string | undefined>;
    /**
     * The report's file name (ECD ReportFileName or the URL's file, Security Center FileName).
     */
    declare public readonly fileName: pulumi.Output<string | undefined>;
    /**
     * When the download URL stops working (ISO 8601, from its Expires query value); unset when the URL says nothing.
     */
    declare public readonly expiresAt: pulumi.Output<string | undefined>;
    /**
     * ECD: the report export task, adopted or started.
     */
    declare public readonly taskId: pulumi.Output<string | undefined>;
    /**
     * Security Center: the export, adopted or started.
     */
    declare public readonly exportId: pulumi.Output<number | undefined>;
    /**
     * Security Center: entries exported so far (CurrentCount).
     */
    declare public readonly currentCount: pulumi.Output<number | undefined>;
    /**
     * Security Center: entries in the report (TotalCount).
     */
    declare public readonly totalCount: pulumi.Output<number | undefined>;
    // generated:end

    /**
     * @param name The unique name of the resource (progress lines and errors name it).
     * @param args Which export (`service`, and `taskId` / `exportId` or `create`) and how long to wait.
     * @param opts Resource options; `downloadUrl` is always added to `additionalSecretOutputs`, and
     *   `customTimeouts` has no effect (see `timeout`).
     */
    constructor(name: string, args: types.ReportExportArgs, opts?: pulumi.CustomResourceOptions) {
        ({ args, opts } = waiterOptions("ReportExport", name, args, opts));
        // project, stack and name: what lets a later run find an export this resource started but never recorded
        const properties = { ...resourceProperties(PROPERTY_KEYS, args, name), resourceStack: `${pulumi.getProject()}/${pulumi.getStack()}` };
        super(reportExportProvider, name, properties, withSecretOutputs(opts), "alicloud-tasks", "ReportExport");
    }
}
