import type { TaskSource } from "../engine/poller";
import { describeEach } from "./perTaskSource";

/** One page of an API's task list, newest first, and how to ask for the next one (none on the last page). */
export interface ListedPage<S> {
    snapshots: S[];
    next?: string;
}

interface ListedSourceOptions<S> {
    batchKey: string;
    /** The most tasks one page can hold (the API's limit): every page asks for this many. */
    maxPageSize: number;
    /** A page of `size` tasks, from the start (`token` undefined) or after the page that returned `token`. */
    listPage(size: number, token: string | undefined, timeLeftMs?: number): Promise<ListedPage<S>>;
    /** One task by its id; undefined when the API does not know it. */
    describe(taskId: string, timeLeftMs?: number): Promise<S | undefined>;
}

/** Ids one fetch serves: one list walk answers them all, whatever their number. */
const LISTED_BATCH_SIZE = 1000;

/** The most pages one walk reads, however many ids it still misses: the rest are asked for by id. */
const MAX_LIST_PAGES = 20;

/**
 * Concurrent waits served by an API's list call (bdrc DescribeTasks, ECD DescribeEcdReportTasks).
 * The list shows the account's newest tasks, finished and other ones among the waited ones, so
 * pages are as large as the API allows (a call is a call, however long its answer). The walk goes
 * on while two or more ids are missing (a page costs what asking for one id costs): through the
 * pages the ids could fill and one more, then as long as each page still finds some, since waits
 * that are still running late in a run sit anywhere among tasks that finished. An id not on the
 * pages read (an older task, one not visible) is asked for by itself: batching never loses a task.
 * A lone id is asked for by itself at once (one call either way, and the right one).
 */
export function listedSource<S extends { taskId: string }>(options: ListedSourceOptions<S>): TaskSource<S> {
    return {
        batchKey: options.batchKey,
        maxBatchSize: LISTED_BATCH_SIZE,
        idsPerCall: options.maxPageSize,
        async fetch(taskIds, timeLeftMs) {
            const describe = (id: string) => options.describe(id, timeLeftMs);
            if (taskIds.length === 1) return describeEach(taskIds, describe);
            const wanted = new Set(taskIds);
            const found = new Map<string, S>();
            const size = options.maxPageSize;
            const fillPages = Math.ceil(wanted.size / size) + 1;
            let token: string | undefined;
            for (let pages = 1; ; pages++) {
                const page = await options.listPage(size, token, timeLeftMs);
                let foundHere = 0;
                for (const s of page.snapshots) {
                    if (!wanted.has(s.taskId) || found.has(s.taskId)) continue;
                    found.set(s.taskId, s);
                    foundHere++;
                }
                token = page.next;
                const barren = pages >= fillPages && foundHere === 0;
                if (!token || wanted.size - found.size < 2 || barren || pages >= MAX_LIST_PAGES) break;
            }
            const rest = await describeEach(
                taskIds.filter((id) => !found.has(id)),
                describe,
            );
            return new Map([...found, ...rest]);
        },
    };
}
