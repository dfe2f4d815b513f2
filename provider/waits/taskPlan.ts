import type { WaitResult } from "../engine/result";
import type { TaskWaiterInputs } from "../inputs";
import type { TaskWaiterOutputs } from "../outputs";
import type { TaskSnapshot } from "../services/snapshot";
import { bdrcTaskPlan } from "./bdrcTask";
import { ecsTasksPlan } from "./ecsTasks";
import type { ProgressSink } from "./progress";
import type { StatusRules } from "./status";

/** TaskWaiter's inputs once checked: defaults applied, the region resolved. */
export type CheckedTaskWaiterInputs = TaskWaiterInputs & { region: string };

/** What a TaskWaiter records about its tasks, besides its inputs, waitedSeconds and failureReason. */
export type TaskWaiterResult = Omit<TaskWaiterOutputs, "waitedSeconds" | "failureReason">;

export interface TaskWaitResults {
    /** The tasks waited on (ECS resolves resource ids to tasks first; empty when that failed). */
    taskIds: string[];
    /** One engine result per task (or per resource lookup that failed). */
    results: WaitResult<TaskSnapshot>[];
    outputs: TaskWaiterResult;
}

/**
 * How TaskWaiter waits for one service, bound to the resource's inputs. What is alike for every
 * service (verdicts, messages, records, resume) is taskWait.ts's.
 */
export interface TaskPlan {
    /** "ECS task", "BDRC task": what messages call one task. */
    readonly what: string;
    /** The resource id: stable and readable, e.g. ecs:cn-hangzhou:t-123. */
    readonly id: string;
    readonly rules: StatusRules;
    /** Waits for every task until it is terminal or the timeout passes; `knownTaskIds` resumes an earlier wait. */
    wait(options: { progress: ProgressSink; knownTaskIds?: string[]; signal?: AbortSignal }): Promise<TaskWaitResults>;
    /** Why a wait whose tasks all ended did not succeed, without the resource's name. */
    describeFailure(outputs: TaskWaiterResult): string;
    /** The tasks a previous, unfinished wait recorded, to resume on. */
    recordedTaskIds(props: Record<string, unknown>): string[] | undefined;
    /** `pulumi refresh`: the recorded properties updated from one read of the tasks. */
    refresh(props: Record<string, unknown>): Promise<Record<string, unknown>>;
}

export function taskPlanFor(inputs: CheckedTaskWaiterInputs): TaskPlan {
    switch (inputs.service) {
        case "ecs":
            return ecsTasksPlan(inputs);
        case "bdrc":
            return bdrcTaskPlan(inputs);
    }
}
