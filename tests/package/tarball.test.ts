// The tarball `npm pack` makes from a clone of this repository (prepare builds it): what it
// contains and what it does not. The installs that use it run meanwhile (lab.ts).
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { kib, listFiles } from "./checks";
import { Packed, background, formatSteps, foreground, packageLab, run } from "./lab";
import { requiredPackages } from "./packed";

interface Manifest {
    main: string;
    types: string;
    files: string[];
    scripts: Record<string, string>;
    dependencies: Record<string, string>;
    peerDependencies: Record<string, string>;
    exports: Record<string, string | Record<string, string>>;
}

const lab = packageLab();
const unpacked = background(async () => {
    const packed = await lab.packed;
    const dir = path.join(lab.work, "unpacked");
    fs.mkdirSync(dir, { recursive: true });
    await run("tar", ["-xzf", packed.tarball, "-C", dir], lab.work);
    return path.join(dir, "package");
});

/** A `files` entry as a regular expression: a `**` segment is any folders, `*` any part of a name. */
function globPattern(glob: string): RegExp {
    const segments = glob.split("/").map((part) => (part === "**" ? "(?:[^/]+/)*" : `${part.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*")}/`));
    return new RegExp(`^${segments.join("").slice(0, -1)}(?:/.*)?$`);
}

/** Every file an `exports` map points at; a "*" pattern is checked with the lifecycle modules the shells load. */
function exportTargets(exports: Manifest["exports"]): string[] {
    return Object.values(exports).flatMap((target) => {
        const paths = typeof target === "string" ? [target] : Object.values(target);
        return paths.flatMap((p) => (p.includes("*") ? ["taskWaiter", "reportExport"].map((m) => p.replace("*", m)) : [p]));
    });
}

describe("package: the tarball `npm pack` makes on a clone", function () {
    this.timeout(600_000);
    before(foreground);
    const manifest = JSON.parse(fs.readFileSync(path.join(lab.root, "package.json"), "utf8")) as Manifest;
    let packed: Packed;
    let root: string;
    let files: string[];

    before(async () => {
        packed = await lab.packed;
        root = await unpacked;
        files = listFiles(root);
        console.log(
            `      ${packed.filename}: ${kib(packed.size)} packed, ${kib(packed.unpackedSize)} unpacked, ${files.length} files (${formatSteps(packed.steps)})`,
        );
    });

    it("nothing built is committed: bin/ is ignored and untracked, and `prepare` builds the package", async () => {
        const tracked = await run("git", ["ls-files", "bin"], lab.root);
        assert.strictEqual(tracked.stdout.trim(), "", "no file under bin/ is tracked");
        assert.match(fs.readFileSync(path.join(lab.root, ".gitignore"), "utf8"), /^bin\/$/m);
        assert.strictEqual(manifest.scripts.prepare, "npm run build:package");
        const cloned = await run("git", ["ls-files"], await lab.source);
        assert.ok(!cloned.stdout.split("\n").some((f) => f.startsWith("bin/")), "the clone has no build output");
    });

    it("holds only what `files` lists, every export target, and each bin", () => {
        const patterns = manifest.files.map(globPattern);
        const outside = files.filter((f) => f !== "package.json" && !patterns.some((p) => p.test(f)));
        assert.deepStrictEqual(outside, [], "files outside `files`");
        assert.ok(files.includes("LICENSE") && files.includes("README.md"), "the license text and the README travel with the package");
        assert.ok(!files.some((f) => /^bin\/(tests|harness|bench|tools|examples)\//.test(f)));
        const targets = [manifest.main, manifest.types, ...exportTargets(manifest.exports)].map((t) => t.replace(/^\.\//, ""));
        for (const target of targets) assert.ok(files.includes(target), `${target} is not in the tarball`);
        for (const bin of ["bin/cli/main.js", "bin/simulator/cli.js"]) {
            assert.ok(files.includes(bin), bin);
            assert.ok(fs.statSync(path.join(root, bin)).mode & 0o111, `${bin} is executable`);
        }
    });

    it("no source maps and no references to them (the .ts sources are not shipped)", () => {
        assert.deepStrictEqual(
            files.filter((f) => f.endsWith(".map")),
            [],
        );
        const referring = files.filter((f) => /\.(js|d\.ts)$/.test(f) && fs.readFileSync(path.join(root, f), "utf8").includes("sourceMappingURL"));
        assert.deepStrictEqual(referring, []);
    });

    it("declarations: no zod type anywhere, and every module they import is shipped", () => {
        const declarations = files.filter((f) => f.endsWith(".d.ts"));
        assert.ok(declarations.includes("bin/provider/index.d.ts") && declarations.includes("bin/provider/types.d.ts"));
        for (const file of declarations) {
            const text = fs.readFileSync(path.join(root, file), "utf8");
            assert.ok(!/zod|Zod/.test(text), `${file} mentions zod`);
            for (const [, specifier] of text.matchAll(/(?:from |import\()"(\.[^"]*)"/g)) {
                const target = path.posix.join(path.posix.dirname(file), specifier);
                assert.ok(files.includes(`${target}.d.ts`) || files.includes(`${target}/index.d.ts`), `${file} imports ${specifier}, which is not shipped`);
            }
        }
    });

    it("every runtime require is shipped or a dependency; @pulumi/pulumi is a peer, shared with the user's project", () => {
        for (const file of files.filter((f) => f.endsWith(".js"))) {
            const text = fs.readFileSync(path.join(root, file), "utf8");
            for (const [, specifier] of text.matchAll(/\brequire\("(\.[^"]*)"\)/g)) {
                const target = path.posix.join(path.posix.dirname(file), specifier);
                const shipped = [`${target}.js`, target, `${target}/index.js`].some((f) => files.includes(f));
                assert.ok(shipped, `${file} requires ${specifier}, which is not shipped`);
            }
        }
        const required = requiredPackages(path.join(root, "bin"));
        required.delete("pulumi-alicloud-tasks"); // the shells require their lifecycle modules by package path
        const declared = { ...manifest.dependencies, ...manifest.peerDependencies };
        const missing = [...required.keys()].filter((name) => !(name in declared));
        assert.deepStrictEqual(missing, [], `required at run time but not declared: ${missing.map((m) => `${m} (${required.get(m)?.[0]})`).join(", ")}`);
        assert.deepStrictEqual(
            Object.keys(manifest.dependencies).filter((name) => !required.has(name)),
            [],
            "dependencies nothing requires",
        );
        assert.ok(!("@pulumi/pulumi" in manifest.dependencies), "the SDK is not a regular dependency: npm would nest a second copy");
        assert.match(manifest.peerDependencies["@pulumi/pulumi"], /^\^3\.\d+\.\d+$/);
        console.log(`      runtime requires: ${[...required.keys()].sort().join(", ")}`);
    });
});
