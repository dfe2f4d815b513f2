import { fileNameOfUrl } from "../../services/downloadUrl";
import {
    ECD_MAX_PAGE_SIZE,
    ECD_STATUS_TABLE,
    EcdReportSnapshot,
    createEcdReportTask,
    describeEcdReportTask,
    ecdReportTaskSource,
    listEcdReportTasks,
} from "../../services/ecd";
import type { EcdReportExportInputs } from "../../inputs";
import type { ExportApi } from "./exportApi";

/** ReportExport's service "ecd": CreateEcdReportTask, then DescribeEcdReportTasks by TaskId. */
export const ecdReportExport: ExportApi<EcdReportExportInputs & { region: string }, EcdReportSnapshot> = {
    what: "ECD report export task",
    idKey: "taskId",
    table: ECD_STATUS_TABLE,
    adoptedId: (inputs) => inputs.taskId,
    async start(ctx, inputs, key) {
        const reportFileName = fileNameWithKey(inputs.create!.reportFileName, key);
        const created = await createEcdReportTask(ctx, { ...inputs.create!, reportFileName });
        return { id: created.taskId, requestId: created.requestId, fileName: reportFileName };
    },
    /** The newest listed export with the key's file name: the list shows every export of the region, whoever started it. */
    async findStarted(ctx, inputs, key, usable) {
        const name = fileNameWithKey(inputs.create!.reportFileName, key);
        const { snapshots } = await listEcdReportTasks(ctx, { pageSize: ECD_MAX_PAGE_SIZE });
        return snapshots.filter((s) => s.details.reportFileName === name && usable(s)).sort(newestFirst)[0]?.taskId;
    },
    source: ecdReportTaskSource,
    readOnce: describeEcdReportTask,
    fields: (snapshot) => ({
        downloadUrl: snapshot.details.downloadUrl,
        fileName: snapshot.details.reportFileName ?? fileNameOfUrl(snapshot.details.downloadUrl),
    }),
    recordId: (id) => id,
};

/** "desktops-pulumi-1a2b3c4d5e6f": the user's file name (or "report") with the start key; the name alone without a key. */
function fileNameWithKey(fileName: string | undefined, key: string | undefined): string | undefined {
    return key ? `${fileName ?? "report"}-${key}` : fileName;
}

function newestFirst(a: EcdReportSnapshot, b: EcdReportSnapshot): number {
    return (b.details.createdAt ?? "").localeCompare(a.details.createdAt ?? "");
}
