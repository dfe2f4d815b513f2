import type { SasReportExportInputs } from "../../inputs";
import { SAS_STATUS_TABLE, SasExportSnapshot, describeExportInfo, exportRecord, sasExportSource } from "../../services/sas";
import type { ExportApi } from "./exportApi";
import { journalStart, journaledStart } from "./startKey";

/** ReportExport's service "sas": ExportRecord, then DescribeExportInfo by ExportId. */
export const sasExport: ExportApi<SasReportExportInputs & { region: string }, SasExportSnapshot> = {
    what: "Security Center export",
    idKey: "exportId",
    table: SAS_STATUS_TABLE,
    timeoutHint: "Security Center documents no failure status for exports: one that stays in init or exporting ends only at the deadline",
    adoptedId: (inputs) => (inputs.exportId === undefined ? undefined : String(inputs.exportId)),
    async start(ctx, inputs, key, env) {
        const request = inputs.create!;
        // Params is JSON text in the API; users may pass an object
        const params = typeof request.params === "object" ? JSON.stringify(request.params) : request.params;
        const started = await exportRecord(ctx, { exportType: request.exportType, exportFileType: request.exportFileType, lang: request.lang, params });
        // ExportRecord takes nothing that a later call could find the export by: remember it here
        if (key) await journalStart(key, started.exportId, env);
        return { id: started.exportId, requestId: started.requestId, fileName: started.fileName };
    },
    async findStarted(ctx, _inputs, key, usable, env) {
        const id = await journaledStart(key, env);
        if (id === undefined) return undefined;
        const snapshot = await describeExportInfo(ctx, id);
        return snapshot && usable(snapshot) ? id : undefined;
    },
    source: sasExportSource,
    readOnce: describeExportInfo,
    fields: (snapshot) => ({
        downloadUrl: snapshot.details.downloadUrl,
        fileName: snapshot.details.fileName,
        currentCount: snapshot.details.currentCount,
        totalCount: snapshot.details.totalCount,
    }),
    recordId: (id) => Number(id),
};
