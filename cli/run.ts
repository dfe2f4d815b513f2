import * as fs from "fs";
import * as path from "path";
import {
    CheckedWait,
    ENDPOINT_CONFIG_KEY,
    ENDPOINT_ENV,
    Env,
    Runtime,
    WaitOutcome,
    createRuntime,
    endpointOverrideProblem,
    isLoopbackHost,
    readSettings,
    redact,
    runCheckedWait,
    toFailure,
} from "../provider/wait";
import { Invocation, UsageError, hasSwitch, optionValue, parseArgs } from "./args";
import type { ServiceName } from "./commands";
import { RerunCommands, rerunCommands } from "./commandLine";
import { EXIT, ExitCode, isCallerErrorCode } from "./exitCodes";
import { checkedInputs, rawInputs } from "./inputs";
import { OutputStream, PROGRESS_MODES, ProgressMode, progressDisplay } from "./progress";
import { report } from "./report";
import { helpHint, mainUsage, serviceUsage } from "./usage";
import { cliCaller, waitLabel } from "./wait";

/**
 * `alicloud-tasks`: flags -> the resource's inputs and `check` -> credentials as the provider
 * reads them, in a runtime built here once -> the resource's wait -> a report and an exit code.
 * Everything it touches comes in through `io`, so tests can run it in process too.
 */

export interface CliIo {
    argv: readonly string[];
    env: Env;
    stdout: OutputStream;
    stderr: OutputStream;
    /** Aborted on SIGINT or SIGTERM: the wait ends at once, says which task and how to resume, and the record is still printed. */
    signal?: AbortSignal;
}

type WaitInvocation = Extract<Invocation, { kind: "wait" }>;

const CREDENTIALS_HINT = "For this command: export ALIBABA_CLOUD_ACCESS_KEY_ID=<id> ALIBABA_CLOUD_ACCESS_KEY_SECRET=<secret>";

interface CommandOptions {
    json: boolean;
    showUrl: boolean;
    progress: ProgressMode;
    endpoint?: string;
}

export async function runCli(io: CliIo): Promise<ExitCode> {
    let invocation: Invocation;
    let options: CommandOptions;
    let checked: CheckedWait;
    let runtime: Runtime;
    try {
        invocation = parseArgs(io.argv);
        // asked for, the help is the output (exit 0); called with nothing to do, it is a usage error (exit 3) on stderr
        if (invocation.kind === "help" && invocation.missing) {
            io.stderr.write(`${mainUsage()}\n\nalicloud-tasks: ${invocation.missing}\n`);
            return EXIT.usage;
        }
        if (invocation.kind === "help") return print(io.stdout, invocation.service ? serviceUsage(invocation.service) : mainUsage());
        if (invocation.kind === "version") return print(io.stdout, packageVersion());
        options = commandOptions(invocation);
        const endpoint = options.endpoint;
        if (endpoint && new URL(endpoint).protocol === "http:")
            io.stderr.write(`alicloud-tasks: --endpoint ${endpoint}: plain http, allowed because it is this machine (a simulator); requests go nowhere else\n`);
        // the variable is held to the flag's rules, and its mistakes named as clearly
        const fromEnv =
            endpoint === undefined && io.env[ENDPOINT_ENV] ? endpointOption(io.env[ENDPOINT_ENV], invocation.command.service, ENDPOINT_ENV) : undefined;
        const settings = readSettings({ get: (key) => (key === ENDPOINT_CONFIG_KEY ? (endpoint ?? fromEnv) : undefined) }, io.env, {
            hint: CREDENTIALS_HINT,
            stackConfig: false,
        });
        runtime = createRuntime({ settings });
        checked = checkedInputs(
            invocation.command,
            rawInputs(invocation),
            settings,
            (warning) => io.stderr.write(`alicloud-tasks: warning: ${warning}\n`),
            endpoint,
        );
    } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        io.stderr.write(`alicloud-tasks: ${error.message}\n${helpHint(error.service)}\n`);
        return EXIT.usage;
    }
    const problem = await credentialsProblem(runtime);
    if (problem) {
        io.stderr.write(`alicloud-tasks: ${problem}\n`);
        return EXIT.usage;
    }
    const rerun = rerunCommands(invocation, { region: checked.inputs.region, endpoint: runtime.settings.endpointOverride });
    const outcome = await waitWithProgress(invocation.command.service, checked, runtime, options, io, rerun);
    // a caller error (a refused key, a missing permission) is worth knowing whose credentials were used
    const aside = isCallerError(outcome) ? `credentials from ${runtime.settings.credentials.source}` : undefined;
    report(outcome, { json: options.json, showUrl: options.showUrl, stdout: io.stdout, stderr: io.stderr, aside });
    return exitCodeOf(outcome);
}

/** The exit code of each outcome (the CLI's one place for it). */
export function exitCodeOf(outcome: WaitOutcome): ExitCode {
    switch (outcome.state) {
        case "success":
            return EXIT.succeeded;
        case "timeout":
            return EXIT.timedOut;
        case "aborted":
            return EXIT.interrupted;
        default:
            return isCallerError(outcome) ? EXIT.usage : EXIT.failed;
    }
}

/** An API error that says the caller (credentials, permissions, the clock), not the task, is the problem. */
function isCallerError(outcome: WaitOutcome): boolean {
    return outcome.state === "failure" && outcome.cause === "error" && isCallerErrorCode(outcome.errorCode);
}

async function waitWithProgress(
    service: string,
    checked: CheckedWait,
    runtime: Runtime,
    options: CommandOptions,
    io: CliIo,
    rerun: RerunCommands,
): Promise<WaitOutcome> {
    // with --json, stdout is for the result alone
    const display = progressDisplay(options.progress, options.json ? io.stderr : io.stdout, waitLabel(service), Date.now(), (text) => redact(runtime, text));
    try {
        return await runCheckedWait(checked, runtime, cliCaller(service, display.sink, rerun, io.signal));
    } finally {
        display.finish();
    }
}

function commandOptions(invocation: WaitInvocation): CommandOptions {
    const service = invocation.command.service;
    const progress = optionValue(invocation, "--progress") ?? "auto";
    if (!(PROGRESS_MODES as string[]).includes(progress))
        throw new UsageError(`--progress: ${JSON.stringify(progress)} is not a mode: use one of ${PROGRESS_MODES.join(", ")}`, service);
    const given = optionValue(invocation, "--endpoint");
    const endpoint = given === undefined ? undefined : endpointOption(given, service);
    return { json: hasSwitch(invocation, "--json"), showUrl: hasSwitch(invocation, "--show-url"), progress: progress as ProgressMode, endpoint };
}

/** Asks the credentials source once, before waiting: a missing or broken source is a usage error, not a failed task. */
async function credentialsProblem(runtime: Runtime): Promise<string | undefined> {
    try {
        await runtime.settings.credentials.provider.getCredentials();
        return undefined;
    } catch (error) {
        return redact(runtime, toFailure(error).message);
    }
}

/**
 * --endpoint as the base URL calls go to: an https URL, a host name (https), or plain http to this
 * machine only. Every call carries the signature, the AccessKeyId and the STS token: in clear they
 * may cross no network.
 */
function endpointOption(text: string, service: ServiceName, source = "--endpoint"): string {
    const usage = (why: string) =>
        new UsageError(
            `${source}: ${JSON.stringify(text)} ${why}: use an https URL or host name, such as ecs.cn-hangzhou.aliyuncs.com, or http to this machine, such as http://127.0.0.1:8080`,
            service,
        );
    let url: URL;
    const schemeless = !/^[a-z][a-z0-9+.-]*:\/\//i.test(text);
    try {
        url = new URL(schemeless ? `https://${text}` : text);
    } catch {
        throw usage("is not a URL or host name");
    }
    // https is implied for a host name, but on this machine it is a simulator, which serves plain http
    if (schemeless && isLoopbackHost(url.hostname)) throw new UsageError(`${source}: ${endpointOverrideProblem(text)}`, service);
    if (url.protocol !== "https:" && url.protocol !== "http:") throw usage("is not an http(s) URL");
    if (url.protocol === "http:" && !isLoopbackHost(url.hostname))
        throw usage("is plain http to another machine: the signature, the AccessKeyId and the STS token would cross the network in clear");
    if (url.search || url.hash || url.username) throw usage("has a query, a fragment or a user name");
    return url.origin + url.pathname.replace(/\/+$/, "");
}

function packageVersion(): string {
    const manifest = path.join(__dirname, "..", "..", "package.json");
    return (JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string }).version;
}

function print(stream: OutputStream, text: string): ExitCode {
    stream.write(`${text}\n`);
    return EXIT.succeeded;
}
