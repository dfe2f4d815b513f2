import { parseDuration } from "../engine/duration";
import type { TaskWaiterInputs } from "../inputs";
import { BDRC_STATUS_TABLE, BdrcContext, BdrcSnapshot, bdrcTaskSource, describeBdrcTask } from "../services/bdrc";
import { TaskStatus, isTerminalStatus, normalizeStatus } from "../services/snapshot";
import type { PlanOutputs, WaiterPlan } from "./plan";
import { poller, providerSettings, requireCredentials } from "./runtime";
import { toPlainJson } from "./validate";
import { backoffOf } from "./waitOptions";

/** Waiting on one Backup and Disaster Recovery Center task: TaskWaiter's plan for service "bdrc". */

export type BdrcInputs = Extract<TaskWaiterInputs, { service: "bdrc" }>;

export interface BdrcResultOutputs extends PlanOutputs {
    taskType?: string;
    taskName?: string;
    result?: unknown;
    detail?: unknown;
    startedAt?: string;
    finishedAt?: string;
    errorMessage?: string;
}

export function bdrcContext(inputs: BdrcInputs): BdrcContext {
    return { region: inputs.region!, credentials: requireCredentials(), endpointOverride: providerSettings().endpointOverride };
}

function statusOf(snapshot: BdrcSnapshot, inputs: BdrcInputs): TaskStatus {
    return normalizeStatus(snapshot.rawStatus, BDRC_STATUS_TABLE, inputs);
}

/** The outputs for the last snapshot; a task not seen yet is pending. */
export function bdrcOutputs(inputs: BdrcInputs, snapshot: BdrcSnapshot | undefined): BdrcResultOutputs {
    if (!snapshot) return { status: "pending", rawStatus: "Unknown", progress: 0 };
    const status = statusOf(snapshot, inputs);
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

/** "BDRC task t-1 (UPDATE_RESOURCES "nightly") FAILED (failed), progress 40%: too many requests." */
export function describeBdrcFailure(inputs: BdrcInputs, outputs: BdrcResultOutputs): string {
    const what = [outputs.taskType, outputs.taskName ? JSON.stringify(outputs.taskName) : undefined].filter(Boolean).join(" ");
    const cause = outputs.errorMessage ? `: ${outputs.errorMessage}` : "";
    const expired = outputs.status === "expired" ? " (the task expired before it completed)" : "";
    return `BDRC task ${inputs.taskId}${what ? ` (${what})` : ""} ${outputs.rawStatus} (${outputs.status}), progress ${outputs.progress}%${expired}${cause}`;
}

export const bdrcPlan: WaiterPlan<BdrcInputs, BdrcResultOutputs> = {
    what: "BDRC task",
    id: (inputs) => `bdrc:${inputs.region}:${inputs.taskId}`,
    recordedTaskIds: (props) => (typeof props.taskId === "string" ? [props.taskId] : undefined),
    async wait(inputs, reporter) {
        const ctx = bdrcContext(inputs);
        const result = await poller().wait({
            source: bdrcTaskSource(ctx),
            taskId: inputs.taskId,
            timeoutMs: parseDuration(inputs.timeout)!,
            backoff: backoffOf(inputs),
            isTerminal: (s) => isTerminalStatus(statusOf(s, inputs)),
            onSnapshot: (s) => reporter.observe(s),
        });
        return { taskIds: [inputs.taskId], results: [result], outputs: bdrcOutputs(inputs, result.snapshot) };
    },
    describeFailure: describeBdrcFailure,
    async refresh(inputs, props) {
        const snapshot = await describeBdrcTask(bdrcContext(inputs), inputs.taskId);
        // gone from the task history: keep what was recorded
        if (!snapshot) return props;
        return toPlainJson({ ...props, ...bdrcOutputs(inputs, snapshot) });
    },
};
