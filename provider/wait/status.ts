import { StatusOverrides, StatusTable, TaskSnapshot, TaskStatus, normalizeStatus } from "../services/snapshot";

/**
 * What a snapshot's status means for one wait, decided here and only here: the acceptors, the
 * progress lines, the outcome and the outputs all read it from `effectiveStatus`.
 */
export interface StatusRules extends StatusOverrides {
    /** The API's raw statuses in the common vocabulary. */
    table: StatusTable;
    /** A task that finished with failed operations (FailedCount > 0) counts as failed. */
    failOnPartialFailure?: boolean;
}

/**
 * The user's extra statuses first, then the API's table; a succeeded task with failed operations is
 * failed when the rules say so; a succeeded export whose download has expired is expired.
 */
export function effectiveStatus(snapshot: TaskSnapshot, rules: StatusRules, now: number = Date.now()): TaskStatus {
    const status = normalizeStatus(snapshot.rawStatus, rules.table, rules);
    if (status !== "succeeded") return status;
    if (rules.failOnPartialFailure && (snapshot.failedCount ?? 0) > 0) return "failed";
    if (snapshot.expiresAt !== undefined && Date.parse(snapshot.expiresAt) <= now) return "expired";
    return status;
}

/** Several tasks: any failure fails the whole, all must succeed for success. */
export function aggregateStatus(statuses: readonly TaskStatus[]): TaskStatus {
    for (const bad of ["failed", "cancelled", "expired"] as const) if (statuses.includes(bad)) return bad;
    if (statuses.length > 0 && statuses.every((s) => s === "succeeded")) return "succeeded";
    if (statuses.includes("running") || statuses.includes("succeeded")) return "running";
    return "pending";
}
