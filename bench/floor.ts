import { DEFAULT_BACKOFF } from "../provider/engine/backoff";
import { DEFAULT_CADENCE, sharedGap } from "../provider/engine/cadence";
import { BDRC_LIST_PAGE } from "../provider/services/bdrc";
import { ECD_MAX_PAGE_SIZE } from "../provider/services/ecd";
import { ECS_MAX_TASK_IDS } from "../provider/services/ecs";
import type { Service, SimTaskRef } from "./workload";

export interface Floor {
    rounds: number;
    calls: number;
}

/**
 * The fewest calls the new schedule can make for concurrent waits that share their checks, without
 * knowing when any task ends: every pending task checked at once, after the backoff's first step
 * (3 s), then every shared gap (4 s; down to 3 s while one call answers more than 200 waits, as the
 * poller does: cadence.ts sharedGap), until the check that first sees the last task terminal.
 * A check costs the calls that answer every pending wait: ECS ceil(pending / 100) DescribeTasks;
 * bdrc and ECD one walk over the listed tasks (the list shows finished ones too), ceil(N / 500)
 * DescribeTasks pages and ceil(N / 200) DescribeEcdReportTasks pages. ECS adds one
 * DescribeTaskAttribute per task (its operations, once it ended). Security Center has no list call:
 * every check is a call per task, so it has no shared floor (undefined).
 * A progress forecast may skip checks while every pending task's end is far, so a run can go below it.
 */
export function sharedFloor(service: Service, tasks: readonly SimTaskRef[], startedAtMs: number): Floor | undefined {
    if (service === "sas") return undefined;
    const ends = tasks.map((t) => t.endsAtMs - startedAtMs);
    const last = Math.max(...ends);
    let rounds = 0;
    let calls = 0;
    let previous = -Infinity;
    for (let at = 0; previous < last;) {
        const pending = ends.filter((end) => end > previous).length;
        rounds++;
        calls += pagesPerCheck(service, pending, tasks.length);
        previous = at;
        const cadence = sharedGap(DEFAULT_BACKOFF, DEFAULT_CADENCE, pending / Math.ceil(pending / idsPerCall(service)));
        at = at === 0 ? Math.min(DEFAULT_BACKOFF.minMs, cadence) : at + cadence;
    }
    return { rounds, calls: calls + (service === "ecs" ? tasks.length : 0) };
}

/** How many waits one call can answer, as the poller counts them (TaskSource idsPerCall). */
function idsPerCall(service: Exclude<Service, "sas">): number {
    return service === "ecs" ? ECS_MAX_TASK_IDS : service === "bdrc" ? BDRC_LIST_PAGE.max : ECD_MAX_PAGE_SIZE;
}

function pagesPerCheck(service: Exclude<Service, "sas">, pending: number, listed: number): number {
    switch (service) {
        case "ecs":
            return Math.ceil(pending / ECS_MAX_TASK_IDS);
        case "bdrc":
            return Math.ceil(listed / BDRC_LIST_PAGE.max);
        case "ecd":
            return Math.ceil(listed / ECD_MAX_PAGE_SIZE);
    }
}
