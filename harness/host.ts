// Pulumi's dynamic provider host, started as the engine starts it and driven over gRPC.
import * as path from "path";
import { HostExit, HostProcess, spawnHostProcess } from "./hostProcess";
import { ensurePackageLink, repositoryRoot } from "./packageLink";
import { CheckResult, CreateResult, DiffResult, PropertyMap, ReadResult, ResourceProviderRpc, TimeoutOption, UpdateResult } from "./hostRpc";
import { DEFAULT_PROJECT } from "./urn";

export { HostCallError, InitFailure } from "./hostErrors";
export { HostExit } from "./hostProcess";
export * from "./hostRpc";
export { urnFor, parseUrn, DEFAULT_PROJECT, DEFAULT_STACK } from "./urn";

export interface ProviderHostOptions {
    /** The project directory the host runs in and resolves `require(...)` from. Default: this repository. */
    cwd?: string;
    /** Merged over process.env. */
    env?: Record<string, string>;
    /** PULUMI_NODEJS_PROJECT: the namespace `config.get("key")` uses for keys without one. */
    project?: string;
    onStdout?(line: string): void;
    onStderr?(line: string): void;
    /** How long to wait for the port line. Default 60 000 ms: a guard against a hang (on a loaded 2-core machine a start takes up to ~15 s). */
    startTimeoutMs?: number;
}

export async function startProviderHost(options: ProviderHostOptions = {}): Promise<ProviderHost> {
    const root = repositoryRoot();
    const cwd = path.resolve(options.cwd ?? root);
    if (cwd === root) {
        ensurePackageLink(root);
    }
    const project = options.project ?? options.env?.PULUMI_NODEJS_PROJECT ?? DEFAULT_PROJECT;
    const proc = await spawnHostProcess({
        cwd,
        env: { ...process.env, ...options.env, PULUMI_NODEJS_PROJECT: project },
        startTimeoutMs: options.startTimeoutMs ?? 60_000,
        onStdout: options.onStdout,
        onStderr: options.onStderr,
    });
    return new ProviderHost(proc, cwd, project);
}

export class ProviderHost {
    readonly pid: number;
    readonly port: number;
    /** Provider output (console.log / console.error in the provider), one entry per line, port line excluded. */
    readonly stdout: string[];
    readonly stderr: string[];
    /** performance.now() at spawn and when the port was printed, in milliseconds. */
    readonly startedAt: number;
    readonly readyAt: number;
    readonly exited: Promise<HostExit>;
    private readonly rpc: ResourceProviderRpc;
    private configuredWith?: Record<string, string>;

    constructor(
        private readonly proc: HostProcess,
        readonly cwd: string,
        readonly project: string,
    ) {
        this.pid = proc.child.pid ?? -1;
        this.port = proc.port;
        this.stdout = proc.stdout;
        this.stderr = proc.stderr;
        this.startedAt = proc.startedAt;
        this.readyAt = proc.readyAt;
        this.exited = proc.exited;
        this.rpc = new ResourceProviderRpc(`127.0.0.1:${proc.port}`, () => this.explainFailure());
    }

    /** Milliseconds from spawn to the port line (node start + SDK load + gRPC bind). */
    get startupMs(): number {
        return this.readyAt - this.startedAt;
    }

    /** The config last sent with `configure`, if any. The host configures each provider once per process. */
    get configuration(): Record<string, string> | undefined {
        return this.configuredWith;
    }

    /** Keys are full config keys ("ns:key"); `secretKeys` are sent wrapped as secrets, as the engine does. */
    async configure(config: Record<string, string>, secretKeys: string[] = []): Promise<void> {
        await this.rpc.configure(config, secretKeys);
        this.configuredWith = { ...config };
    }

    check(urn: string, olds: PropertyMap, news: PropertyMap): Promise<CheckResult> {
        return this.rpc.check(urn, olds, news);
    }

    diff(id: string, urn: string, olds: PropertyMap, news: PropertyMap): Promise<DiffResult> {
        return this.rpc.diff(id, urn, olds, news);
    }

    create(urn: string, properties: PropertyMap, options?: TimeoutOption): Promise<CreateResult> {
        return this.rpc.create(urn, properties, options);
    }

    read(id: string, urn: string, properties: PropertyMap, inputs?: PropertyMap): Promise<ReadResult> {
        return this.rpc.read(id, urn, properties, inputs);
    }

    update(id: string, urn: string, olds: PropertyMap, news: PropertyMap, options?: TimeoutOption): Promise<UpdateResult> {
        return this.rpc.update(id, urn, olds, news, options);
    }

    delete(id: string, urn: string, properties: PropertyMap, options?: TimeoutOption): Promise<void> {
        return this.rpc.delete(id, urn, properties, options);
    }

    /**
     * Resolves with the first stdout (or stderr) line matching `match`, already printed or yet to come. Output
     * travels on a pipe, not with the gRPC reply, so a line printed during a call may arrive just after it returns.
     * `timeoutMs` (default 30 s) only guards against a hang: a loaded machine may take seconds to deliver a line.
     */
    waitForLine(match: string | RegExp, options: { stream?: "stdout" | "stderr"; timeoutMs?: number } = {}): Promise<string> {
        const stream = options.stream ?? "stdout";
        const timeoutMs = options.timeoutMs ?? 30_000;
        const matches = (line: string) => (typeof match === "string" ? line.includes(match) : match.test(line));
        const already = this[stream].find(matches);
        if (already !== undefined) {
            return Promise.resolve(already);
        }
        return new Promise((resolve, reject) => {
            const listener = (from: "stdout" | "stderr", line: string) => {
                if (from === stream && matches(line)) {
                    done();
                    resolve(line);
                }
            };
            const timer = setTimeout(() => {
                done();
                reject(new Error(`no ${stream} line matching ${match} within ${timeoutMs} ms`));
            }, timeoutMs);
            const done = () => {
                clearTimeout(timer);
                this.proc.lineListeners.delete(listener);
            };
            this.proc.lineListeners.add(listener);
        });
    }

    /** The exit status once the process has exited. */
    get exit(): HostExit | undefined {
        return this.proc.exit();
    }

    kill(signal: NodeJS.Signals = "SIGKILL"): void {
        this.rpc.close();
        if (!this.exit) {
            this.proc.child.kill(signal);
        }
    }

    /** Closes the channel, asks the host to stop (SIGTERM), and kills it if it has not exited in `graceMs`. */
    async close(graceMs = 5_000): Promise<HostExit> {
        this.rpc.close();
        if (this.exit) {
            return this.exit;
        }
        this.proc.child.kill("SIGTERM");
        let timer: NodeJS.Timeout | undefined;
        const killLater = new Promise<void>((resolve) => {
            timer = setTimeout(() => {
                this.proc.child.kill("SIGKILL");
                resolve();
            }, graceMs);
        });
        await Promise.race([this.exited, killLater]);
        clearTimeout(timer);
        return this.exited;
    }

    private explainFailure(): string {
        const exit = this.exit;
        if (!exit) {
            return "";
        }
        const tail = this.stderr.slice(-20).join("\n");
        return ` (provider host exited: code ${exit.code}, signal ${exit.signal}${tail ? `; stderr:\n${tail}` : ""})`;
    }
}
