/**
 * What `import ... from "pulumi-alicloud-tasks"` costs a user's program over `@pulumi/pulumi` alone:
 * the milliseconds the package's entry takes to load once the SDK is loaded, and the files it adds
 * to require.cache, each measured in a fresh node process (the median of several). A program needs
 * the resource classes only; zod, pop-core and JMESPath are the provider host's.
 *
 * `node bin/bench/importCost.js [runs]` prints the figures; `npm run bench` prints them too
 * (BENCH_SKIP=import leaves them out).
 */
import { execFileSync } from "child_process";
import * as path from "path";
import { Target, median } from "./report";

/** The target of issue 24: at most this much over `@pulumi/pulumi` alone. */
export const IMPORT_TARGET_MS = 20;
const DEFAULT_RUNS = 7;

export interface ImportRun {
    /** Loading `@pulumi/pulumi` alone. */
    sdkMs: number;
    /** Loading the package's entry after it. */
    entryMs: number;
    /** Files the entry added to require.cache. */
    files: number;
    /** Packages (under node_modules) the entry loaded, other than this one. */
    packages: string[];
}

export interface ImportCost {
    entry: string;
    runs: ImportRun[];
    medianMs: number;
    medianSdkMs: number;
    files: number;
    packages: string[];
}

/** Run in the child: everything it measures, as one JSON line. */
const PROBE = `
const entry = process.argv[1];
const t0 = process.hrtime.bigint();
require("@pulumi/pulumi");
const t1 = process.hrtime.bigint();
const before = new Set(Object.keys(require.cache));
require(entry);
const t2 = process.hrtime.bigint();
const added = Object.keys(require.cache).filter((f) => !before.has(f));
const packages = new Set();
for (const f of added) {
    const m = /node_modules[\\\\/]((?:@[^\\\\/]+[\\\\/])?[^\\\\/]+)[\\\\/](?!.*node_modules)/.exec(f);
    if (m) packages.add(m[1].replace(/\\\\/g, "/"));
}
console.log(JSON.stringify({ sdkMs: Number(t1 - t0) / 1e6, entryMs: Number(t2 - t1) / 1e6, files: added.length, packages: [...packages] }));
`;

/** One fresh process: node -e PROBE <entry>, from the repository root so that its node_modules resolve. */
function measureOnce(entry: string, cwd: string): ImportRun {
    const out = execFileSync(process.execPath, ["-e", PROBE, entry], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    return JSON.parse(out.trim().split("\n").pop()!) as ImportRun;
}

export function importCost(runs = DEFAULT_RUNS, entry = path.join(__dirname, "..", "provider", "index.js")): ImportCost {
    const cwd = path.join(__dirname, "..", "..");
    // one unmeasured run warms the file system cache, as a program's second `pulumi up` finds it
    measureOnce(entry, cwd);
    const measured = Array.from({ length: runs }, () => measureOnce(entry, cwd));
    return {
        entry: path.relative(cwd, entry),
        runs: measured,
        medianMs: median(measured.map((r) => r.entryMs)),
        medianSdkMs: median(measured.map((r) => r.sdkMs)),
        files: median(measured.map((r) => r.files)),
        packages: [...new Set(measured.flatMap((r) => r.packages))].sort(),
    };
}

export function importCostText(cost: ImportCost): string[] {
    return [
        "### Import cost of the package in a program",
        "",
        `\`require("pulumi-alicloud-tasks")\` (${cost.entry}) after \`@pulumi/pulumi\`, in ${cost.runs.length} fresh node processes: ` +
            `median ${cost.medianMs.toFixed(1)} ms and ${cost.files} files over \`@pulumi/pulumi\` alone ` +
            `(which took a median ${cost.medianSdkMs.toFixed(0)} ms); other packages loaded: ${cost.packages.length ? cost.packages.join(", ") : "none"}.`,
    ];
}

export function importTargets(cost: ImportCost): Target[] {
    return [
        {
            what: `importing the package costs a program at most ${IMPORT_TARGET_MS} ms over @pulumi/pulumi alone`,
            met: cost.medianMs <= IMPORT_TARGET_MS,
            figures: `median ${cost.medianMs.toFixed(1)} ms, ${cost.files} files`,
        },
    ];
}

if (require.main === module) {
    const runs = Number(process.argv[2] ?? DEFAULT_RUNS);
    const cost = importCost(Number.isInteger(runs) && runs > 0 ? runs : DEFAULT_RUNS);
    for (const line of [...importCostText(cost), "", ...importTargets(cost).map((t) => `- ${t.met ? "MET    " : "NOT MET"} ${t.what}: ${t.figures}`)])
        console.log(line);
}
