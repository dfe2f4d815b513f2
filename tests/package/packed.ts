// Reading what `npm pack` made: its JSON report, and which packages the packed JavaScript requires.
import * as fs from "fs";
import { builtinModules } from "module";
import * as path from "path";

export interface PackResult {
    filename: string;
    size: number;
    unpackedSize: number;
    files: { path: string; size: number }[];
}

/** `npm pack --json` prints a list with one entry per package (after the output of scripts such as prepare). */
export function parsePack(stdout: string): PackResult {
    const start = stdout.search(/^\[/m);
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
