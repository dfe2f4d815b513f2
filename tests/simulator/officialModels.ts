/**
 * The response models of Alibaba's official SDKs, as data: every field, with its JSON type. ECS's
 * come from the real model classes of @alicloud/ecs20140526 (modelSpecOf). bdrc-20230808,
 * ecd-20200930 and sas-20181203 are not on this npm registry: their lists were read from the
 * generated models (src/models/*ResponseBody.ts, names() and types()) in Alibaba's public repository
 * aliyun/alibabacloud-typescript-sdk at commit 06a71f93987bc01319e08965323789ddbe23f7f8.
 */
import { strict as assert } from "node:assert";

/** A field's JSON type: a scalar, a nested model, or a list of either. */
export type FieldSpec = "string" | "number" | "boolean" | ModelSpec | readonly [FieldSpec];
export interface ModelSpec {
    readonly [field: string]: FieldSpec;
}

/** A model class as the SDKs generate them: names() maps properties to JSON names, types() to types. */
interface DaraModelClass {
    names(): Record<string, string>;
    types(): Record<string, unknown>;
}

function isModelClass(t: unknown): t is DaraModelClass {
    return typeof t === "function" && typeof (t as Partial<DaraModelClass>).names === "function" && typeof (t as Partial<DaraModelClass>).types === "function";
}

function fieldSpecOf(type: unknown): FieldSpec {
    if (type === "string" || type === "number" || type === "boolean") return type;
    if (isModelClass(type)) return modelSpecOf(type);
    const array = type as { type?: string; itemType?: unknown };
    if (array.type === "array") return [fieldSpecOf(array.itemType)];
    throw new Error(`a model type this check does not know: ${JSON.stringify(type)}`);
}

/** The spec of a real model class, by its JSON names. */
export function modelSpecOf(model: DaraModelClass): ModelSpec {
    const names = model.names();
    const types = model.types();
    return Object.fromEntries(Object.keys(names).map((property) => [names[property], fieldSpecOf(types[property])]));
}

const BDRC_TASK: ModelSpec = {
    CompleteTime: "number",
    ErrorMessage: "string",
    ExecutionId: "string",
    ExpireTime: "number",
    Progress: "number",
    RequestId: "string",
    StartTime: "number",
    TaskDescription: "string",
    TaskDetail: "string",
    TaskId: "string",
    TaskName: "string",
    TaskPriority: "string",
    TaskResult: "string",
    TaskStatus: "string",
    TaskType: "string",
};

/** bdrc-20230808/src/models/DescribeTaskResponseBody.ts */
export const BDRC_DESCRIBE_TASK: ModelSpec = { Data: BDRC_TASK, RequestId: "string" };

/** bdrc-20230808/src/models/DescribeTasksResponseBody.ts */
export const BDRC_DESCRIBE_TASKS: ModelSpec = {
    Data: { Content: [BDRC_TASK], MaxResults: "number", NextToken: "string", TotalCount: "number" },
    RequestId: "string",
};

/** ecd-20200930/src/models/DescribeEcdReportTasksResponseBody.ts */
export const ECD_DESCRIBE_REPORT_TASKS: ModelSpec = {
    ExportTaskList: [
        {
            DownloadUrl: "string",
            ErrorCode: "string",
            ErrorMsg: "string",
            GmtCreate: "string",
            GmtModified: "string",
            Progress: "number",
            ReportFileName: "string",
            Status: "string",
            SubType: "string",
            TaskId: "string",
            TaskType: "string",
        },
    ],
    RequestId: "string",
    TotalCount: "number",
};

/** ecd-20200930/src/models/CreateEcdReportTaskResponseBody.ts */
export const ECD_CREATE_REPORT_TASK: ModelSpec = { Code: "string", Message: "string", RequestId: "string", Success: "boolean", TaskId: "string" };

/** sas-20181203/src/models/DescribeExportInfoResponseBody.ts */
export const SAS_DESCRIBE_EXPORT_INFO: ModelSpec = {
    CurrentCount: "number",
    ExportStatus: "string",
    FileName: "string",
    Id: "number",
    Link: "string",
    Message: "string",
    Progress: "number",
    RequestId: "string",
    TotalCount: "number",
};

/** sas-20181203/src/models/ExportRecordResponseBody.ts */
export const SAS_EXPORT_RECORD: ModelSpec = { FileName: "string", Id: "number", RequestId: "string" };

/**
 * Fields a model has that the service documents as absent, by path: the model's own words.
 * "Data.TotalCount": "This parameter is optional and is not returned by default." (bdrc DescribeTasks)
 * "Message": "This parameter is not returned when Code is success." (ECD CreateEcdReportTask)
 */
export type DocumentedAbsences = readonly string[];

/**
 * Asserts that a raw JSON body has every field of the model with the model's JSON type (a number is
 * not a string, a list is not empty, so that its items are checked), and nothing the model lacks.
 */
export function assertMatchesModel(body: unknown, spec: ModelSpec, absent: DocumentedAbsences = [], path = ""): void {
    assert.equal(typeof body, "object", `${path || "body"} is an object`);
    const object = body as Record<string, unknown>;
    const extra = Object.keys(object).filter((field) => !(field in spec));
    assert.deepEqual(extra, [], `${path || "body"} has fields the model lacks`);
    for (const [field, type] of Object.entries(spec)) {
        const at = path ? `${path}.${field}` : field;
        if (absent.includes(at)) {
            assert.equal(object[field], undefined, `${at} is documented as absent`);
            continue;
        }
        assertMatchesField(object[field], type, absent, at);
    }
}

function assertMatchesField(value: unknown, type: FieldSpec, absent: DocumentedAbsences, at: string): void {
    assert.notEqual(value, undefined, `${at} is missing`);
    if (typeof type === "string") return assert.equal(typeof value, type, `${at} is a ${type}: ${JSON.stringify(value)}`);
    if (Array.isArray(type)) {
        assert.ok(Array.isArray(value) && value.length > 0, `${at} is a non-empty list`);
        return (value as unknown[]).forEach((item, i) => assertMatchesField(item, type[0], absent, `${at}[${i}]`));
    }
    assertMatchesModel(value, type as ModelSpec, absent, at);
}

/** Asserts that a model instance the official client returned has every property of its class set. */
export function assertModelFilled(instance: object, model: DaraModelClass, path = "body"): void {
    const types = model.types();
    for (const property of Object.keys(model.names())) {
        const value = (instance as Record<string, unknown>)[property];
        assert.notEqual(value, undefined, `${path}.${property} is set`);
        const type = types[property];
        if (isModelClass(type)) assertModelFilled(value as object, type, `${path}.${property}`);
        const array = type as { type?: string; itemType?: unknown };
        if (array.type === "array" && isModelClass(array.itemType)) {
            const itemType = array.itemType;
            assert.ok(Array.isArray(value) && value.length > 0, `${path}.${property} is a non-empty list`);
            (value as object[]).forEach((item, i) => assertModelFilled(item, itemType, `${path}.${property}[${i}]`));
        }
    }
}
