import * as fs from "fs";
import * as path from "path";
import type { Env } from "../provider/client/credentials";
import { toFailure } from "../provider/engine/result";
import { runApiWait } from "../provider/waits/apiWait";
import { runExportWait } from "../provider/waits/exportWait";
import type { WaitOutcome } from "../provider/waits/outcome";
import { ENDPOINT_CONFIG_KEY, configureProvider, providerSettings, redact } from "../provider/waits/settings";
import { runTaskWait } from "../provider/waits/taskWait";
import { Invocation, UsageError, hasSwitch, optionValue, parseArgs } from "./args";
import { RerunCommands, rerunCommands } from "./commandLine";
import { EXIT, ExitCode, isCallerErrorCode } from "./exitCodes";
import { WaitInputs, checkedInputs, rawInputs } from "./inputs";
import { OutputStream, PROGRESS_MODES, ProgressMode, progressDisplay } from "./progress";
import { report } from "./report";
import { helpHint, mainUsage, serviceUsage } from "./usage";
import { cliFace, waitLabel } from "./wait";

/**
 * `alicloud-tasks`: flags -> the resource's inputs and `check` -> credentials as the provider
 * reads them -> the resource's plans on the shared engine -> a report and an exit code.
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
    let checked: WaitInputs;
    try {
        invocation = parseArgs(io.argv);
        if (invocation.kind === "help") return print(io.stdout, invocation.service ? serviceUsage(invocation.service) : mainUsage());
        if (invocation.kind === "version") return print(io.stdout, packageVersion());
        options = commandOptions(invocation);
        configureProvider({ get: (key) => (key === ENDPOINT_CONFIG_KEY ? options.endpoint : undefined) }, io.env, {
            hint: CREDENTIALS_HINT,
            stackConfig: false,
        });
        checked = checkedInputs(invocation.command, withRegion(invocation, rawInputs(invocation)));
    } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        io.stderr.write(`alicloud-tasks: ${error.message}\n${helpHint(error.service)}\n`);
        return EXIT.usage;
    }
    const problem = await credentialsProblem();
    if (problem) {
        io.stderr.write(`alicloud-tasks: ${problem}\n`);
        return EXIT.usage;
    }
    const rerun = rerunCommands(invocation, { region: checked.inputs.region, endpoint: providerSettings().endpointOverride });
    const outcome = await waitWithProgress(invocation.command.service, checked, options, io, rerun);
    if (outcome.verdict === "error" && isCallerErrorCode(outcome.errorCode)) {
        outcome.message = `${outcome.message} (credentials from ${providerSettings().credentials.source})`;
    }
    report(outcome, { json: options.json, showUrl: options.showUrl, stdout: io.stdout, stderr: io.stderr });
    return exitCodeOf(outcome);
}

export function exitCodeOf(outcome: WaitOutcome): ExitCode {
    switch (outcome.verdict) {
        case "succeeded":
            return EXIT.succeeded;
        case "timeout":
            return EXIT.timedOut;
        case "interrupted":
            return EXIT.interrupted;
        case "error":
            return isCallerErrorCode(outcome.errorCode) ? EXIT.usage : EXIT.failed;
        default:
            return EXIT.failed;
    }
}

async function waitWithProgress(service: string, checked: WaitInputs, options: CommandOptions, io: CliIo, rerun: RerunCommands): Promise<WaitOutcome> {
    // with --json, stdout is for the result alone
    const display = progressDisplay(options.progress, options.json ? io.stderr : io.stdout, waitLabel(service), Date.now());
    const face = { ...cliFace(service, display.sink, rerun), signal: io.signal };
    try {
        switch (checked.kind) {
            case "TaskWaiter":
                return await runTaskWait(checked.inputs, face);
            case "ReportExport":
                return await runExportWait(checked.inputs, face);
            case "ApiWaiter":
                return await runApiWait(checked.inputs, face);
        }
    } finally {
        display.finish();
    }
}

function commandOptions(invocation: WaitInvocation): CommandOptions {
    const service = invocation.command.service;
    const progress = optionValue(invocation, "--progress") ?? "auto";
    if (!(PROGRESS_MODES as string[]).includes(progress))
        throw new UsageError(`--progress: ${JSON.stringify(progress)} is not a mode: use one of ${PROGRESS_MODES.join(", ")}`, service);
    const endpoint = optionValue(invocation, "--endpoint");
    if (endpoint !== undefined && !isHttpUrl(endpoint))
        throw new UsageError(`--endpoint: ${JSON.stringify(endpoint)} is not an http(s) URL: use one such as http://127.0.0.1:8080`, service);
    return { json: hasSwitch(invocation, "--json"), showUrl: hasSwitch(invocation, "--show-url"), progress: progress as ProgressMode, endpoint };
}

/** --region, else the provider's default region (ALIBABA_CLOUD_REGION_ID / ALICLOUD_REGION). */
function withRegion(invocation: WaitInvocation, raw: Record<string, unknown>): Record<string, unknown> {
    if (raw.region !== undefined) return raw;
    const region = providerSettings().defaultRegion;
    if (!region)
        throw new UsageError(
            "no region: pass --region, such as --region cn-hangzhou, or set ALIBABA_CLOUD_REGION_ID (or ALICLOUD_REGION)",
            invocation.command.service,
        );
    return { ...raw, region };
}

/** Asks the credentials source once, before waiting: a missing or broken source is a usage error, not a failed task. */
async function credentialsProblem(): Promise<string | undefined> {
    try {
        await providerSettings().credentials.provider.getCredentials();
        return undefined;
    } catch (error) {
        return redact(toFailure(error).message);
    }
}

function isHttpUrl(text: string): boolean {
    try {
        return ["http:", "https:"].includes(new URL(text).protocol);
    } catch {
        return false;
    }
}

function packageVersion(): string {
    const manifest = path.join(__dirname, "..", "..", "package.json");
    return (JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string }).version;
}

function print(stream: OutputStream, text: string): ExitCode {
    stream.write(`${text}\n`);
    return EXIT.succeeded;
}
