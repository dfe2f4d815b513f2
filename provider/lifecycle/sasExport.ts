import type { SasReportExportInputs } from "../inputs";
import { SAS_STATUS_TABLE, SasContext, SasExportSnapshot, describeExportInfo, exportRecord, sasExportSource } from "../services/sas";
import type { ExportPlan } from "./exportPlan";
import { providerSettings, requireCredentials } from "./runtime";

/** ReportExport's plan for service "sas": ExportRecord, then DescribeExportInfo by ExportId. */

function sasContext(inputs: SasReportExportInputs): SasContext {
    return { region: inputs.region!, credentials: requireCredentials(), endpointOverride: providerSettings().endpointOverride };
}

/** Params is JSON text in the API; users may pass an object. */
export function paramsText(params: string | Record<string, unknown> | undefined): string | undefined {
    if (params === undefined) return undefined;
    return typeof params === "string" ? params : JSON.stringify(params);
}

export const sasExportPlan: ExportPlan<SasReportExportInputs, SasExportSnapshot> = {
    what: "Security Center export",
    idKey: "exportId",
    statusTable: SAS_STATUS_TABLE,
    timeoutHint: "Security Center documents no failure status for exports: one that stays in init or exporting ends only at the deadline",
    adoptedId: (inputs) => (inputs.exportId === undefined ? undefined : String(inputs.exportId)),
    async start(inputs) {
        const request = inputs.create!;
        const started = await exportRecord(sasContext(inputs), { exportType: request.exportType, lang: request.lang, params: paramsText(request.params) });
        return { id: started.exportId, requestId: started.requestId, fileName: started.fileName };
    },
    source: (inputs) => sasExportSource(sasContext(inputs)),
    readOnce: (inputs, id) => describeExportInfo(sasContext(inputs), id),
    fields: (snapshot) => ({
        downloadUrl: snapshot.details.downloadUrl,
        fileName: snapshot.details.fileName,
        currentCount: snapshot.details.currentCount,
        totalCount: snapshot.details.totalCount,
    }),
    recordId: (id) => Number(id),
};
