// The architecture as the imports show it: a wait flows one way, resource -> provider lifecycle -> wait ->
// inputs and API modules -> client, over shared engine utilities; the CLI uses the wait layer's public entry
// only; nothing the package ships imports the simulator, the harness, the tests or the bench.
import * as assert from "assert";
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
        for (const [, specifier] of text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\(\s*)"(\.{1,2}\/[^"]*)"/g))
            found.push({ from: file, to: path.normalize(path.join(path.dirname(file), specifier)) });
    }
    return found;
}

describe("layout: the one-way flow of a wait, as the imports show it", () => {
    it("each provider layer imports only the layers after it (resources -> lifecycle -> wait -> inputs -> services -> client -> engine)", () => {
        const backwards = importsUnder("provider")
            .map(({ from, to }) => ({ from, to, a: from.split(path.sep)[1], b: to.split(path.sep)[1] }))
            .filter(({ a, b }) => a !== b && rank(a) >= 0 && rank(b) >= 0 && rank(a) >= rank(b))
            .map(({ from, to }) => `${from} imports ${to}`);
        assert.deepStrictEqual(backwards, []);
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
