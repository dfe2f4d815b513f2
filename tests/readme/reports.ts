import { ReportExport } from "pulumi-alicloud-tasks";

const desktops = new ReportExport("desktop-report", {
    service: "ecd",
    region: "cn-shanghai",
    create: { taskType: "RESOURCE_REPORT", subType: "DESKTOP", langType: "en-GB" }, // or taskId: "ret-..." to adopt
});
const warnings = new ReportExport("health-check-export", {
    service: "sas",
    create: { exportType: "exportHcWarning", lang: "en" },                          // or exportId: 131231
});
export const desktopReportUrl = desktops.downloadUrl;   // secret: `pulumi stack output --show-secrets`
export const warningsUrl = warnings.downloadUrl;
