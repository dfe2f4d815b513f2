/**
 * Running the BUILT wait command (bin/cli/main.js) as a child process, the way a CI step runs it,
 * against a simulator started through the package's public entry.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Simulator } from "pulumi-alicloud-tasks/simulator";

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

export function runCommand(file: string, args: readonly string[], env: Record<string, string>, cwd: string = REPO_ROOT): Promise<CliRun> {
    return new Promise((resolve, reject) => {
        const child = spawn(file, args, { env, cwd, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
        child.on("error", reject);
        child.on("close", (code) =>
            resolve({
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
            }),
        );
    });
}

/** `node bin/cli/main.js ...args`. */
export function runCli(args: readonly string[], env: Record<string, string>): Promise<CliRun> {
    return runCommand(process.execPath, [CLI, ...args], env);
}

/** For assertion messages: everything the command said. */
export function transcript(run: CliRun): string {
    return `exit ${run.code}\n--- stdout\n${run.stdout}--- stderr\n${run.stderr}`;
}

export interface RunningCli {
    /** Resolves with the output so far once it matches (stdout and stderr together). */
    waitForOutput(match: RegExp): Promise<string>;
    signal(name: NodeJS.Signals): void;
    done: Promise<CliRun>;
}

/** `node bin/cli/main.js ...args`, running: for tests that act while it waits (send it a signal). */
export function startCli(args: readonly string[], env: Record<string, string>): RunningCli {
    const child = spawn(process.execPath, [CLI, ...args], { env, cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    const watchers: { match: RegExp; resolve(text: string): void }[] = [];
    const check = () => {
        for (const w of [...watchers]) {
            if (w.match.test(stdout + stderr)) {
                watchers.splice(watchers.indexOf(w), 1);
                w.resolve(stdout + stderr);
            }
        }
    };
    child.stdout.on("data", (chunk: Buffer) => ((stdout += chunk.toString("utf8")), check()));
    child.stderr.on("data", (chunk: Buffer) => ((stderr += chunk.toString("utf8")), check()));
    const done = new Promise<CliRun>((resolve, reject) => {
        child.on("error", reject);
        child.on("close", (code) =>
            resolve({
                code,
                stdout,
                stderr,
                json: () => JSON.parse(stdout) as Record<string, unknown>,
            }),
        );
    });
    return {
        waitForOutput: (match) =>
            new Promise((resolve, reject) => {
                watchers.push({ match, resolve });
                check();
                void done.then(() => reject(new Error(`the command ended before printing ${match}:\n${stdout}${stderr}`)));
            }),
        signal: (name) => void child.kill(name),
        done,
    };
}
