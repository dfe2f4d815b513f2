// A corpus of bad inputs for every input of both resources and every service: wrong types, empty
// and oversized values, malformed ids and durations, unknown services and properties, and options
// that conflict. Each case says which property paths are at fault: `check` must name them.
/** The resources the corpus covers. */
type Kind = "TaskWaiter" | "ReportExport";

export interface BadCase {
    kind: Kind;
    /** e.g. "ecs taskId = 42". */
    name: string;
    inputs: Record<string, unknown>;
    /** The offending property paths; a failure may name one of them, a child of one, or its parent. */
    expect: string[];
}

const HUGE = "x".repeat(10_000);
const WRONG_TYPES: unknown[] = [42, -1, 3.5, true, false, null, [], ["x"], {}, { a: 1 }];
const NOT_STRINGS = WRONG_TYPES.filter((v) => typeof v !== "string");
const NOT_BOOLEANS: unknown[] = ["yes", "true", 1, 0, null, [], {}];
const NOT_LISTS: unknown[] = ["Done", 42, true, null, {}, { 0: "a" }];

const BASES: { kind: Kind; label: string; inputs: Record<string, unknown> }[] = [
    { kind: "TaskWaiter", label: "ecs", inputs: { service: "ecs", taskId: "t-abcd1234" } },
    { kind: "TaskWaiter", label: "ecs taskIds", inputs: { service: "ecs", taskIds: ["t-abcd1234", "t-efgh5678"] } },
    { kind: "TaskWaiter", label: "ecs resourceIds", inputs: { service: "ecs", resourceIds: ["m-abcd1234"], taskAction: "ImportImage" } },
    { kind: "TaskWaiter", label: "bdrc", inputs: { service: "bdrc", region: "cn-shanghai", taskId: "t-0004d9ctt1ii1234" } },
    { kind: "ReportExport", label: "ecd adopt", inputs: { service: "ecd", taskId: "ret-sfkdsjfi1234" } },
    { kind: "ReportExport", label: "ecd start", inputs: { service: "ecd", create: { taskType: "RESOURCE_REPORT", subType: "DESKTOP" } } },
    { kind: "ReportExport", label: "sas adopt", inputs: { service: "sas", region: "cn-shanghai", exportId: 131231 } },
    { kind: "ReportExport", label: "sas start", inputs: { service: "sas", region: "cn-shanghai", create: { exportType: "exportHcWarning" } } },
];

const DURATIONS_BAD: unknown[] = ["", " ", "forever", "30", "-5s", "1.5.3m", "1h30", "10 s", "P1D", "30S", HUGE, ...NOT_STRINGS];
const ECS_TASK_IDS_BAD: unknown[] = [
    "",
    " ",
    "t-",
    "t-abc",
    "T-abcd1234",
    "i-abcd1234",
    "t-abcd 1234",
    "t-abcd1234\n",
    "t-abcd_1234",
    "t-äbcd1234",
    `t-${"a".repeat(65)}`,
    "t-abcd1234,t-efgh5678",
    "../../etc/passwd",
    HUGE,
    ...NOT_STRINGS,
];
const PLAIN_IDS_BAD: unknown[] = [
    "",
    " ",
    "ab",
    "-abc1234",
    "_abc1234",
    "t 0004d9ctt1",
    "t/0004d9ctt1",
    "t-0004%2F..",
    "t-0004?x=1",
    `t-${"a".repeat(130)}`,
    "t-0004\u0000",
    HUGE,
    ...NOT_STRINGS,
];
const STATUS_LISTS_BAD: unknown[] = [...NOT_LISTS, [""], ["  "], [42], [null], [["Done"]], Array.from({ length: 21 }, (_, i) => `S${i}`)];

/** Values to try per property path, for the bases that have the property. */
function propertyValues(label: string): Record<string, unknown[]> {
    const wait: Record<string, unknown[]> = {
        region: ["", " ", "cn_hangzhou", "CN-HANGZHOU", "hangzhou", "cn-hangzhou ", "cn-", "-cn-hangzhou", HUGE, ...NOT_STRINGS],
        timeout: [...DURATIONS_BAD, "0s", "500ms", "999ms", "25h", "24h1s", "999999999h"],
        pollInterval: ["3s", 42, true, [], ["3s"], null],
        "pollInterval.min": ["fast", "50ms", "0s", "99ms", "", 3, true, null, HUGE],
        "pollInterval.max": ["slow", "10ms", "", 10, false, null],
        onFailure: ["ignore", "FAIL", "Warn", "", " fail", HUGE, ...NOT_STRINGS],
        successStatuses: STATUS_LISTS_BAD,
        failureStatuses: STATUS_LISTS_BAD,
        resourceName: [42, true, null, [], {}],
    };
    if (label.startsWith("ecs") || label === "bdrc") {
        if (label === "ecs") return { ...wait, service: serviceValues("TaskWaiter"), taskId: ECS_TASK_IDS_BAD, failOnPartialFailure: NOT_BOOLEANS };
        if (label === "ecs taskIds") {
            return {
                ...wait,
                taskIds: [
                    [],
                    "t-abcd1234",
                    ...NOT_LISTS.filter((v) => v !== "Done"),
                    [42],
                    [""],
                    ["bad"],
                    [null],
                    [["t-abcd1234"]],
                    Array.from({ length: 101 }, (_, i) => `t-task${String(i).padStart(4, "0")}`),
                ],
                "taskIds[1]": ECS_TASK_IDS_BAD.slice(0, 12),
            };
        }
        if (label === "ecs resourceIds") {
            return {
                resourceIds: [
                    [],
                    "m-abcd1234",
                    42,
                    {},
                    null,
                    [""],
                    ["abcd1234"],
                    ["M-abcd1234"],
                    ["m-"],
                    ["m-ab"],
                    [`m-${"a".repeat(65)}`],
                    [HUGE],
                    [42],
                    Array.from({ length: 101 }, (_, i) => `m-img${String(i).padStart(4, "0")}`),
                ],
                taskAction: ["importimage", "IMPORTIMAGE", "DeleteImage", "", HUGE, ...NOT_STRINGS],
            };
        }
        return { ...wait, service: serviceValues("TaskWaiter"), taskId: PLAIN_IDS_BAD, region: [...wait.region, "cn-hangzhou", "us-east-1", "ap-southeast-2"] };
    }
    const exportOptions = { ...wait, renewOnExpiry: NOT_BOOLEANS };
    switch (label) {
        case "ecd adopt":
            return { ...exportOptions, service: serviceValues("ReportExport"), taskId: PLAIN_IDS_BAD };
        case "sas adopt":
            return { exportId: ["", "abc", "12a", "1.5", "-7", "0", "9".repeat(30), -1, 0, 1.5, 2 ** 60, true, false, null, [], [131231], {}, HUGE] };
        case "ecd start":
            return {
                create: ["RESOURCE_REPORT", 42, true, null, [], {}],
                "create.taskType": ["", " ", 42, null, []],
                "create.subType": ["", "  ", 7, false, null],
                "create.reportFileName": ["", "   ", "r".repeat(256), 42, true, null, []],
                "create.langType": ["chinese", "zh_CN", "ZH-cn", "en-US", "", "z", 42, null, HUGE],
                "create.filters": [
                    "RegionId",
                    42,
                    {},
                    null,
                    [null],
                    [42],
                    ["RegionId"],
                    Array.from({ length: 21 }, () => ({ key: "RegionId", values: ["cn-hangzhou"] })),
                ],
                "create.filters[0]": [
                    {},
                    { key: "RegionId" },
                    { values: ["a"] },
                    { key: "", values: ["a"] },
                    { key: "RegionId", values: [] },
                    { key: "RegionId", values: "cn-hangzhou" },
                    { key: "RegionId", values: [42] },
                    { key: "RegionId", values: [null] },
                    { key: 42, values: ["a"] },
                    { key: "RegionId", values: ["a"], extra: 1 },
                    { key: "RegionId", values: Array.from({ length: 101 }, (_, i) => `v${i}`) },
                ],
            };
        case "sas start":
            return {
                create: ["exportHcWarning", 42, true, null, [], {}],
                "create.exportType": ["", "   ", 42, null, [], {}],
                "create.params": ["riskLevel=high", "[1,2]", "null", "42", '"text"', "{", 42, true, [], [{}], null],
                "create.lang": ["fr", "EN", "zh-CN", "", 1, null, []],
            };
    }
    return {};
}

function serviceValues(kind: Kind): unknown[] {
    const other = kind === "TaskWaiter" ? ["ecd", "sas"] : ["ecs", "bdrc"];
    return ["", " ", "rds", "ECS", " ecs", "ecs ", "Bdrc", ...other, HUGE, ...NOT_STRINGS];
}

/** Sets a dotted path ("create.filters[0]", "pollInterval.min", "taskIds[1]") in a copy of the inputs. */
function withValue(inputs: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
    const copy = structuredClone(inputs);
    const keys = path.split(/\.|(?=\[)/).map((k) => (k.startsWith("[") ? Number(k.slice(1, -1)) : k));
    let node: Record<string | number, unknown> = copy;
    for (const [i, key] of keys.entries()) {
        if (i === keys.length - 1) {
            node[key] = value;
        } else {
            const next = keys[i + 1];
            if (node[key] === undefined || typeof node[key] !== "object") node[key] = typeof next === "number" ? [] : {};
            if (typeof next === "number" && Array.isArray(node[key]) && (node[key] as unknown[]).length <= next) {
                (node[key] as unknown[]).push(
                    ...Array.from({ length: next + 1 - (node[key] as unknown[]).length }, () => ({ key: "RegionId", values: ["cn-hangzhou"] })),
                );
            }
            node = node[key] as Record<string | number, unknown>;
        }
    }
    return copy;
}

function show(value: unknown): string {
    const text = value === undefined ? "undefined" : JSON.stringify(value);
    return text.length > 40 ? `${text.slice(0, 30)}...(${text.length} chars)` : text;
}

/** Options that conflict, required inputs left out, and properties that do not exist. */
const STRUCTURAL: BadCase[] = [
    { kind: "TaskWaiter", name: "no service", inputs: { taskId: "t-abcd1234" }, expect: ["service"] },
    { kind: "ReportExport", name: "no service", inputs: { taskId: "ret-abc1234" }, expect: ["service"] },
    { kind: "TaskWaiter", name: "empty inputs", inputs: {}, expect: ["service"] },
    { kind: "ReportExport", name: "empty inputs", inputs: {}, expect: ["service"] },
    { kind: "TaskWaiter", name: "ecs: nothing to wait for", inputs: { service: "ecs" }, expect: ["taskId"] },
    { kind: "TaskWaiter", name: "ecs: taskId and taskIds", inputs: { service: "ecs", taskId: "t-abcd1234", taskIds: ["t-efgh5678"] }, expect: ["taskIds"] },
    {
        kind: "TaskWaiter",
        name: "ecs: taskId and resourceIds",
        inputs: { service: "ecs", taskId: "t-abcd1234", resourceIds: ["m-abcd1234"], taskAction: "ImportImage" },
        expect: ["resourceIds"],
    },
    {
        kind: "TaskWaiter",
        name: "ecs: taskIds and resourceIds",
        inputs: { service: "ecs", taskIds: ["t-abcd1234"], resourceIds: ["m-abcd1234"], taskAction: "ImportImage" },
        expect: ["resourceIds"],
    },
    {
        kind: "TaskWaiter",
        name: "ecs: all three selectors",
        inputs: { service: "ecs", taskId: "t-abcd1234", taskIds: ["t-abcd1234"], resourceIds: ["m-abcd1234"], taskAction: "ImportImage" },
        expect: ["taskIds"],
    },
    { kind: "TaskWaiter", name: "ecs: resourceIds without taskAction", inputs: { service: "ecs", resourceIds: ["m-abcd1234"] }, expect: ["taskAction"] },
    {
        kind: "TaskWaiter",
        name: "ecs: taskAction without resourceIds",
        inputs: { service: "ecs", taskId: "t-abcd1234", taskAction: "ImportImage" },
        expect: ["taskAction"],
    },
    {
        kind: "TaskWaiter",
        name: "ecs: pollInterval min > max",
        inputs: { service: "ecs", taskId: "t-abcd1234", pollInterval: { min: "30s", max: "2s" } },
        expect: ["pollInterval.min"],
    },
    {
        kind: "TaskWaiter",
        name: "ecs: unknown pollInterval key",
        inputs: { service: "ecs", taskId: "t-abcd1234", pollInterval: { minimum: "3s" } },
        expect: ["pollInterval.minimum"],
    },
    {
        kind: "TaskWaiter",
        name: "ecs: a status both success and failure",
        inputs: { service: "ecs", taskId: "t-abcd1234", successStatuses: ["Done"], failureStatuses: ["done"] },
        expect: ["failureStatuses"],
    },
    { kind: "TaskWaiter", name: "bdrc: no taskId", inputs: { service: "bdrc", region: "cn-shanghai" }, expect: ["taskId"] },
    {
        kind: "TaskWaiter",
        name: "bdrc: ecs-only taskIds",
        inputs: { service: "bdrc", region: "cn-shanghai", taskId: "t-0004d9ctt1ii", taskIds: ["t-abcd1234"] },
        expect: ["taskIds"],
    },
    {
        kind: "TaskWaiter",
        name: "bdrc: ecs-only failOnPartialFailure",
        inputs: { service: "bdrc", region: "cn-shanghai", taskId: "t-0004d9ctt1ii", failOnPartialFailure: false },
        expect: ["failOnPartialFailure"],
    },
    {
        kind: "TaskWaiter",
        name: "ecs: ReportExport's create",
        inputs: { service: "ecs", taskId: "t-abcd1234", create: { exportType: "x" } },
        expect: ["create"],
    },
    {
        kind: "TaskWaiter",
        name: "ecs: ReportExport's renewOnExpiry",
        inputs: { service: "ecs", taskId: "t-abcd1234", renewOnExpiry: true },
        expect: ["renewOnExpiry"],
    },
    { kind: "ReportExport", name: "ecd: neither taskId nor create", inputs: { service: "ecd" }, expect: ["create"] },
    {
        kind: "ReportExport",
        name: "ecd: taskId and create",
        inputs: { service: "ecd", taskId: "ret-abc1234", create: { taskType: "RESOURCE_REPORT", subType: "DESKTOP" } },
        expect: ["create"],
    },
    { kind: "ReportExport", name: "ecd: Security Center's exportId", inputs: { service: "ecd", exportId: 131231 }, expect: ["exportId", "create"] },
    {
        kind: "ReportExport",
        name: "ecd: create without subType",
        inputs: { service: "ecd", create: { taskType: "RESOURCE_REPORT" } },
        expect: ["create.subType"],
    },
    {
        kind: "ReportExport",
        name: "ecd: Security Center's create fields",
        inputs: { service: "ecd", create: { exportType: "exportHcWarning" } },
        expect: ["create.exportType", "create.taskType", "create.subType"],
    },
    { kind: "ReportExport", name: "sas: neither exportId nor create", inputs: { service: "sas" }, expect: ["create"] },
    {
        kind: "ReportExport",
        name: "sas: exportId and create",
        inputs: { service: "sas", exportId: 5, create: { exportType: "exportVul" } },
        expect: ["create"],
    },
    { kind: "ReportExport", name: "sas: ECD's taskId", inputs: { service: "sas", taskId: "ret-abc1234" }, expect: ["taskId", "create"] },
    {
        kind: "ReportExport",
        name: "sas: ECD's create fields",
        inputs: { service: "sas", create: { taskType: "RESOURCE_REPORT", subType: "DESKTOP" } },
        expect: ["create.taskType", "create.subType", "create.exportType"],
    },
    { kind: "ReportExport", name: "sas: create without exportType", inputs: { service: "sas", create: { lang: "en" } }, expect: ["create.exportType"] },
    {
        kind: "ReportExport",
        name: "ecd: TaskWaiter's taskIds",
        inputs: { service: "ecd", taskId: "ret-abc1234", taskIds: ["t-abcd1234"] },
        expect: ["taskIds"],
    },
    ...["taskid", "TaskId", "timeOut", "poll_interval", "region ", "accessKey", "secretKey"].flatMap((key): BadCase[] => [
        {
            kind: "TaskWaiter",
            name: `ecs: unknown property ${JSON.stringify(key)}`,
            inputs: { service: "ecs", taskId: "t-abcd1234", [key]: "x" },
            expect: [key],
        },
        { kind: "ReportExport", name: `sas: unknown property ${JSON.stringify(key)}`, inputs: { service: "sas", exportId: 131231, [key]: "x" }, expect: [key] },
    ]),
];

export function badInputCorpus(): BadCase[] {
    const cases: BadCase[] = [];
    for (const base of BASES) {
        for (const [path, values] of Object.entries(propertyValues(base.label))) {
            for (const value of values) {
                cases.push({
                    kind: base.kind,
                    name: `${base.kind} ${base.label}: ${path} = ${show(value)}`,
                    inputs: withValue(base.inputs, path, value),
                    expect: [path],
                });
            }
        }
    }
    return [...cases, ...STRUCTURAL.map((c) => ({ ...c, name: `${c.kind} ${c.name}` }))];
}
