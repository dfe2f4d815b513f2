// The real Pulumi CLI (built by tools/pulumi-cli/build.mjs) on real projects in temporary folders: the file
// backend, a passphrase secrets provider, a PULUMI_HOME of their own, nothing from the network. A command's
// engine events are read from `--event-log`, which is what the CLI itself renders from.
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { NO_AMBIENT_CREDENTIALS } from "../environment";
import { repositoryRoot } from "../packageLink";
import { EngineEvent } from "./events";

const root = repositoryRoot();
const sdkVersion: string = JSON.parse(fs.readFileSync(path.join(root, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")).version;

/** Where `npm run pulumi-cli` puts the CLI, the Node.js language host and the dynamic provider plugin. */
export const CLI_DIR = path.join(root, ".tmp", "pulumi-cli", `v${sdkVersion}`);

export const PASSPHRASE = "e2e-passphrase";

/** A command cannot hang a run: an `up` that waits on a held task is released or killed by its caller long before. */
const COMMAND_GUARD_MS = 10 * 60_000;

export interface CommandResult {
    args: string[];
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
    /** The engine events of preview, up, refresh and destroy (from --event-log). */
    events: EngineEvent[];
}

/** A command still running: its output so far, and a way to wait for a line of it. */
export interface RunningCommand {
    child: ChildProcess;
    output(): string;
    waitForOutput(pattern: RegExp | string, what?: string): Promise<void>;
    done: Promise<CommandResult>;
}

const ENGINE_COMMANDS = new Set(["preview", "up", "update", "refresh", "destroy"]);

/** A PULUMI_HOME and a file backend of their own, with the fake alicloud provider plugin installed. */
export class PulumiWorkspace {
    private constructor(
        readonly dir: string,
        readonly env: NodeJS.ProcessEnv,
    ) {}

    static async create(extraEnv: Record<string, string> = {}): Promise<PulumiWorkspace> {
        if (!fs.existsSync(path.join(CLI_DIR, "pulumi"))) {
            throw new Error(`no Pulumi CLI in ${CLI_DIR}: run \`npm run pulumi-cli\` (npm test runs it) to build it from Go modules`);
        }
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "alicloud-tasks-e2e-"));
        for (const sub of ["home", "state", "projects"]) fs.mkdirSync(path.join(dir, sub));
        const env: NodeJS.ProcessEnv = {
            ...process.env,
            ...NO_AMBIENT_CREDENTIALS,
            PATH: `${CLI_DIR}${path.delimiter}${process.env.PATH}`,
            PULUMI_HOME: path.join(dir, "home"),
            PULUMI_BACKEND_URL: `file://${path.join(dir, "state")}`,
            PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            // --event-log, which the Automation API uses too, is behind this switch
            PULUMI_DEBUG_COMMANDS: "true",
            NO_COLOR: "1",
            // programs are type-checked by the tests' own build: ts-node's check of each run would double an up's time
            // (a project that wants the check as users get it by default sets typeCheck)
            PULUMI_NODEJS_TRANSPILE_ONLY: "true",
            // the Security Center start journal stays in the workspace, not in the user's home
            ALICLOUD_TASKS_STATE_DIR: path.join(dir, "tasks-state"),
            ...extraEnv,
        };
        delete env.PULUMI_ACCESS_TOKEN;
        const workspace = new PulumiWorkspace(dir, env);
        await workspace.installFakeAlicloud();
        return workspace;
    }

    /** `@pulumi/alicloud` resources in a program are served by a stand-in plugin (no cloud, no download). */
    private async installFakeAlicloud(): Promise<void> {
        const version: string = JSON.parse(fs.readFileSync(path.join(root, "node_modules", "@pulumi", "alicloud", "package.json"), "utf8")).version;
        const script = path.join(this.dir, "pulumi-resource-alicloud");
        fs.writeFileSync(script, `#!/bin/sh\nexec "${process.execPath}" "${path.join(__dirname, "fakeAlicloud.js")}" "$@"\n`, { mode: 0o755 });
        const result = await this.run(this.dir, ["plugin", "install", "resource", "alicloud", version, "--file", script]);
        if (result.code !== 0) throw new Error(`installing the stand-in alicloud plugin failed:\n${result.stdout}${result.stderr}`);
    }

    /** Runs `pulumi <args>` in `cwd` to its end. */
    run(cwd: string, args: string[], env: Record<string, string> = {}): Promise<CommandResult> {
        return this.start(cwd, args, env).done;
    }

    /** Starts `pulumi <args>` in `cwd`. Engine commands get --non-interactive, --yes (where it applies) and an event log. */
    start(cwd: string, args: string[], env: Record<string, string> = {}): RunningCommand {
        const full = [...args];
        const eventLog = path.join(this.dir, `events-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.jsonl`);
        if (ENGINE_COMMANDS.has(args[0])) {
            full.push("--non-interactive", "--event-log", eventLog);
            if (args[0] !== "preview") full.push("--yes");
        }
        const child = spawn(path.join(CLI_DIR, "pulumi"), full, { cwd, env: { ...this.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        const waiters = new Set<() => void>();
        const notify = () => waiters.forEach((w) => w());
        child.stdout!.on("data", (chunk: Buffer) => ((stdout += chunk.toString()), notify()));
        child.stderr!.on("data", (chunk: Buffer) => ((stderr += chunk.toString()), notify()));
        const guard = setTimeout(() => child.kill("SIGKILL"), COMMAND_GUARD_MS);
        const done = new Promise<CommandResult>((resolve) => {
            child.on("close", (code, signal) => {
                clearTimeout(guard);
                notify();
                resolve({ args: full, code, signal, stdout, stderr, events: readEvents(eventLog) });
            });
        });
        const output = () => stdout + stderr;
        return {
            child,
            output,
            done,
            waitForOutput: (pattern, what) =>
                new Promise<void>((resolve, reject) => {
                    const matches = () => (typeof pattern === "string" ? output().includes(pattern) : pattern.test(output()));
                    let finished = false;
                    const check = () => {
                        if (matches()) {
                            waiters.delete(check);
                            resolve();
                        } else if (finished) {
                            waiters.delete(check);
                            reject(new Error(`pulumi ${args.join(" ")} ended before printing ${what ?? pattern}:\n${output()}`));
                        }
                    };
                    void done.then(() => ((finished = true), check()));
                    waiters.add(check);
                    check();
                }),
        };
    }

    /** Removes the workspace's folder (projects, state, PULUMI_HOME). */
    close(): void {
        fs.rmSync(this.dir, { recursive: true, force: true });
    }
}

function readEvents(file: string): EngineEvent[] {
    if (!fs.existsSync(file)) return [];
    const events = fs
        .readFileSync(file, "utf8")
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => JSON.parse(line) as EngineEvent);
    fs.rmSync(file, { force: true });
    return events;
}

/** Fails with the command's whole output when it did not exit 0. */
export function assertSucceeded(result: CommandResult): CommandResult {
    if (result.code !== 0) {
        throw new Error(`pulumi ${result.args.join(" ")} exited ${result.code ?? result.signal}:\n${result.stdout}\n${result.stderr}`);
    }
    return result;
}
