import type { TaskSource } from "../engine/poller";

/**
 * A source for APIs without a list call (bdrc DescribeTask, Security Center DescribeExportInfo):
 * one call per task per poll. `describe` answers undefined for a task the API does not know, which
 * the engine treats as "not visible".
 */
export function perTaskSource<S>(batchKey: string, describe: (taskId: string, timeLeftMs?: number) => Promise<S | undefined>): TaskSource<S> {
    return { batchKey, maxBatchSize: 1, fetch: (taskIds, timeLeftMs) => describeEach(taskIds, (id) => describe(id, timeLeftMs)) };
}

/** Every id asked for, in parallel, keyed by that id (the engine matches on it). */
export async function describeEach<S>(taskIds: readonly string[], describe: (taskId: string) => Promise<S | undefined>): Promise<Map<string, S>> {
    const found = new Map<string, S>();
    await Promise.all(
        taskIds.map(async (id) => {
            const snapshot = await describe(id);
            if (snapshot !== undefined) found.set(id, snapshot);
        }),
    );
    return found;
}
