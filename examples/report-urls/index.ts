import * as pulumi from "@pulumi/pulumi";
import { ReportExport } from "pulumi-alicloud-tasks";

// Two reports generated during `pulumi up`: an inventory of the account's cloud computers (Elastic
// Desktop Service) and a Security Center export. Each ReportExport starts its export, waits until the
// file is ready and outputs the download URL. The URL is pre-signed (anyone holding it can download
// the file until it expires), so it is a secret output: read it with
//   pulumi stack output ecdReportUrl --show-secrets
// Once a URL has expired, the next `pulumi up` replaces the resource, which starts a fresh export.
const config = new pulumi.Config();

const ecdReport = new ReportExport("desktop-inventory", {
    service: "ecd",
    create: {
        taskType: "RESOURCE_REPORT",
        subType: "DESKTOP",
        reportFileName: config.get("desktopReportName") ?? "desktop-inventory",
    },
    timeout: "20m",
});

const securityExport = new ReportExport("security-export", {
    service: "sas",
    create: {
        exportType: config.get("securityExportType") ?? "exportHcWarning",
        lang: "en",
    },
    timeout: "20m",
});

export const ecdReportUrl = ecdReport.downloadUrl;
export const ecdReportExpiresAt = ecdReport.expiresAt;
export const securityExportUrl = securityExport.downloadUrl;
export const securityExportExpiresAt = securityExport.expiresAt;
