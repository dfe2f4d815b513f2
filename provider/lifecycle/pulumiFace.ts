import { UNKNOWN_VALUE } from "../inputs/validate";
import { isTerminalStatus, taskStatusSchema } from "../services/snapshot";
import type { Face, WaitOutcome } from "../waits/outcome";
import { ProgressReporter, writeLine } from "../waits/progress";

/**
 * What the Pulumi lifecycles share: how a wait speaks in `pulumi up` (its label, progress lines
 * and words), and how its outcome becomes a create or update result: outputs, an error, or a
 * partial failure that keeps the record in the state.
 */

/** The words of `pulumi up`: the record stays in the state, and the next run resumes from it. */
const PULUMI_WORDS: Face["words"] = {
    keepWaiting: "The resource was recorded with its task: run `pulumi up` again to keep waiting, or raise `timeout`.",
    resumeExport: (idKey, id) => `The ${idKey} ${id} was recorded: run \`pulumi up\` again to keep waiting on this export.`,
    freshExport: "run `pulumi up` again to start a fresh export",
};

export function resourceLabel(kind: string, name: string | undefined): string {
    return name ? `${kind} "${name}"` : kind;
}

/** A wait as `pulumi up` shows it: progress lines on the provider's stdout, which the CLI prints as info. */
export function pulumiFace(kind: string, resourceName: string | undefined): Face {
    const label = resourceLabel(kind, resourceName);
    return { label, progress: new ProgressReporter(label, Date.now()), words: PULUMI_WORDS };
}

/**
 * The outputs to return, or the error to throw. A kept failure is a partial failure: the engine
 * records the resource with these properties, and the next `pulumi up` calls update, which resumes.
 */
export function settle(id: string, outcome: WaitOutcome): Record<string, unknown> {
    if (outcome.verdict === "succeeded") {
        if (outcome.readyLine) writeLine(`[alicloud-tasks] ${outcome.readyLine}`);
        return outcome.record;
    }
    const message = outcome.message ?? outcome.verdict;
    if (outcome.accepted) {
        warn(`${message} (onFailure "warn": the deployment goes on; dependents can read status)`);
        return outcome.record;
    }
    if (outcome.keep) throw Object.assign(new Error(message), { id, properties: outcome.record, reasons: [message] });
    throw new Error(message);
}

export function warn(message: string): void {
    writeLine(`warning: ${message}`);
}

/** For diff: an input unknown at preview counts as changed. */
export function differs(a: unknown, b: unknown): boolean {
    if (b === UNKNOWN_VALUE) return true;
    return JSON.stringify(a ?? null) !== JSON.stringify(b ?? null);
}

/** A wait that timed out is unfinished: diff reports a change so the engine calls update, which resumes it. */
export function isUnfinished(olds: Record<string, unknown>): boolean {
    return typeof olds.status === "string" && !isTerminalStatus(taskStatusSchema.catch("pending").parse(olds.status));
}

/** The recorded status when it is final: update then keeps the recorded result and does not wait again. */
export function finishedStatus(olds: Record<string, unknown>): boolean {
    const status = taskStatusSchema.safeParse(olds.status);
    return status.success && isTerminalStatus(status.data);
}
