// Spawns Pulumi's dynamic provider host (`@pulumi/pulumi/cmd/dynamic-provider`) and reads its port.
//
// This is what the engine does for the `pulumi-nodejs` plugin: run the script with the engine's address as its
// argument (required, unused here), in the project's directory, with PULUMI_NODEJS_PROJECT set. The host prints
// its gRPC port on the first stdout line; later output is the provider's own (console.log progress lines).
import { ChildProcess, spawn } from "child_process";
import { performance } from "perf_hooks";
import { Readable } from "stream";

export interface HostExit {
    code: number | null;
    signal: NodeJS.Signals | null;
}

export interface SpawnHostOptions {
    cwd: string;
    env: NodeJS.ProcessEnv;
    startTimeoutMs: number;
    onStdout?(line: string): void;
    onStderr?(line: string): void;
}

export interface HostProcess {
    child: ChildProcess;
    port: number;
    /** Lines printed after the port line. */
    stdout: string[];
    stderr: string[];
    /** performance.now() when spawned and when the port was printed (milliseconds). */
    startedAt: number;
    readyAt: number;
    exited: Promise<HostExit>;
    exit(): HostExit | undefined;
    /** Listeners called for each later line (stdout and stderr). */
    lineListeners: Set<LineListener>;
}

export type LineListener = (stream: "stdout" | "stderr", line: string) => void;

/** Every host still running, killed if this process exits without closing them (no orphans holding ports). */
const liveChildren = new Set<ChildProcess>();
process.once("exit", () => {
    for (const child of liveChildren) {
        child.kill("SIGKILL");
    }
});

export function dynamicProviderScript(cwd: string): string {
    return require.resolve("@pulumi/pulumi/cmd/dynamic-provider", { paths: [cwd] });
}

export function spawnHostProcess(options: SpawnHostOptions): Promise<HostProcess> {
    const startedAt = performance.now();
    const child = spawn(process.execPath, [dynamicProviderScript(options.cwd), "127.0.0.1:0"], {
        cwd: options.cwd,
        env: options.env,
        stdio: ["ignore", "pipe", "pipe"],
    });
    liveChildren.add(child);
    const stdout: string[] = [];
    const stderr: string[] = [];
    const lineListeners = new Set<LineListener>();
    let exitInfo: HostExit | undefined;
    const exited = new Promise<HostExit>((resolve) => {
        child.once("close", (code, signal) => {
            exitInfo = { code, signal };
            liveChildren.delete(child);
            resolve(exitInfo);
        });
    });

    return new Promise<HostProcess>((resolve, reject) => {
        let port: number | undefined;
        let settled = false;
        const fail = (message: string) => {
            if (settled) {
                return;
            }
            settled = true;
            clearTimeout(timer);
            child.kill("SIGKILL");
            const tail = stderr.slice(-20).join("\n");
            reject(new Error(`dynamic provider host: ${message}${tail ? `\nstderr:\n${tail}` : ""}`));
        };
        const timer = setTimeout(() => fail(`no port on stdout within ${options.startTimeoutMs / 1000} s`), options.startTimeoutMs);
        child.once("error", (err) => fail(`could not start (${err.message})`));
        child.once("close", (code, signal) => fail(`exited before printing its port (code ${code}, signal ${signal})`));
        onLines(child.stderr!, (line) => {
            stderr.push(line);
            options.onStderr?.(line);
            lineListeners.forEach((listener) => listener("stderr", line));
        });
        onLines(child.stdout!, (line) => {
            if (port !== undefined) {
                stdout.push(line);
                options.onStdout?.(line);
                lineListeners.forEach((listener) => listener("stdout", line));
                return;
            }
            if (!/^\d+$/.test(line.trim())) {
                fail(`expected a port on the first stdout line, got ${JSON.stringify(line)}`);
                return;
            }
            port = Number(line.trim());
            settled = true;
            clearTimeout(timer);
            // Do not keep the test/demo process alive for the host; the exit hook above kills it.
            child.unref();
            unrefStream(child.stdout);
            unrefStream(child.stderr);
            const readyAt = performance.now();
            resolve({ child, port, stdout, stderr, startedAt, readyAt, exited, exit: () => exitInfo, lineListeners });
        });
    });
}

/** Calls `onLine` for each complete line, and for the unterminated rest when the stream ends. */
function onLines(stream: Readable, onLine: (line: string) => void): void {
    let buffered = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
        buffered += chunk;
        let newline: number;
        while ((newline = buffered.indexOf("\n")) >= 0) {
            onLine(buffered.slice(0, newline).replace(/\r$/, ""));
            buffered = buffered.slice(newline + 1);
        }
    });
    stream.on("end", () => {
        if (buffered) {
            onLine(buffered);
            buffered = "";
        }
    });
}

function unrefStream(stream: Readable | null): void {
    (stream as unknown as { unref?: () => void } | null)?.unref?.();
}
