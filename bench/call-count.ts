/**
 * Counts this process's API calls by the task they name, for figures per task and per profile.
 * The provider's service modules look callRpc / callRoa up on the client module at call time (the
 * unit tests stub them the same way), so wrapping them here sees every call the waits make.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const callModule: Record<string, unknown> = require("../provider/client/call");

export class CallCounter {
    readonly byTask = new Map<string, number>();
    readonly shared: Record<string, number> = {};
    /** The longest time between two calls that named a task alone (virtual ms). */
    readonly maxGap = new Map<string, number>();
    private readonly lastAt = new Map<string, number>();

    constructor(private readonly now: () => number = Date.now) {}

    /** One call that named these ids (none: a list call). */
    count(action: string, ids: readonly string[]): void {
        if (ids.length !== 1) {
            this.shared[action] = (this.shared[action] ?? 0) + 1;
            return;
        }
        const [id] = ids;
        const now = this.now();
        const last = this.lastAt.get(id);
        if (last !== undefined) this.maxGap.set(id, Math.max(this.maxGap.get(id) ?? 0, now - last));
        this.lastAt.set(id, now);
        this.byTask.set(id, (this.byTask.get(id) ?? 0) + 1);
    }
}

/** The ids a call names: TaskId, TaskIds (comma list), ExportId, or a ROA path's last segment under /tasks/. */
function idsOf(params: Record<string, unknown>, path?: string): string[] {
    if (path) {
        const match = /\/tasks\/([^/]+)$/.exec(path);
        return match ? [decodeURIComponent(match[1])] : [];
    }
    for (const key of ["TaskId", "ExportId"]) if (params[key] !== undefined) return [String(params[key])];
    if (typeof params.TaskIds === "string") return params.TaskIds.split(",");
    return [];
}

/** Wraps the client so that every call is counted. */
export function countCalls(counter: CallCounter): void {
    const rpc = callModule.callRpc as (target: unknown, action: string, params: Record<string, unknown>) => Promise<unknown>;
    const roa = callModule.callRoa as (target: { api: string }, method: string, path: string, ...rest: unknown[]) => Promise<unknown>;
    callModule.callRpc = (target: unknown, action: string, params: Record<string, unknown>) => {
        counter.count(action, idsOf(params));
        return rpc(target, action, params);
    };
    callModule.callRoa = (target: { api: string }, method: string, path: string, ...rest: unknown[]) => {
        counter.count(target.api, idsOf({}, path));
        return roa(target, method, path, ...rest);
    };
}
