import type { WaitCommand } from "./commands";

/**
 * `alicloud-tasks wait api`: the ApiWaiter resource as a command, like the aliyun CLI's
 * `--waiter expr=... to=...`, with the full acceptor form in a JSON file.
 */
export const API_COMMAND: WaitCommand = {
    service: "api",
    kind: "ApiWaiter",
    summary: "Wait on any Alibaba Cloud API until an acceptor over its answer (JMESPath) says success or failure, or check it once.",
    synopsis:
        "(--product CODE | --endpoint HOST) --version V (--action A [--param K=V ...] | --path P [--method M]) (--until EXPR --to VALUE | --acceptors FILE) [options]",
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
        { name: "--method", value: "METHOD", input: "method", help: "ROA: GET (default), POST, PUT, DELETE or PATCH." },
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
    ],
    examples: [
        "alicloud-tasks wait api --product Ecs --version 2014-05-26 --action DescribeInstances --param InstanceIds='[\"i-bp1...\"]' --until 'Instances.Instance[0].Status' --to Running",
        "alicloud-tasks wait api --product Ecs --version 2014-05-26 --action DescribeInvocations --param InvokeId=t-hz0... --acceptors invocation.json --timeout 20m",
        "alicloud-tasks wait api --product CS --version 2015-12-15 --path /clusters/c-123 --until state --to running --region cn-hangzhou",
    ],
    withoutCommon: ["--success-statuses", "--failure-statuses"],
};
