import type { BdrcTaskWaiterInputs } from "../inputs";
import { BDRC_STATUS_TABLE, BdrcSnapshot, bdrcTaskSource, describeBdrcTask } from "../services/bdrc";
import { isTerminalStatus } from "../services/snapshot";
import { toPlainJson } from "./outcome";
import { backoffOf, maxGapOf, progressOf, timeoutMs } from "./schedule";
import { poller, serviceContext } from "./settings";
import { StatusRules, effectiveStatus } from "./status";
import type { TaskPlan, TaskWaiterResult } from "./taskPlan";

/** TaskWaiter's plan for service "bdrc": one Backup and Disaster Recovery Center task. */
export function bdrcTaskPlan(inputs: BdrcTaskWaiterInputs & { region: string }): TaskPlan {
    const ctx = serviceContext(inputs.region);
    const rules: StatusRules = { table: BDRC_STATUS_TABLE, successStatuses: inputs.successStatuses, failureStatuses: inputs.failureStatuses };
    const statusOf = (s: BdrcSnapshot) => effectiveStatus(s, rules);

    /** The outputs for the last snapshot; a task not seen yet is pending. */
    function outputs(snapshot: BdrcSnapshot | undefined): TaskWaiterResult {
        if (!snapshot) return { status: "pending", rawStatus: "Unknown", progress: 0 };
        const status = statusOf(snapshot);
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

    return {
        what: "BDRC task",
        id: `bdrc:${inputs.region}:${inputs.taskId}`,
        rules,
        async wait({ progress, signal }) {
            const result = await poller().wait({
                source: bdrcTaskSource(ctx),
                taskId: inputs.taskId,
                timeoutMs: timeoutMs(inputs),
                backoff: backoffOf(inputs),
                maxGapMs: maxGapOf(inputs),
                progressOf,
                isTerminal: (s) => isTerminalStatus(statusOf(s)),
                onSnapshot: (s) => progress.observe(s, statusOf(s)),
                signal,
            });
            return { taskIds: [inputs.taskId], results: [result], outputs: outputs(result.snapshot) };
        },
        /** 'BDRC task t-1 (UPDATE_RESOURCES "nightly") FAILED (failed), progress 40%: too many requests'. */
        describeFailure(result) {
            const what = [result.taskType, result.taskName ? JSON.stringify(result.taskName) : undefined].filter(Boolean).join(" ");
            const cause = result.errorMessage ? `: ${result.errorMessage}` : "";
            const expired = result.status === "expired" ? " (the task expired before it completed)" : "";
            return `BDRC task ${inputs.taskId}${what ? ` (${what})` : ""} ${result.rawStatus} (${result.status}), progress ${result.progress}%${expired}${cause}`;
        },
        recordedTaskIds: (props) => (typeof props.taskId === "string" ? [props.taskId] : undefined),
        async refresh(props) {
            const snapshot = await describeBdrcTask(ctx, inputs.taskId);
            // gone from the task history: keep what was recorded
            if (!snapshot) return props;
            return toPlainJson({ ...props, ...outputs(snapshot) });
        },
    };
}
