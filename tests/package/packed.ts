// What install.test.ts needs around npm: running a command without blocking the event loop (the
// simulator serves from this process meanwhile), and reading what a packed tarball requires.
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import { builtinModules } from "module";
import * as path from "path";
import { performance } from "perf_hooks";

export interface CommandResult {
    code: number | null;
    stdout: string;
    stderr: string;
    ms: number;
}

export function npmAvailable(): boolean {
    const probe = spawnSync("npm", ["--version"], { encoding: "utf8" });
    return probe.status === 0;
}

export function runCommand(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<CommandResult> {
    const started = performance.now();
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
        const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 300_000);
        child.once("error", reject);
        child.once("close", (code) => {
            clearTimeout(timer);
            resolve({ code, stdout, stderr, ms: performance.now() - started });
        });
    });
}

/** Throws with the command's output unless it exited 0. */
export async function mustRun(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<CommandResult> {
    const result = await runCommand(command, args, options);
    if (result.code !== 0) {
        throw new Error(`${command} ${args.join(" ")} exited ${result.code}\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
    }
    return result;
}

export interface PackResult {
    filename: string;
    size: number;
    unpackedSize: number;
    files: { path: string; size: number }[];
}

/** `npm pack --json` prints a list with one entry per package. */
export function parsePack(stdout: string): PackResult {
    const start = stdout.indexOf("[");
    return (JSON.parse(stdout.slice(start)) as PackResult[])[0];
}

const NODE_BUILTINS = new Set(builtinModules);

/** The package each bare `require("...")` in the JavaScript files under `dir` names (builtins left out). */
export function requiredPackages(dir: string): Map<string, string[]> {
    const found = new Map<string, string[]>();
    for (const file of javascriptFiles(dir)) {
        const text = fs.readFileSync(file, "utf8");
        for (const [, specifier] of text.matchAll(/\brequire\("([^"./][^"]*)"\)/g)) {
            const name = packageName(specifier);
            if (!name || NODE_BUILTINS.has(name) || specifier.startsWith("node:")) continue;
            found.set(name, [...(found.get(name) ?? []), path.relative(dir, file)]);
        }
    }
    return found;
}

function packageName(specifier: string): string | undefined {
    const parts = specifier.split("/");
    const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
    return /^(@[a-z0-9._-]+\/)?[a-z0-9._-]+$/.test(name) ? name : undefined;
}

function javascriptFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return javascriptFiles(full);
        return entry.name.endsWith(".js") ? [full] : [];
    });
}

/** Copies the .js files of a directory (the compiled harness) into another. */
export function copyJavascript(from: string, to: string): void {
    fs.mkdirSync(to, { recursive: true });
    for (const entry of fs.readdirSync(from)) {
        if (entry.endsWith(".js")) fs.copyFileSync(path.join(from, entry), path.join(to, entry));
    }
}
