// `npm run build:package` (and `prepare`, which npm runs on `npm ci`, `npm pack`, `npm publish` and when
// a user installs the package from a git URL): builds what the package ships, into bin/, from scratch.
//
// Plain JavaScript, not TypeScript: it runs before anything is compiled. It removes the shipped folders
// first, so a tarball never carries leftovers of the development build (its source maps point at .ts
// files the package does not contain), and builds them without source maps (tsconfig.package.json).
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);

// The packed package (a tarball, or a folder npm links as a dependency) ships what this builds, not the
// sources: there is nothing to build, and npm may run `prepare` there all the same.
if (!existsSync(join(root, "provider")) && existsSync(join(root, "bin", "provider", "index.js"))) process.exit(0);

for (const dir of ["provider", "simulator", "cli"]) rmSync(join(root, "bin", dir), { recursive: true, force: true });

let tsc;
try {
    tsc = require.resolve("typescript/bin/tsc");
} catch {
    console.error("build:package: TypeScript is not installed. Run `npm ci` (or `npm install`) in this repository first.");
    process.exit(1);
}
const build = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.package.json")], { cwd: root, stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

// tsc writes files without the execute bit; the bins are run directly by npm's shims
for (const bin of ["bin/cli/main.js", "bin/simulator/cli.js", "bin/provider/plugin/main.js"]) chmodSync(join(root, bin), 0o755);
