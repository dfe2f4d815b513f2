// The Pulumi SDK for Python programs under the real CLI: the `pulumi` package from PyPI, in a virtualenv made
// once per machine (in the user's cache folder, as the CLI build's, keyed by the Python and package versions: a
// fresh clone does not pay for it again), and a virtualenv of each project's own on top of it.
//
// Why a project's own virtualenv: `pulumi install` and `pulumi package add` install into the project's virtualenv
// (pip upgrades itself there, and installs the generated SDKs), so a shared one would change under every test.
// The project's (`venv`, with no packages of its own yet) reads the shared one's site-packages through a .pth
// file: `pulumi` imports at once, pip installs go into the project's, which comes first on sys.path.
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/**
 * The `pulumi` package's version: the newest on PyPI, what `pip install pulumi` gives a user whatever their CLI
 * (newer than the tests' CLI, 3.248.0, which the dev Node.js SDK's `engines` bounds). The Python SDK talks to
 * the engine over the same versioned protocol.
 */
export const PYTHON_PULUMI_VERSION = "3.272.0";

/** The Python that makes the virtualenvs, as Pulumi's toolchain finds it. */
const PYTHON = process.env.PULUMI_PYTHON_CMD || "python3";

/** Making the shared virtualenv downloads a few dozen packages once; the guard only stops a hang. */
const COMMAND_GUARD_MS = 10 * 60_000;

let shared: Promise<string> | undefined;

/** The shared virtualenv with `pulumi` installed (made on first use, then reused): its path. */
export function pythonSdk(): Promise<string> {
    shared ??= makeShared();
    return shared;
}

/** Pulumi.yaml's runtime for a Python project on the pip toolchain and the virtualenv at `virtualenv`. */
export function pythonRuntime(virtualenv = "venv"): string {
    return `runtime:\n  name: python\n  options:\n    toolchain: pip\n    virtualenv: ${virtualenv}\n`;
}

/** The requirements.txt of a project on the tests' SDK. */
export const PYTHON_REQUIREMENTS = `pulumi==${PYTHON_PULUMI_VERSION}\n`;

/** Makes `<projectDir>/venv`, a virtualenv that sees the shared one's packages. */
export async function makeProjectVirtualenv(projectDir: string): Promise<string> {
    const base = await pythonSdk();
    const venv = path.join(projectDir, "venv");
    await run(path.join(base, "bin", "python"), ["-m", "venv", "--without-pip", venv]);
    const site = await sitePackages(path.join(venv, "bin", "python"));
    fs.writeFileSync(path.join(site, "_tests_pulumi_sdk.pth"), (await sitePackages(path.join(base, "bin", "python"))) + "\n");
    return venv;
}

async function makeShared(): Promise<string> {
    const pythonVersion = (await run(PYTHON, ["-c", "import platform; print(platform.python_version())"])).trim();
    const dir = path.join(machineCache(), "python-sdk", `py${pythonVersion}-pulumi${PYTHON_PULUMI_VERSION}`);
    const complete = path.join(dir, ".complete");
    if (fs.existsSync(complete)) return dir;
    await withLock(`${dir}.lock`, async () => {
        if (fs.existsSync(complete)) return; // another process made it while this one waited
        const started = Date.now();
        fs.rmSync(dir, { recursive: true, force: true }); // what a run cut short left
        await run(PYTHON, ["-m", "venv", dir]);
        const python = path.join(dir, "bin", "python");
        await run(python, ["-m", "pip", "install", "--disable-pip-version-check", "--no-input", `pulumi==${PYTHON_PULUMI_VERSION}`]);
        // what was resolved (pulumi's own dependencies are ranges), for whoever reads a failure
        fs.writeFileSync(path.join(dir, "pip-freeze.txt"), await run(python, ["-m", "pip", "freeze", "--disable-pip-version-check"]));
        fs.writeFileSync(complete, `${new Date().toISOString()}\n`);
        console.log(`      (made the Python SDK virtualenv ${dir} in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    });
    return dir;
}

/** The user's cache folder for what the tests build once per machine (tools/pulumi-cli/build.mjs uses the same). */
function machineCache(): string {
    return process.env.ALICLOUD_TASKS_CACHE || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "pulumi-alicloud-tasks");
}

async function sitePackages(python: string): Promise<string> {
    return (await run(python, ["-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"])).trim();
}

/** One process at a time makes the shared virtualenv: a lock folder holding the owner's pid; a dead owner's is taken over. */
async function withLock(lock: string, body: () => Promise<void>): Promise<void> {
    fs.mkdirSync(path.dirname(lock), { recursive: true });
    const deadline = Date.now() + COMMAND_GUARD_MS;
    for (;;) {
        try {
            fs.mkdirSync(lock);
            fs.writeFileSync(path.join(lock, "pid"), String(process.pid));
            break;
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
            if (!ownerAlive(lock)) {
                fs.rmSync(lock, { recursive: true, force: true });
                continue;
            }
            if (Date.now() > deadline) throw new Error(`${lock} is still held by another process after ${COMMAND_GUARD_MS / 60_000} minutes`);
            await new Promise((resolve) => setTimeout(resolve, 1000));
        }
    }
    try {
        await body();
    } finally {
        fs.rmSync(lock, { recursive: true, force: true });
    }
}

function ownerAlive(lock: string): boolean {
    let pid: number;
    try {
        pid = Number(fs.readFileSync(path.join(lock, "pid"), "utf8"));
    } catch {
        return true; // just made, pid not written yet
    }
    try {
        process.kill(pid, 0);
        return true;
    } catch (error) {
        return (error as NodeJS.ErrnoException).code === "EPERM";
    }
}

/** Runs a command to its end; its stdout, or an error with all of its output. */
function run(command: string, args: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        const guard = setTimeout(() => child.kill("SIGKILL"), COMMAND_GUARD_MS);
        child.on("error", (error) => (clearTimeout(guard), reject(new Error(`${command} ${args.join(" ")}: ${error.message}`))));
        child.on("close", (code, signal) => {
            clearTimeout(guard);
            if (code === 0) resolve(stdout);
            else reject(new Error(`${command} ${args.join(" ")} exited ${code ?? signal}:\n${stdout}${stderr}`));
        });
    });
}
