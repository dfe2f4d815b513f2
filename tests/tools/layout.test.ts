// The architecture as the imports show it: a wait flows one way, resource -> provider lifecycle -> wait ->
// inputs and API modules -> client, over shared engine utilities; the CLI uses the wait layer's public entry
// only; nothing the package ships imports the simulator, the harness, the tests or the bench. And one naming style:
// camelCase, as provider/lifecycle's module paths (a contract with existing stacks) are.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { repositoryRoot } from "../../harness";

const root = repositoryRoot();

/** provider/<layer>: a layer may import the layers after it, never one before it. */
const LAYERS = [["resources", "plugin"], ["lifecycle"], ["wait"], ["inputs"], ["services"], ["client"], ["engine"]];
const rank = (layer: string) => LAYERS.findIndex((names) => names.includes(layer));

interface Import {
    from: string;
    to: string;
}

function importsUnder(dir: string): Import[] {
    const found: Import[] = [];
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })) {
        if (!entry.isFile() || !entry.name.endsWith(".ts")) continue;
        const file = path.relative(root, path.join(entry.parentPath, entry.name));
        const text = fs.readFileSync(path.join(root, file), "utf8");
        for (const [, specifier] of text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+|\brequire\(\s*)"(\.{1,2}\/[^"]*)"/g))
            found.push({ from: file, to: path.normalize(path.join(path.dirname(file), specifier)) });
    }
    return found;
}

/** The file an import names: `x.ts`, or `x/index.ts` for a folder. */
function resolved(to: string): string | undefined {
    return [`${to}.ts`, path.join(to, "index.ts")].find((file) => fs.existsSync(path.join(root, file)));
}

/** Each import cycle among the files under `dir`, as the files it goes through (Tarjan's strongly connected components). */
function importCycles(dir: string): string[][] {
    const graph = new Map<string, string[]>();
    for (const { from, to } of importsUnder(dir)) {
        const file = resolved(to);
        if (file) graph.set(from, [...(graph.get(from) ?? []), file]);
    }
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const cycles: string[][] = [];
    const visit = (file: string) => {
        index.set(file, index.size);
        low.set(file, index.get(file)!);
        stack.push(file);
        for (const next of graph.get(file) ?? []) {
            if (!index.has(next)) {
                visit(next);
                low.set(file, Math.min(low.get(file)!, low.get(next)!));
            } else if (stack.includes(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
        }
        if (low.get(file) !== index.get(file)) return;
        const component = stack.splice(stack.indexOf(file));
        if (component.length > 1) cycles.push(component);
    };
    for (const file of graph.keys()) if (!index.has(file)) visit(file);
    return cycles;
}

describe("layout: the one-way flow of a wait, as the imports show it", () => {
    it("no provider file imports, directly or through others, a file that imports it", () => {
        assert.deepStrictEqual(importCycles("provider"), []);
    });

    it("each provider layer imports only the layers after it (resources -> lifecycle -> wait -> inputs -> services -> client -> engine)", () => {
        const backwards = importsUnder("provider")
            .map(({ from, to }) => ({ from, to, a: from.split(path.sep)[1], b: to.split(path.sep)[1] }))
            .filter(({ a, b }) => a !== b && rank(a) >= 0 && rank(b) >= 0 && rank(a) >= rank(b))
            .map(({ from, to }) => `${from} imports ${to}`);
        assert.deepStrictEqual(backwards, []);
    });

    it("no provider module keeps mutable state of its own: the host's runtime (lifecycle/host.ts) is the one place", () => {
        const found: string[] = [];
        for (const entry of fs.readdirSync(path.join(root, "provider"), { withFileTypes: true, recursive: true })) {
            if (!entry.isFile() || !entry.name.endsWith(".ts")) continue;
            const file = path.relative(root, path.join(entry.parentPath, entry.name));
            // template literals aside: expressionSandbox.ts's worker source is another thread's code
            const text = fs.readFileSync(path.join(root, file), "utf8").replace(/`[^`]*`/g, "``");
            // a top-level variable, or a top-level collection that something fills
            for (const [, name] of text.matchAll(/^(?:export )?(?:let|var) (\w+)/gm))
                if (file !== path.join("provider", "lifecycle", "host.ts")) found.push(`${file}: let ${name}`);
            for (const [, name] of text.matchAll(/^(?:export )?const (\w+)(?:: [^=]+)? = new (?:Map|Set|WeakMap|WeakSet)\b/gm))
                if (new RegExp(`\\b${name}\\.(?:set|add|delete|clear)\\(`).test(text)) found.push(`${file}: ${name} is filled`);
        }
        assert.deepStrictEqual(found, []);
    });

    it("the CLI imports the provider through the wait layer's public entry only", () => {
        const other = importsUnder("cli")
            .filter(({ to }) => to.startsWith(`provider${path.sep}`) && to !== path.join("provider", "wait"))
            .map(({ from, to }) => `${from} imports ${to}`);
        assert.deepStrictEqual(other, []);
    });

    it("the provider and the CLI import no simulator, harness, test or bench code; the simulator imports no CLI", () => {
        const outside = [...importsUnder("provider"), ...importsUnder("cli")].filter(({ to }) => /^(simulator|harness|tests|bench)\b/.test(to));
        const simulatorToCli = importsUnder("simulator").filter(({ to }) => /^cli\b/.test(to));
        assert.deepStrictEqual([...outside, ...simulatorToCli], []);
    });
});

/** Every file of ours, tracked or new (not ignored), relative to the root with `/` separators. */
function filesOfOurs(): string[] {
    const listed = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], { cwd: root, encoding: "utf8" });
    return listed.split("\0").filter((file) => file && fs.existsSync(path.join(root, file)));
}

/** camelCase: a lower-case letter, then letters and digits (`v3Auth`, `createPath`). */
const CAMEL_CASE = /^[a-z][a-zA-Z0-9]*$/;

/**
 * The directories and code files (.ts, .js, .mjs, .cjs) among `files` whose names are not camelCase; a code file's
 * name is camelCase parts joined by dots (`poller.cadence.test.ts`). Not checked: dotfiles and dot-folders
 * (.ci, .mocharc.json), node_modules and bin, other files (README.md, package.json, Pulumi.yaml, go.mod),
 * tools/pulumi-cli (a Go module tree) and the name of a folder holding a Pulumi.yaml (a Pulumi project, named
 * in kebab-case by Pulumi's convention: examples/*, test fixtures).
 */
function notCamelCase(files: string[]): string[] {
    const found = new Set<string>();
    for (const file of files) {
        const parts = file.split("/");
        if (file.startsWith("tools/pulumi-cli/") || parts.some((part) => part.startsWith(".") || part === "node_modules" || part === "bin")) continue;
        parts.slice(0, -1).forEach((name, i) => {
            const dir = parts.slice(0, i + 1).join("/");
            if (!CAMEL_CASE.test(name) && !fs.existsSync(path.join(root, dir, "Pulumi.yaml"))) found.add(`${dir}/`);
        });
        const name = parts[parts.length - 1];
        if (/\.(ts|js|mjs|cjs)$/.test(name) && !name.split(".").every((part) => CAMEL_CASE.test(part))) found.add(file);
    }
    return [...found].sort();
}

describe("layout: one naming style", () => {
    it("every folder and code file of ours has a camelCase name, Pulumi projects' folders and tools/pulumi-cli aside", () => {
        assert.deepStrictEqual(notCamelCase(filesOfOurs()), []);
    });
});
