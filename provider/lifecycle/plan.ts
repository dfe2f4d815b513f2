import type { WaitResult } from "../engine/result";
import type { TaskSnapshot, TaskStatus } from "../services/snapshot";
import type { ProgressReporter } from "./progress";

/** What every service's TaskWaiter outputs have; the rest is the service's own (outputs.ts). */
export interface PlanOutputs {
    status: TaskStatus;
    rawStatus: string;
    progress: number;
    requestId?: string;
}

export interface PlanWait<O extends PlanOutputs> {
    /** The tasks waited on (ECS resolves resource ids to tasks first; empty when that failed). */
    taskIds: string[];
    /** One engine result per task (or per resource lookup that failed). */
    results: WaitResult<TaskSnapshot<unknown>>[];
    outputs: O;
}

/**
 * How TaskWaiter waits for one service, chosen by the `service` input. Everything else is done
 * alike for every service by taskWaiter.ts: verdicts, timeouts that the next `pulumi up`
 * resumes, onFailure "warn", messages that name the resource.
 */
export interface WaiterPlan<I, O extends PlanOutputs> {
    /** "ECS task", "BDRC task": what messages call one task. */
    readonly what: string;
    /** The resource id: stable and readable, e.g. ecs:cn-hangzhou:t-123. */
    id(inputs: I): string;
    /** The tasks a previous, unfinished wait recorded, to resume on. */
    recordedTaskIds(props: Record<string, unknown>): string[] | undefined;
    wait(inputs: I, reporter: ProgressReporter, knownTaskIds?: string[]): Promise<PlanWait<O>>;
    /** Why a wait that ended with terminal tasks did not succeed, without the resource's name. */
    describeFailure(inputs: I, outputs: O): string;
    /** `pulumi refresh`: the recorded properties updated from one read of the tasks. */
    refresh(inputs: I, props: Record<string, unknown>): Promise<Record<string, unknown>>;
}
