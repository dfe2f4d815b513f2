// What the package tests check in an installed project: tsc as the user runs it, the hover text a
// user sees, the SDK copies, the user's own mocks test, and a `pulumi up`-like run of the program
// with its provider in Pulumi's provider host started in the project.
import * as fs from "fs";
import * as path from "path";
import { repositoryRoot } from "../../harness";
import type { Simulator } from "../../simulator";
import { NO_AMBIENT_CREDENTIALS } from "../host/fixture";
import { run } from "./lab";
import { copyJavascript } from "./packed";
import { PROJECT } from "./projects";
import type { RunnerInput, RunnerResult } from "./runner";

const root = repositoryRoot();

export interface TypeCheck {
    errors: number;
    output: string;
}

/** `tsc -p <tsconfig>` with the given compiler (the project's own, as `npx tsc` would run it); emits as configured. */
export async function typecheck(project: string, tsconfig: string, tsc: string): Promise<TypeCheck> {
    const result = await run(process.execPath, [tsc, "-p", tsconfig, "--pretty", "false"], project, {}, true);
    const output = result.stdout + result.stderr;
    return { errors: (output.match(/error TS\d+/g) ?? []).length, output };
}

/** Every installed copy of @pulumi/pulumi: each package.json under node_modules (nested ones included). */
export function sdkCopies(project: string): { dir: string; version: string }[] {
    const found: { dir: string; version: string }[] = [];
    const walk = (modules: string) => {
        if (!fs.existsSync(modules)) return;
        for (const entry of fs.readdirSync(modules, { withFileTypes: true })) {
            if (!entry.isDirectory() || entry.name === ".bin") continue;
            const dir = path.join(modules, entry.name);
            if (entry.name.startsWith("@")) {
                for (const scoped of fs.readdirSync(dir, { withFileTypes: true })) {
                    if (scoped.isDirectory()) visit(path.join(dir, scoped.name), `${entry.name}/${scoped.name}`);
                }
            } else visit(dir, entry.name);
        }
    };
    const visit = (dir: string, name: string) => {
        if (name === "@pulumi/pulumi") {
            const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string };
            found.push({ dir: path.relative(project, dir), version: manifest.version });
        }
        walk(path.join(dir, "node_modules"));
    };
    walk(path.join(project, "node_modules"));
    return found;
}

/** Runs the user's mocks test in the project; returns what it printed on its "MOCKS" line. */
export async function mocksTest(project: string, script: string, node = process.execPath): Promise<Record<string, unknown>> {
    const result = await run(node, [script], project);
    const line = result.stdout.split("\n").find((l) => l.startsWith("MOCKS "));
    if (!line) throw new Error(`no MOCKS line:\n${result.stdout}\n${result.stderr}`);
    return JSON.parse(line.slice("MOCKS ".length)) as Record<string, unknown>;
}

/**
 * What the user sees on hovering `needle` (its first occurrence) in a project's file: the signature
 * and its documentation, from the project's own TypeScript language service (in a child process).
 */
export async function hoverText(project: string, file: string, needle: string): Promise<string> {
    const result = await run(process.execPath, ["-e", HOVER_SCRIPT, file, needle], project);
    return (JSON.parse(result.stdout) as { text: string }).text;
}

const HOVER_SCRIPT = `
const ts = require(require.resolve("typescript", { paths: [process.cwd()] }));
const fs = require("fs");
const path = require("path");
const [file, needle] = process.argv.slice(1);
const dir = process.cwd();
const config = ts.getParsedCommandLineOfConfigFile(path.join(dir, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
const host = {
    getCompilationSettings: () => config.options,
    getScriptFileNames: () => config.fileNames,
    getScriptVersion: () => "1",
    getScriptSnapshot: (name) => (fs.existsSync(name) ? ts.ScriptSnapshot.fromString(fs.readFileSync(name, "utf8")) : undefined),
    getCurrentDirectory: () => dir,
    getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
    realpath: ts.sys.realpath,
};
const target = path.join(dir, file);
const info = ts.createLanguageService(host).getQuickInfoAtPosition(target, fs.readFileSync(target, "utf8").indexOf(needle));
if (!info) throw new Error("no quick info at " + needle);
const tags = (info.tags || []).map((t) => "@" + t.name + " " + ts.displayPartsToString(t.text));
const text = [ts.displayPartsToString(info.displayParts), ts.displayPartsToString(info.documentation), ...tags].filter(Boolean).join("\\n");
console.log(JSON.stringify({ text }));
`;

export interface HostRunOptions {
    sim: Simulator;
    importTaskId: string;
    /** The node binary that runs the program and the provider host. */
    node?: string;
}

/**
 * The program under the project's SDK (mocks), its TaskWaiter created by the serialized provider
 * in Pulumi's provider host started in the project, against the simulator. The harness is not in
 * the package: a copy inside the project resolves @pulumi/pulumi from there.
 */
export async function hostRun(project: string, options: HostRunOptions): Promise<RunnerResult> {
    const harnessDir = path.join(project, "harness");
    if (!fs.existsSync(harnessDir)) {
        copyJavascript(path.join(root, "bin", "harness"), harnessDir);
        fs.copyFileSync(path.join(__dirname, "runner.js"), path.join(project, "runner.js"));
    }
    const { sim } = options;
    const input: RunnerInput = {
        harnessDir,
        project: PROJECT,
        entry: path.join("bin", "index.js"),
        env: NO_AMBIENT_CREDENTIALS,
        secretKeys: ["alicloud:secretKey"],
        config: {
            "alicloud:accessKey": sim.credentials.accessKey.accessKeyId,
            "alicloud:secretKey": sim.credentials.accessKey.accessKeySecret,
            "alicloud:region": "cn-hangzhou",
            "alicloud-tasks:endpoint": sim.url,
            [`${PROJECT}:importTaskId`]: options.importTaskId,
        },
    };
    // the provider host is spawned with the runner's own node binary
    const child = await run(options.node ?? process.execPath, ["runner.js"], project, { PACKAGE_RUNNER_INPUT: JSON.stringify(input) });
    const line = child.stdout.split("\n").find((l) => l.startsWith("RESULT "));
    if (!line) throw new Error(`no result from the runner:\n${child.stdout}\n${child.stderr}`);
    return JSON.parse(line.slice("RESULT ".length)) as RunnerResult;
}

/** Files of a directory tree, relative to it. */
export function listFiles(dir: string, prefix = ""): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const relative = path.posix.join(prefix, entry.name);
        return entry.isDirectory() ? listFiles(path.join(dir, entry.name), relative) : [relative];
    });
}

export function kib(bytes: number): string {
    return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;
}
