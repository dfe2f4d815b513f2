import { errorMessage, failureMessage, notFoundMessage, timeoutMessage } from "./messages";
import { Face, WaitOutcome, interruptionOf, toPlainJson, waitedSeconds } from "./outcome";
import { CheckedTaskWaiterInputs, taskPlanFor } from "./taskPlan";

/**
 * A TaskWaiter's wait, start to end: the service's plan waits on the engine, and the result becomes
 * one outcome. `knownTaskIds` resumes on the tasks an earlier, unfinished wait recorded.
 */
export async function runTaskWait(inputs: CheckedTaskWaiterInputs, face: Face, knownTaskIds?: string[]): Promise<WaitOutcome> {
    const startedAt = Date.now();
    const plan = taskPlanFor(inputs);
    const { taskIds, results, outputs } = await plan.wait(face.progress, knownTaskIds);
    const base = { what: plan.what, ids: taskIds.length ? taskIds : results.map((r) => r.taskId), keep: false, accepted: false };
    const record = (failureReason?: string) => toPlainJson({ ...inputs, ...outputs, waitedSeconds: waitedSeconds(startedAt), failureReason });
    const interruption = interruptionOf(results);
    if (interruption) {
        const { kind, result } = interruption;
        const message =
            kind === "error"
                ? errorMessage(face.label, plan.what, result, plan.rules)
                : kind === "not-found"
                  ? notFoundMessage(face.label, plan.what, result, plan.rules, inputs.region)
                  : timeoutMessage(face.label, plan.what, result, plan.rules, inputs.timeout, face.words.keepWaiting);
        // a timeout is unfinished, not failed: the record keeps the tasks so the next run resumes them
        return {
            ...base,
            verdict: kind,
            message,
            errorCode: kind === "error" ? result.failure?.code : undefined,
            record: record(message),
            keep: kind === "timeout",
        };
    }
    if (outputs.status === "succeeded") return { ...base, verdict: "succeeded", record: record() };
    const message = failureMessage(face.label, plan.describeFailure(outputs), outputs.requestId);
    return { ...base, verdict: "failed", message, record: record(message), accepted: inputs.onFailure === "warn" };
}
