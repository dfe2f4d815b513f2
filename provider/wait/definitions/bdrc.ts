import type { BdrcTaskWaiterInputs } from "../../inputs";
import { BDRC_STATUS_TABLE, BdrcSnapshot, bdrcTaskSource, describeBdrcTask } from "../../services/bdrc";
import { isTerminalStatus } from "../../services/snapshot";
import { STATUS_ACCEPTORS, judge } from "../acceptor";
import type { WaitDefinition } from "../definition";
import { Runtime, plainJson, serviceContext } from "../runtime";
import { StatusRules, effectiveStatus } from "../status";
import type { TaskWaiterFields } from "./ecs";

type Inputs = BdrcTaskWaiterInputs & { region: string };

/** TaskWaiter's service "bdrc": one Backup and Disaster Recovery Center task (DescribeTask; concurrent waits share DescribeTasks pages). */
export function bdrcDefinition(inputs: Inputs, runtime: Runtime): WaitDefinition<BdrcSnapshot> {
    const rules = bdrcRules(inputs);
    const statusOf = (s: BdrcSnapshot) => effectiveStatus(s, rules);
    const source = bdrcTaskSource(serviceContext(runtime, inputs.region));
    return {
        what: "BDRC task",
        inputs,
        begin: async () => ({ ids: [inputs.taskId] }),
        request: () => ({
            source,
            judge: (s) => judge({ kind: "status", status: statusOf(s) }, STATUS_ACCEPTORS),
            statusOf,
            progressOf: (s) => s.progress,
        }),
        outputs: (_begun, results) => bdrcOutputs(results[0]?.snapshot, rules),
        phrasing: { kind: "task", rules, describeFailure: (outputs) => describeBdrcFailure(inputs.taskId, outputs as TaskWaiterFields) },
        resumes: { unfinished: true, afterError: () => false, afterFailure: () => false },
    };
}

function bdrcRules(inputs: Inputs): StatusRules {
    return { table: BDRC_STATUS_TABLE, successStatuses: inputs.successStatuses, failureStatuses: inputs.failureStatuses };
}

/** The outputs for the last snapshot; a task not seen yet is pending. */
function bdrcOutputs(snapshot: BdrcSnapshot | undefined, rules: StatusRules): TaskWaiterFields {
    if (!snapshot) return { status: "pending", rawStatus: "Unknown", progress: 0 };
    const status = effectiveStatus(snapshot, rules);
    const d = snapshot.details;
    return {
        status,
        rawStatus: snapshot.rawStatus,
        progress: snapshot.progress ?? (status === "succeeded" ? 100 : 0),
        taskType: d.taskType,
        taskName: d.taskName,
        result: d.result,
        detail: d.detail,
        startedAt: d.startedAt,
        // the sample fills CompleteTime on a RUNNING task: it means something only once the task has ended
        finishedAt: isTerminalStatus(status) ? d.completedAt : undefined,
        errorMessage: snapshot.errorMessage,
        requestId: snapshot.requestId,
    };
}

/** 'BDRC task t-1 (UPDATE_RESOURCES "nightly") FAILED (failed), progress 40%: too many requests'. */
function describeBdrcFailure(taskId: string, result: TaskWaiterFields): string {
    const what = [result.taskType, result.taskName ? JSON.stringify(result.taskName) : undefined].filter(Boolean).join(" ");
    const cause = result.errorMessage ? `: ${result.errorMessage}` : "";
    const expired = result.status === "expired" ? " (the task expired before it completed)" : "";
    return `BDRC task ${taskId}${what ? ` (${what})` : ""} ${result.rawStatus} (${result.status}), progress ${result.progress}%${expired}${cause}`;
}

export function bdrcWaiterId(inputs: Inputs): string {
    return `bdrc:${inputs.region}:${inputs.taskId}`;
}

/** The task of an earlier, unfinished wait. */
export function recordedBdrcTaskIds(props: Record<string, unknown>): string[] | undefined {
    return typeof props.taskId === "string" ? [props.taskId] : undefined;
}

/** `pulumi refresh`: one read; a task gone from the task history keeps what was recorded. */
export async function refreshBdrc(inputs: Inputs, runtime: Runtime, props: Record<string, unknown>): Promise<Record<string, unknown>> {
    const snapshot = await describeBdrcTask(serviceContext(runtime, inputs.region), inputs.taskId);
    if (!snapshot) return props;
    return plainJson(runtime, { ...props, ...bdrcOutputs(snapshot, bdrcRules(inputs)) });
}
