// `npm test`'s last step: the built tests in two mocha processes at once, each printed whole when it ends.
//
// Why two: the end-to-end tests spend much of their time waiting on the processes they start (the Pulumi
// CLI, language hosts, provider hosts), so alone they keep about one core busy; the other group (unit,
// provider host, CLI, simulator, package installs) fills the other. The package installs run in the
// background of the second group (tests/package/lab.ts), with the plugin's end-to-end test, which needs
// the same packed tarball. Extra arguments (`npm test -- --grep resume`) go to both groups.
//
// With --lint-and-build (what `npm test` passes), `npm run lint`, `npm run build` and `npm run pulumi-cli` run
// first, at once (none needs another's output), each printed whole when it ends; the tests start when all
// three passed.
//
// With --no-e2e (`npm run test:no-e2e`), the tests that need neither the Pulumi CLI nor its build (which is then
// not a step): the unit, provider host, CLI and simulator tests in mocha's parallel mode, beside the package
// installs. Three workers: those tests wait on the processes and sockets they start more than they compute
// (serially, 162 s of CPU in 317 s); measured on 2 cores, three workers end with the package tests, two after.
//
// Plain JavaScript: no build needed to read it.
import { spawn } from "node:child_process";
import { clearInterval, setInterval } from "node:timers";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const mocha = createRequire(join(root, "package.json")).resolve("mocha/bin/mocha.js");
const STEPS_FLAG = "--lint-and-build";
const NO_E2E_FLAG = "--no-e2e";
const withSteps = process.argv.includes(STEPS_FLAG);
const noE2e = process.argv.includes(NO_E2E_FLAG);
const extra = process.argv.slice(2).filter((arg) => arg !== STEPS_FLAG && arg !== NO_E2E_FLAG);
const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ["npm"];
const STEPS = ["lint", "build", ...(noE2e ? [] : ["pulumi-cli"])].map((script) => ({ name: `npm run ${script}`, command: [...npm, "run", script] }));

const GROUPS = [
    { name: "end-to-end, under the real Pulumi CLI", command: [process.execPath, mocha, "bin/tests/e2e/!(plugin).test.js", ...extra] },
    {
        name: "unit, provider host, CLI, simulator, installed packages, the plugin end to end",
        command: [process.execPath, mocha, "bin/tests/!(e2e|package)/**/*.test.js", "bin/tests/e2e/plugin.test.js", "bin/tests/package/*.test.js", ...extra],
    },
];

const WITHOUT_E2E = [
    {
        name: "unit, provider host, CLI, simulator (three mocha workers)",
        command: [process.execPath, mocha, "--parallel", "--jobs", "3", "bin/tests/!(e2e|package)/**/*.test.js", ...extra],
    },
    // one process: the package tests share the installs that tests/package/lab.ts runs in the background
    { name: "installed packages", command: [process.execPath, mocha, "bin/tests/package/*.test.js", ...extra] },
];

const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(0);
const children = new Set();

function runGroup(group) {
    return new Promise((resolve) => {
        const [command, ...args] = group.command;
        const child = spawn(command, args, {
            cwd: root,
            stdio: ["ignore", "pipe", "pipe"],
            env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? (process.stdout.isTTY ? "1" : "0") },
        });
        children.add(child);
        let output = "";
        let passed = 0;
        const take = (chunk) => {
            const text = chunk.toString("utf8");
            output += text;
            passed += (text.match(/✔/g) ?? []).length;
        };
        child.stdout.on("data", take);
        child.stderr.on("data", take);
        // a line a minute, so that a long run shows it is alive
        const heartbeat = setInterval(() => console.log(`[${seconds()} s] ${group.name}: ${passed ? `${passed} passing so far` : "running"}`), 60_000);
        child.once("close", (code, signal) => {
            clearInterval(heartbeat);
            children.delete(child);
            const status = code === 0 ? "passed" : `FAILED (${signal ?? `exit ${code}`})`;
            console.log(`\n=== ${group.name}: ${status} after ${seconds()} s ===`);
            process.stdout.write(output);
            resolve({ group, code: code ?? 1 });
        });
    });
}

for (const signal of ["SIGINT", "SIGTERM"]) {
    process.once(signal, () => {
        for (const child of children) child.kill(signal);
        process.exit(130);
    });
}

/** Runs the groups at once; exits 1 unless every one passed. */
async function runAll(groups, what) {
    console.log(`Running ${groups.map((g) => g.name).join(", ")} at once; each is printed when it ends.`);
    const failed = (await Promise.all(groups.map(runGroup))).filter((r) => r.code !== 0);
    console.log(`\n=== ${what}: ${failed.length ? `FAILED in ${failed.map((r) => r.group.name).join("; ")}` : "all passed"} (${seconds()} s) ===`);
    if (failed.length) process.exit(1);
}

if (withSteps) await runAll(STEPS, noE2e ? "lint and build" : "lint, build and the Pulumi CLI");
await runAll(noE2e ? WITHOUT_E2E : GROUPS, "tests");
process.exit(0);
