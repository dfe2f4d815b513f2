import Module = require("module");
import * as childProcess from "child_process";
import * as fs from "fs";
import * as inspector from "inspector";
import * as path from "path";
import * as ts from "typescript";
import * as url from "url";

/**
 * The files a TaskWaiter create runs through, as a newcomer following it would read them: every
 * function of the provider's compiled files records the call stack it was entered with (async
 * frames included), and the provider's files on those stacks are the create's path. A file is
 * "returned to" when it calls into a file that calls back into it, directly or through others (a
 * callback, a cycle). Printed by `npm run bench`; tests/tools/createPath.test.ts holds the figures.
 */

const PROVIDER_DIR = path.join(__dirname, "..", "provider");

export interface CreatePath {
    /** Every provider file a function of which ran during the create, in the order first entered. */
    files: string[];
    /** The longest chain of files that call one another, the first the caller: one stack, or a callback's stack after its registrar's. */
    deepest: string[];
    /** Every call from one file into another, as "caller > callee". */
    calls: string[];
    /** Calls from a file into one that calls back into it, directly or through others (a callback, a cycle), as "caller > callee". */
    returns: string[];
}

type Recorder = (stack: string) => void;
const TRACE = "__aliTasksTrace";

/**
 * Inserts `globalThis.__aliTasksTrace?.()` where every function body of a compiled file begins: as
 * a first statement, or before a concise arrow body's expression. A derived class's constructor is
 * left alone (nothing may run before super()). Edits the text from its end, so positions hold.
 */
function instrument(source: string, fileName: string): string {
    const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
    const edits: { at: number; text: string }[] = [];
    const visit = (node: ts.Node): void => {
        const body = ts.isFunctionLike(node) && "body" in node ? (node.body as ts.ConciseBody | undefined) : undefined;
        const derived =
            ts.isConstructorDeclaration(node) && (node.parent.heritageClauses ?? []).some((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword);
        if (body && !derived && ts.isBlock(body)) edits.push({ at: body.getStart(file) + 1, text: `globalThis.${TRACE}?.();` });
        else if (body && !derived) edits.push({ at: body.getStart(file), text: `(globalThis.${TRACE}?.(), ` }, { at: body.getEnd(), text: ")" });
        ts.forEachChild(node, visit);
    };
    visit(file);
    let text = source;
    for (const { at, text: inserted } of edits.sort((x, y) => y.at - x.at)) text = text.slice(0, at) + inserted + text.slice(at);
    return text;
}

let instrumented = false;

/** Instruments every provider file required from now on. Must run before the provider is first required. */
export function instrumentProvider(): void {
    if (instrumented) return;
    instrumented = true;
    const proto = Module.prototype as unknown as { _compile(content: string, filename: string): unknown };
    const compile = proto._compile;
    proto._compile = function (content: string, filename: string) {
        const mine = filename.startsWith(PROVIDER_DIR + path.sep) && /\.[jt]s$/.test(filename);
        return compile.call(this, mine ? instrument(content, filename) : content, filename);
    };
}

/** The provider files on a stack, outermost first, with repeats of the same file in a row folded. */
function chainOf(stack: string): string[] {
    const files: string[] = [];
    for (const line of stack.split("\n").slice(2)) {
        const match = /\(?([^()\s]+\.[jt]s):\d+:\d+\)?$/.exec(line.trim());
        if (!match || !match[1].startsWith(PROVIDER_DIR + path.sep)) continue;
        const file = path.relative(PROVIDER_DIR, match[1]).replace(/\.js$/, ".ts");
        if (files[0] !== file) files.unshift(file);
    }
    return files;
}

/** Whether `from` calls, directly or through other files, into `to`. */
function reaches(calls: Map<string, Set<string>>, from: string, to: string, seen = new Set<string>()): boolean {
    if (from === to) return true;
    if (seen.has(from)) return false;
    seen.add(from);
    return [...(calls.get(from) ?? [])].some((next) => reaches(calls, next, to, seen));
}

/** The longest chain of calls from `file` in a call graph without cycles. */
function longestFrom(calls: Map<string, Set<string>>, file: string, memo = new Map<string, string[]>()): string[] {
    if (!memo.has(file)) {
        const tails = [...(calls.get(file) ?? [])].map((callee) => longestFrom(calls, callee, memo));
        memo.set(file, [file, ...tails.reduce((a, b) => (b.length > a.length ? b : a), [])]);
    }
    return memo.get(file)!;
}

/** Runs `work` with every instrumented function's entry recorded, and reads the path it took. */
export async function tracePath(work: () => Promise<unknown>): Promise<CreatePath> {
    const stacks: string[] = [];
    const recorder: Recorder = () => {
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = Infinity;
        stacks.push(new Error().stack ?? "");
        Error.stackTraceLimit = limit;
    };
    const global = globalThis as Record<string, unknown>;
    global[TRACE] = recorder;
    try {
        await work();
    } finally {
        delete global[TRACE];
    }
    const files: string[] = [];
    const calls = new Map<string, Set<string>>();
    for (const chain of stacks.map(chainOf)) {
        for (const file of chain) if (!files.includes(file)) files.push(file);
        for (let i = 1; i < chain.length; i++) {
            if (!calls.has(chain[i - 1])) calls.set(chain[i - 1], new Set());
            calls.get(chain[i - 1])!.add(chain[i]);
        }
    }
    const returns = files.flatMap((file) =>
        [...(calls.get(file) ?? [])].filter((callee) => reaches(calls, callee, file)).map((callee) => `${file} > ${callee}`),
    );
    const deepest = returns.length > 0 ? [] : files.map((file) => longestFrom(calls, file)).reduce((a, b) => (b.length > a.length ? b : a), []);
    const edges = files.flatMap((file) => [...(calls.get(file) ?? [])].map((callee) => `${file} > ${callee}`));
    return { files, deepest, calls: edges, returns };
}

/**
 * A TaskWaiter create of one ECS ImportImage task through the real client against the simulator:
 * the first poll finds it running (the simulator's clock is held), the second finished. `measure`
 * wraps the create alone (not the check before it, nor the setup).
 */
async function measureCreate<T>(measure: (create: () => Promise<unknown>) => Promise<T>): Promise<T> {
    /* eslint-disable @typescript-eslint/no-require-imports -- required late: after instrumentProvider(), on purpose */
    const { ManualClock, startSimulator } = require("../simulator") as typeof import("../simulator");
    const { taskWaiterLifecycle } = require("../provider/lifecycle/taskWaiter") as typeof import("../provider/lifecycle/taskWaiter");
    const { createRuntime, readSettings } = require("../provider/wait") as typeof import("../provider/wait");
    /* eslint-enable @typescript-eslint/no-require-imports */
    const clock = new ManualClock();
    const sim = await startSimulator({ clock });
    try {
        const task = sim.createTask({ service: "ecs", action: "ImportImage", durationMs: 60_000, outcome: "success" });
        let answered = 0;
        // the second DescribeTasks finds the task finished: the clock moves only after the first answer
        sim.addLayer(async (_call, next) => {
            const outcome = await next();
            if (++answered === 1) clock.advance(60_000);
            return outcome;
        });
        const config: Record<string, string> = {
            "alicloud:accessKey": sim.credentials.accessKey.accessKeyId,
            "alicloud:secretKey": sim.credentials.accessKey.accessKeySecret,
            "alicloud:region": "cn-hangzhou",
            "alicloud-tasks:endpoint": sim.url,
        };
        const runtime = createRuntime({ settings: readSettings({ get: (key) => config[key] }, {}), writeLine: () => undefined });
        const lifecycle = taskWaiterLifecycle(runtime);
        const inputs = { service: "ecs", taskId: task.taskId, timeout: "5m", pollInterval: { min: "100ms", max: "100ms" }, resourceName: "image" };
        const checked = await lifecycle.check({}, inputs);
        if (checked.failures?.length) throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
        let outs: { status?: string } = {};
        const measured = await measure(async () => (outs = (await lifecycle.create(checked.inputs)).outs));
        if (outs.status !== "succeeded") throw new Error(`the create ended ${outs.status}`);
        if (answered !== 2) throw new Error(`the create polled ${answered} time(s), expected 2`);
        return measured;
    } finally {
        await sim.close();
    }
}

/** The path of a TaskWaiter create. Instruments the provider, so nothing in the process may have required it before. */
export function createPath(): Promise<CreatePath> {
    instrumentProvider();
    return measureCreate(tracePath);
}

/**
 * Lines of the provider's compiled code that a TaskWaiter create runs, by file (V8's block
 * coverage of the create alone): how much code the create needs, whatever files hold it.
 */
export async function createCoverage(): Promise<Record<string, number>> {
    const session = new inspector.Session();
    session.connect();
    const post = <R>(method: string, params?: object) =>
        new Promise<R>((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as R))));
    await post("Profiler.enable");
    await post("Profiler.startPreciseCoverage", { callCount: true, detailed: true });
    type Coverage = { result: { url: string; functions: { ranges: { startOffset: number; endOffset: number; count: number }[] }[] }[] };
    const counts = await measureCreate(async (create) => {
        await post<Coverage>("Profiler.takePreciseCoverage"); // resets the counts: what ran before the create is not counted
        await create();
        return post<Coverage>("Profiler.takePreciseCoverage");
    });
    session.disconnect();
    const lines: Record<string, number> = {};
    for (const script of counts.result) {
        const file = script.url.startsWith("file://") ? url.fileURLToPath(script.url) : script.url;
        if (!file.startsWith(PROVIDER_DIR + path.sep)) continue;
        const text = fs.readFileSync(file, "utf8");
        // a range's count holds for its text minus the ranges nested in it, which come later in the list
        const ran = new Uint8Array(text.length);
        for (const fn of script.functions) for (const r of fn.ranges) ran.fill(r.count > 0 ? 1 : 0, r.startOffset, r.endOffset);
        const ranLines = new Set<number>();
        let line = 0;
        for (let i = 0; i < text.length; i++) {
            if (text[i] === "\n") line++;
            else if (ran[i] && text[i].trim()) ranLines.add(line);
        }
        if (ranLines.size > 0) lines[path.relative(PROVIDER_DIR, file).replace(/\.js$/, ".ts")] = ranLines.size;
    }
    return lines;
}

/** Figures of a TaskWaiter create, each measured in a fresh process (instrumenting changes the code that coverage would count). */
export interface CreateFigures {
    path: CreatePath;
    /** Lines of compiled provider code the create ran, by file. */
    lines: Record<string, number>;
}

function inChild<T>(flag: string): T {
    const self = __filename.endsWith(".ts") ? ["--require", "tsx/cjs", __filename] : [__filename];
    const run = childProcess.spawnSync(process.execPath, [...self, flag, "--json"], { encoding: "utf8" });
    if (run.status !== 0) throw new Error(`${path.basename(__filename)} ${flag} exited ${run.status}: ${run.stderr}`);
    return JSON.parse(run.stdout) as T;
}

export function createFigures(): CreateFigures {
    return { path: inChild<CreatePath>("--path"), lines: inChild<Record<string, number>>("--coverage") };
}

export function createFiguresText({ path: walk, lines }: CreateFigures): string[] {
    const total = Object.values(lines).reduce((a, b) => a + b, 0);
    return [
        "### The files a TaskWaiter create crosses",
        "",
        `One ECS task, two polls, through the real client against the simulator: ${walk.files.length} provider files entered, ` +
            `${total} lines of their compiled code run; the longest chain of calls crosses ${walk.deepest.length} files ` +
            `(${walk.deepest.join(" > ")}); ${walk.returns.length} calls into a file that calls back${walk.returns.length ? ` (${walk.returns.join(", ")})` : ""}.`,
        "",
        ...Object.entries(lines)
            .sort((a, b) => b[1] - a[1])
            .map(([file, n]) => `- ${file}: ${n} lines run`),
    ];
}

async function main(): Promise<void> {
    const json = process.argv.includes("--json");
    if (process.argv.includes("--coverage")) return void console.log(JSON.stringify(await createCoverage()));
    if (process.argv.includes("--path")) return void console.log(JSON.stringify(await createPath(), undefined, json ? undefined : 2));
    console.log(createFiguresText(createFigures()).join("\n"));
}

if (require.main === module) {
    main().catch((error: unknown) => {
        console.error(error);
        process.exitCode = 1;
    });
}
