import type { EcdReportExportInputs } from "../inputs";
import { ECD_STATUS_TABLE, EcdContext, EcdReportSnapshot, createEcdReportTask, describeEcdReportTask, ecdReportTaskSource } from "../services/ecd";
import { fileNameOfUrl } from "./downloadUrl";
import type { ExportPlan } from "./exportPlan";
import { providerSettings, requireCredentials } from "./runtime";

/** ReportExport's plan for service "ecd": CreateEcdReportTask, then DescribeEcdReportTasks by TaskId. */

function ecdContext(inputs: EcdReportExportInputs): EcdContext {
    return { region: inputs.region!, credentials: requireCredentials(), endpointOverride: providerSettings().endpointOverride };
}

export const ecdExportPlan: ExportPlan<EcdReportExportInputs, EcdReportSnapshot> = {
    what: "ECD report export task",
    idKey: "taskId",
    statusTable: ECD_STATUS_TABLE,
    adoptedId: (inputs) => inputs.taskId,
    async start(inputs) {
        const created = await createEcdReportTask(ecdContext(inputs), inputs.create!);
        return { id: created.taskId, requestId: created.requestId, fileName: inputs.create!.reportFileName };
    },
    source: (inputs) => ecdReportTaskSource(ecdContext(inputs)),
    readOnce: (inputs, id) => describeEcdReportTask(ecdContext(inputs), id),
    fields: (snapshot) => ({
        downloadUrl: snapshot.details.downloadUrl,
        fileName: snapshot.details.reportFileName ?? fileNameOfUrl(snapshot.details.downloadUrl),
    }),
    recordId: (id) => id,
};
