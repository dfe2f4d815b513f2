import { errorMessage, failureMessage, interruptedMessage, notFoundMessage, timeoutMessage } from "./messages";
import { Face, WaitOutcome, interruptionOf, toPlainJson, waitedSeconds } from "./outcome";
import { CheckedTaskWaiterInputs, taskPlanFor } from "./taskPlan";

/**
 * A TaskWaiter's wait, start to end: the service's plan waits on the engine, and the result becomes
 * one outcome. `knownTaskIds` resumes on the tasks an earlier, unfinished wait recorded.
 */
export async function runTaskWait(inputs: CheckedTaskWaiterInputs, face: Face, knownTaskIds?: string[]): Promise<WaitOutcome> {
    const startedAt = Date.now();
    const plan = taskPlanFor(inputs);
    const { taskIds, results, outputs } = await plan.wait({ progress: face.progress, knownTaskIds, signal: face.signal });
    const base = { what: plan.what, ids: taskIds.length ? taskIds : results.map((r) => r.taskId), keep: false, accepted: false };
    const record = (failureReason?: string) => toPlainJson({ ...inputs, ...outputs, waitedSeconds: waitedSeconds(startedAt), failureReason });
    const interruption = interruptionOf(results);
    if (interruption) {
        const { kind, result } = interruption;
        const message = {
            error: () => errorMessage(face.label, plan.what, result, plan.rules),
            "not-found": () => notFoundMessage(face.label, plan.what, result, plan.rules, inputs.region),
            interrupted: () => interruptedMessage(face.label, plan.what, result, plan.rules, face.words.keepWaiting),
            timeout: () => timeoutMessage(face.label, plan.what, result, plan.rules, inputs.timeout, face.words.keepWaiting),
        }[kind]();
        // a timeout or an interruption is unfinished, not failed: the record keeps the tasks so the next run resumes them
        const unfinished = kind === "timeout" || kind === "interrupted";
        return { ...base, verdict: kind, message, errorCode: kind === "error" ? result.failure?.code : undefined, record: record(message), keep: unfinished };
    }
    if (outputs.status === "succeeded") return { ...base, verdict: "succeeded", record: record() };
    const message = failureMessage(face.label, plan.describeFailure(outputs), outputs.requestId);
    return { ...base, verdict: "failed", message, record: record(message), accepted: inputs.onFailure === "warn" };
}
