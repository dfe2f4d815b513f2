import type { EcdReportExportInputs } from "../inputs";
import { fileNameOfUrl } from "../services/downloadUrl";
import { ECD_STATUS_TABLE, EcdReportSnapshot, createEcdReportTask, describeEcdReportTask, ecdReportTaskSource } from "../services/ecd";
import type { ExportService } from "./exportPlan";

/** ReportExport's service "ecd": CreateEcdReportTask, then DescribeEcdReportTasks by TaskId. */
export const ecdReportExport: ExportService<EcdReportExportInputs & { region: string }, EcdReportSnapshot> = {
    what: "ECD report export task",
    idKey: "taskId",
    rules: { table: ECD_STATUS_TABLE },
    adoptedId: (inputs) => inputs.taskId,
    async start(ctx, inputs) {
        const created = await createEcdReportTask(ctx, inputs.create!);
        return { id: created.taskId, requestId: created.requestId, fileName: inputs.create!.reportFileName };
    },
    source: ecdReportTaskSource,
    readOnce: describeEcdReportTask,
    fields: (snapshot) => ({
        downloadUrl: snapshot.details.downloadUrl,
        fileName: snapshot.details.reportFileName ?? fileNameOfUrl(snapshot.details.downloadUrl),
    }),
    recordId: (id) => id,
};
