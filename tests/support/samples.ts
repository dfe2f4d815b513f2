/** The success responses printed on the reference pages (/work/shared/api-docs), verbatim. */

/** The success response of the DescribeTask reference page, as printed there. */
export const BDRC_SAMPLE = {
    Data: {
        TaskId: "t-xxxxxxxx",
        TaskName: "test5566",
        TaskDescription: " empty",
        TaskType: "UPDATE_RESOURCES",
        TaskPriority: "HIGH",
        RequestId: "784076D6-BD6D-5564-9CEA-834EB11F0C62",
        TaskDetail: '{"resourceTypes":["ACS::ECS::Instance","ACS::OSS::Bucket","ACS::OTS::Instance","ACS::NAS::FileSystem"]}',
        ExecutionId: " empty",
        Progress: 100,
        TaskStatus: "RUNNING",
        ErrorMessage: "too many requests.",
        StartTime: 1724983927,
        CompleteTime: 1724983927,
        ExpireTime: 1719026680,
        TaskResult: '{"resourceCounts":[{"resourceType":"ACS::OSS::Bucket","count":2},{"resourceType":"ACS::NAS::FileSystem","count":3}]}',
    },
    RequestId: "14DFF801-A4E3-5136-AAB8-7D246012CD7A",
};

/** The success response of the DescribeEcdReportTasks reference page. */
export const ECD_SAMPLE_URL =
    "https://cn-shanghai-ecd-report-files.oss-cn-shanghai.aliyuncs.com/ecd_report/resource/desktop/100721430*****/DESKTOP_20250709140932_*****.xlsx?Expires=*****&OSSAccessKeyId=STS.****&Signature=****%3D&security-token=****";
export const ECD_SAMPLE = {
    RequestId: "1CBAFFAB-B697-4049-A9B1-67E1FC5F****",
    TotalCount: 20,
    ExportTaskList: [
        {
            TaskId: "ret-asdfkjg*****",
            TaskType: "RESOURCE_REPORT",
            SubType: "DESKTOP",
            ReportFileName: "TestFileName",
            Status: "Running",
            Progress: 80,
            GmtCreate: "2025-07-14T07:46:49.000+00:00",
            GmtModified: "2025-07-14T07:46:49.000+00:00",
            DownloadUrl: ECD_SAMPLE_URL,
            ErrorCode: "Success",
            ErrorMsg: "No Data.",
        },
    ],
};

/** The success response of the DescribeExportInfo reference page. */
export const SAS_SAMPLE = {
    Link: "http://www.aliyun.com",
    Progress: 16,
    RequestId: "CE500770-42D3-442E-9DDD-156E0F9F3B45",
    CurrentCount: 20,
    Message: "success",
    FileName: "health_check_export_20171123",
    TotalCount: 100,
    ExportStatus: "success",
    Id: 131231,
};
