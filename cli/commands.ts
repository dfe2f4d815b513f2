import { ECS_TASK_ACTIONS } from "../provider/wait";

/**
 * What `alicloud-tasks wait <service>` accepts: one command per service, each flag tied to the
 * resource input it fills. The values go through the resources' own schemas and `check`, so the
 * command and `pulumi up` accept and refuse the same things.
 */

export type ResourceKind = "TaskWaiter" | "ReportExport" | "ApiWaiter";
export type ServiceName = "ecs" | "bdrc" | "ecd" | "sas" | "api";

export interface FlagDef {
    /** "--task-id". */
    readonly name: string;
    /** Placeholder for the help text; absent for a switch. */
    readonly value?: string;
    readonly help: string;
    /** The input this flag fills, as a property path ("pollInterval.min"); absent for options of the command itself. */
    readonly input?: string;
    /**
     * How the text becomes the input: as is, a comma-separated list, a KEY=V1,V2 filter (repeatable),
     * a KEY=VALUE entry of an object (repeatable), JSON text, a JSON file, or an expected value (text,
     * or a JSON array of alternatives).
     */
    readonly parse?: "text" | "list" | "filter" | "keyValue" | "json" | "jsonFile" | "expected";
    /** May be given more than once (besides filters). */
    readonly repeatable?: boolean;
    /** For a switch that fills an input: the value it sets. */
    readonly sets?: unknown;
}

export interface WaitCommand {
    readonly service: ServiceName;
    readonly kind: ResourceKind;
    readonly summary: string;
    /** The synopsis after `alicloud-tasks wait <service>`. */
    readonly synopsis: string;
    readonly flags: readonly FlagDef[];
    readonly examples: readonly string[];
    /** How `check`'s messages name the "start a new export" input here. */
    readonly createWords?: string;
    /** Common flags that do not apply. */
    readonly withoutCommon?: readonly string[];
}

/** Flags every service has. */
export const COMMON_FLAGS: readonly FlagDef[] = [
    { name: "--region", value: "REGION", input: "region", help: "Region of the task. Default: ALIBABA_CLOUD_REGION_ID, else ALICLOUD_REGION." },
    { name: "--timeout", value: "DURATION", input: "timeout", help: "Give up after this long and exit 2: 1s..24h, such as 90s, 45m, 1h30m. Default 30m." },
    { name: "--poll-min", value: "DURATION", input: "pollInterval.min", help: "Shortest delay between two polls. Default 3s, or --poll-max when shorter." },
    {
        name: "--poll-max",
        value: "DURATION",
        input: "pollInterval.max",
        help: "Longest delay between two polls, never exceeded. Default 10s (60s while a progress forecast puts the end far).",
    },
    { name: "--success-statuses", value: "LIST", input: "successStatuses", parse: "list", help: "Extra raw statuses to treat as success, comma-separated." },
    { name: "--failure-statuses", value: "LIST", input: "failureStatuses", parse: "list", help: "Extra raw statuses to treat as failure, comma-separated." },
    {
        name: "--endpoint",
        value: "URL",
        help: "Send every API call here: an https URL or a host name (https), or http to this machine only (127.0.0.1, localhost: a simulator). Default: ALICLOUD_TASKS_ENDPOINT, else the service's endpoint.",
    },
    { name: "--json", help: "Print the result as one JSON object on stdout (the outputs the resource records); progress goes to stderr." },
    { name: "--progress", value: "MODE", help: "auto (a live line on a terminal, plain lines otherwise), live, plain or none. Default auto." },
    { name: "--help", help: "Show this help." },
];

/** Only where there is a download URL. */
export const SHOW_URL_FLAG: FlagDef = {
    name: "--show-url",
    help: "Print the full pre-signed download URL. Without it the URL is shown without its query (which is a credential until it expires).",
};

/**
 * `alicloud-tasks wait api`: the ApiWaiter resource as a command, like the aliyun CLI's
 * `--waiter expr=... to=...`, with the full acceptor form in a JSON file.
 */
const API_COMMAND: WaitCommand = {
    service: "api",
    kind: "ApiWaiter",
    summary: "Wait on any Alibaba Cloud API until an acceptor over its answer (JMESPath) says success or failure, or check it once.",
    synopsis:
        "(--product CODE | --endpoint URL) --version V (--action A [--param K=V ...] | --path P [--method M]) (--until EXPR --to VALUE | --acceptors FILE) [options]",
    flags: [
        {
            name: "--product",
            value: "CODE",
            input: "product",
            help: "Product code (Ecs, CS, Sas, ...): the endpoint comes from Alibaba's endpoint data for the region.",
        },
        { name: "--version", value: "VERSION", input: "version", help: "API version, such as 2014-05-26." },
        { name: "--action", value: "ACTION", input: "action", help: "RPC: the action, such as DescribeInstances." },
        {
            name: "--param",
            value: "KEY=VALUE",
            input: "params",
            parse: "keyValue",
            repeatable: true,
            help: "RPC: a request parameter, as the aliyun CLI takes it (a JSON-text parameter as JSON text); repeat for several.",
        },
        {
            name: "--method",
            value: "METHOD",
            input: "method",
            help: "ROA: GET (default), HEAD, POST, PUT, DELETE or PATCH (all but GET and HEAD need --allow-non-read-action).",
        },
        { name: "--path", value: "PATH", input: "path", help: "ROA: the resource path, such as /clusters/c-123." },
        { name: "--query", value: "KEY=VALUE", input: "query", parse: "keyValue", repeatable: true, help: "ROA: a query parameter; repeat for several." },
        { name: "--body", value: "JSON", input: "body", parse: "json", help: "ROA: the request body, JSON text." },
        { name: "--until", value: "EXPR", input: "until.expr", help: "JMESPath expression that must reach --to, as aliyun --waiter expr=." },
        {
            name: "--to",
            value: "VALUE",
            input: "until.to",
            parse: "expected",
            help: 'The value it must reach (case-insensitive), or a JSON array of alternatives: \'["Running","Stopped"]\'.',
        },
        {
            name: "--acceptors",
            value: "FILE",
            input: "acceptors",
            parse: "jsonFile",
            help: 'A JSON file: a list of acceptors, each { "state": "success"|"failure"|"retry", "expr", one of "equals", "anyEquals", "allEquals", "exists", "errorCode" }.',
        },
        { name: "--progress-expr", value: "EXPR", input: "progress", help: "JMESPath expression shown in progress lines (a number is a percentage)." },
        { name: "--output", value: "EXPR", input: "output", help: "JMESPath expression: the part of the last answer --json prints as answer." },
        { name: "--case-sensitive", input: "caseSensitive", sets: true, help: "Compare strings exactly." },
        { name: "--check", input: "mode", sets: "check", help: "Evaluate once: exit 0 if it holds, 1 if not (an answer no acceptor matches fails)." },
        { name: "--secret", input: "secret", sets: true, help: "Keep the answer's values out of messages, progress and --json." },
        {
            name: "--allow-non-read-action",
            input: "allowNonReadAction",
            sets: true,
            help: "Call an action that is not a read (not Describe*, List*, Get*, Query*, ...; ROA not GET or HEAD), again on every poll. Never with --check.",
        },
    ],
    examples: [
        "alicloud-tasks wait api --product Ecs --version 2014-05-26 --action DescribeInstances --param InstanceIds='[\"i-bp1...\"]' --until 'Instances.Instance[0].Status' --to Running",
        "alicloud-tasks wait api --product Ecs --version 2014-05-26 --action DescribeInvocations --param InvokeId=t-hz0... --acceptors invocation.json --timeout 20m",
        "alicloud-tasks wait api --product CS --version 2015-12-15 --path /clusters/c-123 --until state --to running --region cn-hangzhou",
    ],
    withoutCommon: ["--success-statuses", "--failure-statuses"],
};

export const WAIT_COMMANDS: Record<ServiceName, WaitCommand> = {
    ecs: {
        service: "ecs",
        kind: "TaskWaiter",
        summary: `Wait for ECS tasks (${ECS_TASK_ACTIONS.join(", ")}).`,
        synopsis: "(--task-id ID | --task-ids ID,ID,... | --resource-ids ID,... --task-action ACTION) [options]",
        flags: [
            { name: "--task-id", value: "ID", input: "taskId", help: "The task to wait for, such as t-bp1hvgwromzv32iq1234." },
            {
                name: "--task-ids",
                value: "ID,ID,...",
                input: "taskIds",
                parse: "list",
                help: "Several tasks (up to 100), waited on together: success when all succeed.",
            },
            {
                name: "--resource-ids",
                value: "ID,ID,...",
                input: "resourceIds",
                parse: "list",
                help: "Wait for the newest --task-action task of each of these images, instances or disks.",
            },
            { name: "--task-action", value: "ACTION", input: "taskAction", help: `With --resource-ids: ${ECS_TASK_ACTIONS.join(", ")}.` },
            {
                name: "--allow-partial-failure",
                input: "failOnPartialFailure",
                sets: false,
                help: "A Finished task whose operations partly failed counts as succeeded.",
            },
        ],
        examples: [
            "alicloud-tasks wait ecs --task-id t-bp1hvgwromzv32iq1234 --region cn-hangzhou --timeout 45m",
            "alicloud-tasks wait ecs --resource-ids m-bp1g7004ksh0oeuc1234 --task-action ImportImage --json",
        ],
    },
    bdrc: {
        service: "bdrc",
        kind: "TaskWaiter",
        summary: "Wait for a Backup and Disaster Recovery Center task (DescribeTask).",
        synopsis: "--task-id ID [options]",
        flags: [{ name: "--task-id", value: "ID", input: "taskId", help: "The task to wait for, such as t-0004d9ctt1ii1234." }],
        examples: ["alicloud-tasks wait bdrc --task-id t-0004d9ctt1ii1234 --region cn-shanghai"],
    },
    ecd: {
        service: "ecd",
        kind: "ReportExport",
        summary: "Wait for an Elastic Desktop Service report export, adopted by id or started here.",
        synopsis: "(--task-id ID | --create-task-type RESOURCE_REPORT --create-sub-type DESKTOP [--create-...]) [options]",
        flags: [
            { name: "--task-id", value: "ID", input: "taskId", help: "Adopt: the report export task to wait for, such as ret-sfkdsjfi1234." },
            { name: "--create-task-type", value: "TYPE", input: "create.taskType", help: "Start: CreateEcdReportTask TaskType, RESOURCE_REPORT." },
            { name: "--create-sub-type", value: "TYPE", input: "create.subType", help: "Start: SubType, DESKTOP." },
            { name: "--create-file-name", value: "NAME", input: "create.reportFileName", help: "Start: ReportFileName." },
            { name: "--create-lang-type", value: "LANG", input: "create.langType", help: "Start: LangType, zh-CN (the default) or en-GB." },
            { name: "--create-filter", value: "KEY=V1,V2", input: "create.filters", parse: "filter", help: "Start: a FilterList entry; repeat for several." },
            SHOW_URL_FLAG,
        ],
        examples: [
            "alicloud-tasks wait ecd --task-id ret-sfkdsjfi1234 --region cn-shanghai --json",
            "alicloud-tasks wait ecd --create-task-type RESOURCE_REPORT --create-sub-type DESKTOP --create-filter RegionId=cn-shanghai --show-url",
        ],
        createWords: "--create-task-type with --create-sub-type",
    },
    sas: {
        service: "sas",
        kind: "ReportExport",
        summary: "Wait for a Security Center export (DescribeExportInfo), adopted by id or started here.",
        synopsis: "(--export-id N | --create-export-type TYPE [--create-params JSON] [--create-lang zh|en]) [options]",
        flags: [
            { name: "--export-id", value: "N", input: "exportId", help: "Adopt: the export to wait for, the Id that ExportRecord returned, such as 131231." },
            { name: "--create-export-type", value: "TYPE", input: "create.exportType", help: "Start: ExportRecord ExportType, such as exportHcWarning." },
            { name: "--create-params", value: "JSON", input: "create.params", help: "Start: ExportRecord Params, the JSON text of an object." },
            { name: "--create-lang", value: "zh|en", input: "create.lang", help: "Start: ExportRecord Lang." },
            {
                name: "--create-export-file-type",
                value: "TYPE",
                input: "create.exportFileType",
                help: "Start: ExportRecord ExportFileType, required with --create-export-type virusScanExport (as virusScanExport).",
            },
            SHOW_URL_FLAG,
        ],
        examples: [
            "alicloud-tasks wait sas --export-id 131231 --region cn-shanghai",
            "alicloud-tasks wait sas --create-export-type exportHcWarning --json --show-url | jq -r .downloadUrl",
        ],
        createWords: "--create-export-type",
    },
    api: API_COMMAND,
};

export const SERVICE_NAMES = Object.keys(WAIT_COMMANDS) as ServiceName[];

/** Every flag of a command: its own, then the common ones that apply. */
export function flagsOf(command: WaitCommand): FlagDef[] {
    return [...command.flags, ...COMMON_FLAGS.filter((f) => !command.withoutCommon?.includes(f.name))];
}
