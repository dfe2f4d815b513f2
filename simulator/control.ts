/**
 * The control API under /__sim/, for tests and the benchmark harness. Unsigned and JSON-only:
 *   POST   /__sim/tasks                   create a task from a TaskSpec              -> 201 SimTaskView
 *   GET    /__sim/tasks                   every task, newest first                   -> 200 SimTaskView[]
 *   DELETE /__sim/tasks                   forget every task                          -> 200 {"removed": n}
 *   GET    /__sim/tasks/<id>              one task, with its state now               -> 200 SimTaskView | 404
 *   DELETE /__sim/tasks/<id>              forget a task (the API then answers NotFound) -> 200 SimTaskView | 404
 *   GET    /__sim/task-templates/<svc>    fields for tasks API calls create          -> 200 object
 *   PUT    /__sim/task-templates/<svc>    set them, e.g. {"durationMs":5000,"outcome":"failed"} ({} resets) -> 200 object
 *   GET    /__sim/stats                   call, error and fault counters             -> 200 SimStats
 *   POST   /__sim/stats/reset             zero the counters                          -> 200 SimStats
 *   POST   /__sim/faults                  add a fault rule, or a list of them        -> 201 FaultRuleView | FaultRuleView[]
 *   GET    /__sim/faults                  the rules, with their counters             -> 200 FaultRuleView[]
 *   DELETE /__sim/faults                  remove every rule                          -> 200 {"removed": n}
 *   GET    /__sim/faults/<id>             one rule                                   -> 200 FaultRuleView | 404
 *   DELETE /__sim/faults/<id>             remove one rule                            -> 200 {"removed": 1} | 404
 *   GET    /__sim/clock                   the task clock                             -> 200 {now, nowMs, manual}
 *   POST   /__sim/clock/advance           {"ms": N}: move a manual clock forward     -> 200 {now, nowMs, manual} | 409
 *   POST   /__sim/apis                    script an API the simulator does not model -> 201 ScriptedApiView
 *   GET    /__sim/apis                    the scripts, with their call counts        -> 200 ScriptedApiView[]
 *   DELETE /__sim/apis                    remove every script                        -> 200 {"removed": n}
 *   GET    /__sim/apis/<id>               one script                                 -> 200 ScriptedApiView | 404
 *   DELETE /__sim/apis/<id>               remove one script                          -> 200 {"removed": 1} | 404
 * Errors are {"message": "..."} with 400 (bad input), 404, 405, 409 (duplicate task id; clock not
 * manual; no room for more scripts or fault rules: limits.ts), 413 (one script or rule too large)
 * or 507 (the task store is full). A 400 for bad fields also lists every one of them:
 * {"message": "2 problems: ...; ...", "problems": [{"field": "durationMs", "message": "..."}, ...]}. Requests a web page could make are refused first, with
 * 403 or 415 (see controlGuard.ts).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { ManualClock } from "./clock";
import { controlRefusal } from "./controlGuard";
import { sendJson } from "./httpIo";
import { LimitError } from "./limits";
import { InvalidSpecError } from "./problems";
import type { SimulatorState } from "./state";
import { DuplicateTaskError, TaskStoreFullError } from "./tasks";

export const CONTROL_PREFIX = "/__sim/";

/** A control request, once routed: the route's id part if any, and the body. */
interface ControlRequest {
    /** The decoded last segment of routes like tasks/<id>. */
    id: string;
    body: Buffer;
    res: ServerResponse;
    state: SimulatorState;
}

type ControlHandler = (req: ControlRequest) => void;

function fail(res: ServerResponse, status: number, message: string): void {
    sendJson(res, status, { message });
}

/** Parses a JSON body; answers 400 and returns undefined when it is not JSON. */
function jsonBody(req: ControlRequest, what: string): { value: unknown } | undefined {
    try {
        return { value: JSON.parse(req.body.toString("utf8") || "null") };
    } catch {
        fail(req.res, 400, `the body must be ${what}`);
        return undefined;
    }
}

/** Runs an action that may reject its input, mapping the simulator's input errors to statuses. */
function guard(res: ServerResponse, action: () => void): void {
    try {
        action();
    } catch (err) {
        if (err instanceof InvalidSpecError) return sendJson(res, 400, { message: err.message, problems: err.problems });
        if (err instanceof LimitError) return fail(res, err.status, err.message);
        if (err instanceof DuplicateTaskError) return fail(res, 409, err.message);
        if (err instanceof TaskStoreFullError) return fail(res, 507, err.message);
        throw err;
    }
}

function clockView(state: SimulatorState) {
    const nowMs = state.clock.now();
    return { now: new Date(nowMs).toISOString(), nowMs, manual: state.clock instanceof ManualClock };
}

const TASKS: Record<string, ControlHandler> = {
    POST: (req) => {
        const body = jsonBody(req, "a JSON task spec");
        if (body) guard(req.res, () => sendJson(req.res, 201, req.state.createTask(body.value)));
    },
    GET: ({ res, state }) =>
        sendJson(
            res,
            200,
            state.tasks.list().map((t) => state.view(t)),
        ),
    DELETE: ({ res, state }) => sendJson(res, 200, { removed: state.tasks.clear() }),
};

const TASK: Record<string, ControlHandler> = {
    GET: ({ res, state, id }) => {
        const view = state.getTask(id);
        return view ? sendJson(res, 200, view) : fail(res, 404, `no task with id ${id}`);
    },
    DELETE: ({ res, state, id }) => {
        const view = state.getTask(id);
        if (!view) return fail(res, 404, `no task with id ${id}`);
        state.tasks.remove(id);
        sendJson(res, 200, view);
    },
};

const TEMPLATE: Record<string, ControlHandler> = {
    GET: ({ res, state, id }) => guard(res, () => sendJson(res, 200, state.taskTemplate(id))),
    PUT: (req) => {
        const body = jsonBody(req, "a JSON object of task spec fields");
        if (body) guard(req.res, () => sendJson(req.res, 200, req.state.setTaskTemplate(req.id, body.value)));
    },
};

const STATS: Record<string, ControlHandler> = {
    GET: ({ res, state }) => sendJson(res, 200, state.stats.snapshot()),
};

const STATS_RESET: Record<string, ControlHandler> = {
    POST: ({ res, state }) => {
        state.stats.reset();
        sendJson(res, 200, state.stats.snapshot());
    },
};

const FAULTS: Record<string, ControlHandler> = {
    POST: (req) => {
        const body = jsonBody(req, "a JSON fault rule or a list of them");
        if (body) guard(req.res, () => sendJson(req.res, 201, req.state.faults.install(body.value)));
    },
    GET: ({ res, state }) => sendJson(res, 200, state.faults.list()),
    DELETE: ({ res, state }) => sendJson(res, 200, { removed: state.faults.clear() }),
};

const FAULT: Record<string, ControlHandler> = {
    GET: ({ res, state, id }) => {
        const view = state.faults.list().find((r) => r.id === id);
        return view ? sendJson(res, 200, view) : fail(res, 404, `no fault rule with id ${id}`);
    },
    DELETE: ({ res, state, id }) => (state.faults.remove(id) ? sendJson(res, 200, { removed: 1 }) : fail(res, 404, `no fault rule with id ${id}`)),
};

const CLOCK: Record<string, ControlHandler> = {
    GET: ({ res, state }) => sendJson(res, 200, clockView(state)),
};

const CLOCK_ADVANCE: Record<string, ControlHandler> = {
    POST: (req) => {
        const { res, state } = req;
        if (!(state.clock instanceof ManualClock))
            return fail(res, 409, "the simulator clock is not manual (start it with a ManualClock, or the CLI with --manual-clock)");
        const body = jsonBody(req, 'a JSON object such as {"ms": 1000}');
        if (!body) return;
        const ms = (body.value as { ms?: unknown } | null)?.ms;
        const headroom = state.clock.headroomMs;
        if (typeof ms !== "number" || !Number.isInteger(ms) || ms < 0 || ms > headroom) {
            const message = `ms must be an integer from 0 to ${headroom} (the clock stops in the year 275729)`;
            return sendJson(res, 400, { message, problems: [{ field: "ms", message }] });
        }
        state.clock.advance(ms);
        sendJson(res, 200, clockView(state));
    },
};

const APIS: Record<string, ControlHandler> = {
    POST: (req) => {
        const body = jsonBody(req, "a JSON API script");
        if (body) guard(req.res, () => sendJson(req.res, 201, req.state.scripts.add(body.value)));
    },
    GET: ({ res, state }) => sendJson(res, 200, state.scripts.list()),
    DELETE: ({ res, state }) => sendJson(res, 200, { removed: state.scripts.clear() }),
};

const API: Record<string, ControlHandler> = {
    GET: ({ res, state, id }) => {
        const view = state.scripts.get(id);
        return view ? sendJson(res, 200, view) : fail(res, 404, `no API script with id ${id}`);
    },
    DELETE: ({ res, state, id }) => (state.scripts.remove(id) ? sendJson(res, 200, { removed: 1 }) : fail(res, 404, `no API script with id ${id}`)),
};

/** Routes: exact ones, then "<prefix>/<id>" ones. */
const EXACT_ROUTES: Record<string, Record<string, ControlHandler>> = {
    tasks: TASKS,
    stats: STATS,
    "stats/reset": STATS_RESET,
    faults: FAULTS,
    clock: CLOCK,
    "clock/advance": CLOCK_ADVANCE,
    apis: APIS,
};
const ID_ROUTES: Record<string, Record<string, ControlHandler>> = {
    tasks: TASK,
    "task-templates": TEMPLATE,
    faults: FAULT,
    apis: API,
};

/** `port` is the simulator's own: the only one a control request's Host and Origin may name. */
export function handleControl(req: IncomingMessage, res: ServerResponse, path: string, body: Buffer, state: SimulatorState, port: number): void {
    const method = req.method ?? "GET";
    const refusal = controlRefusal(method, req.headers, body, port);
    if (refusal) return fail(res, refusal.status, refusal.message);
    const route = path.slice(CONTROL_PREFIX.length).replace(/\/+$/, "");
    const slash = route.indexOf("/");
    let handlers = EXACT_ROUTES[route];
    let id = "";
    if (!handlers && slash > 0 && ID_ROUTES[route.slice(0, slash)]) {
        handlers = ID_ROUTES[route.slice(0, slash)];
        id = decodeURIComponent(route.slice(slash + 1));
    }
    if (!handlers) return fail(res, 404, `no control endpoint ${path}`);
    const handler = Object.prototype.hasOwnProperty.call(handlers, method) ? handlers[method] : undefined;
    if (!handler) {
        res.setHeader("allow", Object.keys(handlers).join(", "));
        return fail(res, 405, `${method} is not allowed on ${path}`);
    }
    handler({ id, body, res, state });
}
