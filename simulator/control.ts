/**
 * The control API under /__sim/, for tests and the benchmark harness. Unsigned and JSON-only:
 *   POST /__sim/tasks          create a task from a TaskSpec            -> 201 SimTaskView
 *   GET  /__sim/tasks          every task, newest first                 -> 200 SimTaskView[]
 *   GET  /__sim/tasks/<id>     one task, with its state now             -> 200 SimTaskView | 404
 *   GET  /__sim/stats          call counters                            -> 200 SimStats
 *   POST /__sim/stats/reset    zero the counters                        -> 200 SimStats
 * Errors are {"message": "..."} with 400 (bad input), 404, 405 or 409 (duplicate task id).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { sendJson } from "./http-io";
import type { SimulatorState } from "./state";
import { InvalidTaskSpecError } from "./task-spec";
import { DuplicateTaskError, taskView } from "./tasks";

export const CONTROL_PREFIX = "/__sim/";

function fail(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { message });
}

function createTask(res: ServerResponse, body: Buffer, state: SimulatorState): void {
  let spec: unknown;
  try {
    spec = JSON.parse(body.toString("utf8"));
  } catch {
    return fail(res, 400, "the body must be a JSON task spec");
  }
  try {
    sendJson(res, 201, state.createTask(spec));
  } catch (err) {
    if (err instanceof InvalidTaskSpecError) return fail(res, 400, err.message);
    if (err instanceof DuplicateTaskError) return fail(res, 409, err.message);
    throw err;
  }
}

export function handleControl(req: IncomingMessage, res: ServerResponse, path: string, body: Buffer, state: SimulatorState): void {
  const method = req.method ?? "GET";
  const route = path.slice(CONTROL_PREFIX.length).replace(/\/+$/, "");
  const allow = (...methods: string[]): boolean => {
    if (methods.includes(method)) return true;
    res.setHeader("allow", methods.join(", "));
    fail(res, 405, `${method} is not allowed on ${path}`);
    return false;
  };

  if (route === "tasks") {
    if (!allow("GET", "POST")) return;
    if (method === "POST") return createTask(res, body, state);
    const now = state.clock.now();
    return sendJson(res, 200, state.tasks.list().map((t) => taskView(t, now)));
  }
  if (route.startsWith("tasks/")) {
    if (!allow("GET")) return;
    const id = decodeURIComponent(route.slice("tasks/".length));
    const view = state.getTask(id);
    return view ? sendJson(res, 200, view) : fail(res, 404, `no task with id ${id}`);
  }
  if (route === "stats") {
    if (!allow("GET")) return;
    return sendJson(res, 200, state.stats.snapshot());
  }
  if (route === "stats/reset") {
    if (!allow("POST")) return;
    state.stats.reset();
    return sendJson(res, 200, state.stats.snapshot());
  }
  fail(res, 404, `no control endpoint ${path}`);
}
