/**
 * Running the BUILT wait command (bin/cli/main.js) as a child process, the way a CI step runs it,
 * against a simulator started through the package's public entry.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Simulator } from "pulumi-alicloud-tasks/simulator";
import { HANG_GUARD_MS } from "../support/wait";

export const CLI = path.resolve(__dirname, "../../cli/main.js");
export const REPO_ROOT = path.resolve(__dirname, "../../..");

/** The simulator's tasks last seconds, not minutes. */
export const FAST_POLL = ["--poll-min", "100ms", "--poll-max", "300ms"];

export interface CliRun {
    code: number | null;
    stdout: string;
    stderr: string;
    /** stdout parsed as JSON (for --json runs). */
    json(): Record<string, unknown>;
}

/** An empty home (one, reused by every run): no aliyun CLI profile of the developer's can leak into a test. */
const EMPTY_HOME = path.join(os.tmpdir(), "alicloud-tasks-cli-empty-home");
fs.mkdirSync(EMPTY_HOME, { recursive: true });

/**
 * Only what is given: no credential, region or endpoint variable of the machine running the tests
 * reaches the command (the standard chain's sources included).
 */
export function cleanEnv(vars: Record<string, string> = {}): Record<string, string> {
    return { PATH: process.env.PATH ?? "", HOME: EMPTY_HOME, ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true", ...vars };
}

/** The simulator's key pair, endpoint and a region, as a CI job would export them. */
export function simulatorEnv(sim: Simulator, extra: Record<string, string> = {}): Record<string, string> {
    return cleanEnv({
        ALIBABA_CLOUD_ACCESS_KEY_ID: sim.credentials.accessKey.accessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: sim.credentials.accessKey.accessKeySecret,
        ALIBABA_CLOUD_REGION_ID: "cn-shanghai",
        ALICLOUD_TASKS_ENDPOINT: sim.url,
        ...extra,
    });
}

/** A command still running: a test can wait for a line it printed (e.g. a task's status) before it moves the simulator's clock. */
export interface RunningCommand {
    /**
     * Resolves with the first complete line of `stream` matching `match`, printed already or yet to come. Rejects
     * when the command exits without printing one, or after HANG_GUARD_MS (a guard against a hang, not a time limit).
     */
    waitForLine(match: RegExp, stream?: "stdout" | "stderr"): Promise<string>;
    /** Sends the command a signal (SIGINT, SIGTERM), as a shell or a CI runner would. */
    signal(name: NodeJS.Signals): void;
    /** Everything the command said, once it exited. */
    readonly done: Promise<CliRun>;
}

/** Commands still running, killed if the test process exits first (a failed test leaves no command polling a held task). */
const running = new Set<ChildProcess>();
process.once("exit", () => running.forEach((child) => child.kill("SIGKILL")));

export function startCommand(file: string, args: readonly string[], env: Record<string, string>, cwd: string = REPO_ROOT): RunningCommand {
    const child = spawn(file, args, { env, cwd, stdio: ["ignore", "pipe", "pipe"] });
    running.add(child);
    const output = { stdout: "", stderr: "" };
    let exited = false;
    const listeners = new Set<() => void>();
    const changed = () => listeners.forEach((listener) => listener());
    child.stdout.on("data", (chunk: Buffer) => {
        output.stdout += chunk.toString("utf8");
        changed();
    });
    child.stderr.on("data", (chunk: Buffer) => {
        output.stderr += chunk.toString("utf8");
        changed();
    });
    const done = new Promise<CliRun>((resolve, reject) => {
        child.on("error", reject);
        child.on("close", (code) => {
            running.delete(child);
            exited = true;
            changed();
            resolve(cliRun(code, output.stdout, output.stderr));
        });
    });
    const waitForLine = (match: RegExp, stream: "stdout" | "stderr" = "stdout") =>
        new Promise<string>((resolve, reject) => {
            const check = () => {
                const text = output[stream];
                // only whole lines, unless the command has ended
                const complete = exited ? text : text.slice(0, text.lastIndexOf("\n") + 1);
                const line = complete.split("\n").find((l) => match.test(l));
                if (line !== undefined) finish(() => resolve(line));
                else if (exited) finish(() => reject(new Error(`the command exited without a ${stream} line matching ${match}\n${transcriptOf(output)}`)));
            };
            const timer = setTimeout(
                () => finish(() => reject(new Error(`no ${stream} line matching ${match} within ${HANG_GUARD_MS / 1000} s\n${transcriptOf(output)}`))),
                HANG_GUARD_MS,
            );
            const finish = (settle: () => void) => {
                clearTimeout(timer);
                listeners.delete(check);
                settle();
            };
            listeners.add(check);
            check();
        });
    return { waitForLine, signal: (name) => void child.kill(name), done };
}

export function runCommand(file: string, args: readonly string[], env: Record<string, string>, cwd: string = REPO_ROOT): Promise<CliRun> {
    return startCommand(file, args, env, cwd).done;
}

function cliRun(code: number | null, stdout: string, stderr: string): CliRun {
    return {
        code,
        stdout,
        stderr,
        json: () => {
            try {
                return JSON.parse(stdout) as Record<string, unknown>;
            } catch {
                throw new Error(`stdout is not JSON:\n${stdout}\nstderr:\n${stderr}`);
            }
        },
    };
}

/** `node bin/cli/main.js ...args`. */
export function runCli(args: readonly string[], env: Record<string, string>): Promise<CliRun> {
    return runCommand(process.execPath, [CLI, ...args], env);
}

/** `node bin/cli/main.js ...args`, left running. */
export function startCli(args: readonly string[], env: Record<string, string>): RunningCommand {
    return startCommand(process.execPath, [CLI, ...args], env);
}

/** For assertion messages: everything the command said. */
export function transcript(run: CliRun): string {
    return `exit ${run.code}\n${transcriptOf(run)}`;
}

function transcriptOf(output: { stdout: string; stderr: string }): string {
    return `--- stdout\n${output.stdout}--- stderr\n${output.stderr}`;
}
