import { MessageChannel, MessagePort, Worker, receiveMessageOnPort } from "worker_threads";
import type { Json } from "./jmespath";

/**
 * JMESPath evaluated within a budget. An expression of a thousand characters can take 2^80 steps
 * (each `[@,@]|` doubles what follows), and evaluation is synchronous: on the event loop it would
 * hold every wait of the process past its deadline. So expressions run in a worker thread, and the
 * caller blocks on an Atomics.wait bounded by the budget: past it the worker is terminated (and a
 * fresh one started for the next evaluation), and the expressions get a problem instead of a
 * value. The worker's heap is capped too, so an expression that builds a huge value ends the same
 * way instead of exhausting the process.
 *
 * Why a worker rather than `vm.runInContext` with `timeout`: measured on the 2-core CI machine
 * under load, a vm call with a timeout costs about 350 µs (a watchdog thread per call) against 35
 * µs for a round trip to a waiting worker, and vm shares the process's heap. Evaluation stays
 * synchronous for its callers (acceptors judge inside the poller).
 */

/** How long one evaluation (all of a wait's expressions on one answer) may take. Real expressions take microseconds. */
const EVALUATION_BUDGET_MS = 250;
/** The largest value an expression may select, as JSON: a bigger one is a problem, never copied back. */
const MAX_VALUE_BYTES = 1024 * 1024;
/** The worker's heap: generous for any answer the client accepts (4 MiB), small beside the process's. */
const WORKER_HEAP_MB = 128;
/** Starting a worker is not part of the budget; this only guards against a worker that never starts. */
const STARTUP_GUARD_MS = 60_000;

type Evaluated = { value: Json } | { problem: string };

export interface ExpressionEvaluator {
    /** Each expression's value on `data`, in order. A function given the wrong type at run time (length(null)) selects null. */
    evaluate(data: unknown, expressions: readonly string[]): Evaluated[];
    /** Ends the worker (a runtime that is done; the worker never holds the process open anyway). */
    close(): void;
}

/** What the worker runs: plain JavaScript, so that it needs no build step (it loads the library the package depends on). */
const WORKER_SOURCE = `
const { workerData } = require("worker_threads");
const { compile, TreeInterpreter } = require(workerData.library);
const signal = new Int32Array(workerData.shared);
const compiled = new Map();
function one(text, data) {
    let node = compiled.get(text);
    if (!node) compiled.set(text, (node = compile(text, { enable_legacy_literals: true })));
    let value;
    try { value = TreeInterpreter.search(node, data); } catch { value = null; }
    const json = JSON.stringify(value === undefined ? null : value);
    return json.length > workerData.maxBytes ? { tooLarge: json.length } : { json };
}
workerData.port.on("message", ({ data, expressions }) => {
    let results;
    try { results = expressions.map((text) => one(text, data)); } catch (error) { results = expressions.map(() => ({ error: String(error && error.message) })); }
    workerData.port.postMessage(results);
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
});
Atomics.store(signal, 0, 1);
Atomics.notify(signal, 0);
`;

interface Running {
    worker: Worker;
    port: MessagePort;
    signal: Int32Array;
}

type WorkerResult = { json: string } | { tooLarge: number } | { error: string };

/** The evaluator of one runtime: a worker started at the first evaluation, replaced after one ran over budget. */
export function sandboxedEvaluator(budgetMs: number = EVALUATION_BUDGET_MS): ExpressionEvaluator {
    let running: Running | undefined;
    const start = (): Running => {
        const shared = new SharedArrayBuffer(4);
        const signal = new Int32Array(shared);
        const { port1, port2 } = new MessageChannel();
        const worker = new Worker(WORKER_SOURCE, {
            eval: true,
            workerData: { shared, port: port2, library: require.resolve("@jmespath-community/jmespath"), maxBytes: MAX_VALUE_BYTES },
            transferList: [port2],
            resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
            stdout: true,
            stderr: true,
        });
        worker.unref();
        port1.unref();
        // a worker that dies (out of memory) is found by the next wait timing out
        worker.on("error", () => undefined);
        if (Atomics.wait(signal, 0, 0, STARTUP_GUARD_MS) === "timed-out") {
            void worker.terminate();
            throw new Error("the JMESPath worker did not start");
        }
        return { worker, port: port1, signal };
    };
    const stop = () => {
        if (running) void running.worker.terminate();
        running = undefined;
    };
    return {
        evaluate(data, expressions) {
            if (expressions.length === 0) return [];
            running ??= start();
            const { port, signal } = running;
            Atomics.store(signal, 0, 0);
            try {
                port.postMessage({ data: data ?? null, expressions });
            } catch (error) {
                return expressions.map(() => ({ problem: `the answer could not be handed to the evaluator (${(error as Error).message})` }));
            }
            const answered = Atomics.wait(signal, 0, 0, budgetMs) !== "timed-out";
            const received = answered ? (receiveMessageOnPort(port)?.message as WorkerResult[] | undefined) : undefined;
            if (!received) {
                stop();
                const problem = `evaluation took longer than its budget of ${budgetMs} ms (or more than ${WORKER_HEAP_MB} MB): simplify the expression`;
                return expressions.map(() => ({ problem }));
            }
            return received.map((r): Evaluated => {
                if ("json" in r) return { value: JSON.parse(r.json) as Json };
                if ("tooLarge" in r) return { problem: `selects ${r.tooLarge} characters of JSON, more than ${MAX_VALUE_BYTES}: select less` };
                return { problem: `could not be evaluated (${r.error})` };
            });
        },
        close: stop,
    };
}
