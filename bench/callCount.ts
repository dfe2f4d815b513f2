import type { ApiClient } from "../provider/client/call";

/**
 * Counts this process's API calls by the task they name, for figures per task and per profile:
 * the runtime the bench builds calls through a client wrapped here (countedClient), so it sees
 * every call the waits make.
 */

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

/** The client with every call counted. */
export function countedClient(client: ApiClient, counter: CallCounter): ApiClient {
    return {
        rpc: (target, action, params) => {
            counter.count(action, idsOf(params));
            return client.rpc(target, action, params);
        },
        roa: (target, method, path, query, body) => {
            counter.count(target.api, idsOf({}, path));
            return client.roa(target, method, path, query, body);
        },
    };
}
