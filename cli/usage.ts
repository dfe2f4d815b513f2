import { COMMON_FLAGS, FlagDef, SERVICE_NAMES, SHOW_URL_FLAG, ServiceName, WAIT_COMMANDS } from "./commands";

/** The help texts, built from the command table so that they list exactly the flags the parser takes. */

const CREDENTIALS =
    "Credentials come from the environment, as the Pulumi provider reads them: ALIBABA_CLOUD_ACCESS_KEY_ID /\n" +
    "ALIBABA_CLOUD_ACCESS_KEY_SECRET [/ ALIBABA_CLOUD_SECURITY_TOKEN], else ALICLOUD_ACCESS_KEY / ALICLOUD_SECRET_KEY\n" +
    "[/ ALICLOUD_SECURITY_TOKEN], else the standard chain (aliyun CLI profile, OIDC role, ECS RAM role, credentials URI).";

const EXIT_CODES =
    "Exit codes: 0 succeeded, 1 failed (or not found, or an API error), 2 timed out, 3 usage or credentials error (or a wrong clock),\n" +
    "130 / 143 stopped by SIGINT / SIGTERM (the task goes on; the message says how to keep waiting).";

function flagLines(flags: readonly FlagDef[]): string[] {
    const heads = flags.map((f) => `  ${f.name}${f.value ? ` ${f.value}` : ""}`);
    const width = Math.max(...heads.map((h) => h.length)) + 2;
    return flags.map((f, i) => `${heads[i].padEnd(width)}${f.help}`);
}

export function mainUsage(): string {
    const synopses = SERVICE_NAMES.map((s) => `  alicloud-tasks wait ${s.padEnd(4)} ${WAIT_COMMANDS[s].synopsis}`);
    return [
        "alicloud-tasks: wait for Alibaba Cloud asynchronous tasks, or on any API, from a shell or CI, on the same",
        "engine as the TaskWaiter, ReportExport and ApiWaiter resources.",
        "",
        "Usage:",
        ...synopses,
        "  alicloud-tasks wait <service> --help",
        "  alicloud-tasks --version",
        "",
        "Services:",
        ...SERVICE_NAMES.map((s) => `  ${s.padEnd(6)}${WAIT_COMMANDS[s].summary}`),
        "",
        "Options (every service):",
        ...flagLines(COMMON_FLAGS),
        "",
        "Report exports (ecd, sas):",
        ...flagLines([SHOW_URL_FLAG]),
        "",
        CREDENTIALS,
        "",
        EXIT_CODES,
    ].join("\n");
}

export function serviceUsage(service: ServiceName): string {
    const command = WAIT_COMMANDS[service];
    return [
        `alicloud-tasks wait ${service}: ${command.summary}`,
        "",
        "Usage:",
        `  alicloud-tasks wait ${service} ${command.synopsis}`,
        "",
        `Flags of ${service}:`,
        ...flagLines(command.flags),
        "",
        "Options:",
        ...flagLines(COMMON_FLAGS.filter((f) => !command.withoutCommon?.includes(f.name))),
        "",
        "Examples:",
        ...command.examples.map((e) => `  ${e}`),
        "",
        CREDENTIALS,
        "",
        EXIT_CODES,
    ].join("\n");
}

/** The line after a usage error: where to read more. */
export function helpHint(service?: ServiceName): string {
    return service ? `Run \`alicloud-tasks wait ${service} --help\` for its flags.` : "Run `alicloud-tasks --help` for usage.";
}
