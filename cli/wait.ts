import { formatDuration, parseDuration } from "../provider/engine/duration";
import { toFailure, type WaitResult } from "../provider/engine/result";
import type { ReportExportInputs, TaskWaiterInputs } from "../provider/inputs";
import { describeExportFailure, type StartedExport } from "../provider/lifecycle/exportPlan";
import { describeLastState, errorMessage, notFoundMessage, verdictOf } from "../provider/lifecycle/outcome";
import type { ProgressReporter } from "../provider/lifecycle/progress";
import { awaitExport, planFor as exportPlanFor } from "../provider/lifecycle/reportExport";
import { redact } from "../provider/lifecycle/runtime";
import { startExport } from "../provider/lifecycle/startExport";
import { planFor as waiterPlanFor } from "../provider/lifecycle/taskWaiter";
import { toPlainJson } from "../provider/lifecycle/validate";
import type { TaskSnapshot } from "../provider/services/snapshot";

/**
 * One wait, run by the resources' own plans on the shared engine, ending in what the resource
 * would record and a verdict instead of a Pulumi error. Nothing here prints: report.ts does.
 */

export type Verdict = "succeeded" | "failed" | "timeout" | "not-found" | "error";

export interface WaitOutcome {
    verdict: Verdict;
    /** What the resource would record: its inputs, its outputs, waitedSeconds and, unless it succeeded, failureReason. */
    record: Record<string, unknown>;
    /** Why it did not succeed, scrubbed of secrets and URL queries; undefined on success. */
    message?: string;
    /** The API's error code when an error ended the wait. */
    errorCode?: string;
    /** "ECS task", "Security Center export": what the ids are. */
    what: string;
    ids: string[];
}

/** The label that starts every progress line and message: "wait ecs". */
export function waitLabel(service: string): string {
    return `wait ${service}`;
}

export async function waitForTasks(inputs: TaskWaiterInputs, reporter: ProgressReporter, startedAt: number): Promise<WaitOutcome> {
    const label = waitLabel(inputs.service);
    const plan = waiterPlanFor(inputs);
    const { taskIds, results, outputs } = await plan.wait(inputs, reporter);
    const base = { what: plan.what, ids: taskIds.length ? taskIds : results.map((r) => r.taskId) };
    const record = (extra: Record<string, unknown> = {}) => recordOf(inputs, outputs, startedAt, extra);
    const verdict = verdictOf(results);
    switch (verdict.kind) {
        case "error": {
            const message = errorMessage(label, plan.what, verdict.result);
            return { ...base, verdict: "error", message, errorCode: verdict.result.failure?.code, record: record({ failureReason: message }) };
        }
        case "not-found": {
            const message = notFoundMessage(label, plan.what, verdict.result, inputs.region!);
            return { ...base, verdict: "not-found", message, record: record({ failureReason: message }) };
        }
        case "timeout": {
            const message = timeoutMessage(label, plan.what, verdict.result, inputs.timeout, "Run the command again to keep waiting, or raise --timeout.");
            return { ...base, verdict: "timeout", message, record: record({ failureReason: message }) };
        }
    }
    if (outputs.status === "succeeded") return { ...base, verdict: "succeeded", record: record() };
    const message = redact(`${label}: ${plan.describeFailure(inputs, outputs)}${outputs.requestId ? ` (RequestId ${outputs.requestId})` : ""}`);
    return { ...base, verdict: "failed", message, record: record({ failureReason: message }) };
}

/** Adopts the export, or starts one (a throttled start is retried, nothing else: a start is not idempotent), then waits. */
export async function waitForExport(inputs: ReportExportInputs, reporter: ProgressReporter, startedAt: number): Promise<WaitOutcome> {
    const label = waitLabel(inputs.service);
    const plan = exportPlanFor(inputs.service)!;
    const adopted = plan.adoptedId(inputs);
    let started: StartedExport | undefined;
    if (adopted === undefined) {
        try {
            started = await startExport(plan.what, () => plan.start(inputs), { deadline: startedAt + parseDuration(inputs.timeout)! });
        } catch (error) {
            const failure = toFailure(error);
            const message = redact(`${label}: ${failure.message}`);
            return {
                verdict: "error",
                message,
                errorCode: failure.code,
                what: plan.what,
                ids: [],
                record: recordOf(inputs, {}, startedAt, { failureReason: message }),
            };
        }
        reporter.note(`started ${plan.what} ${started.id}`);
    }
    const exportId = adopted ?? started!.id;
    const { result, outputs } = await awaitExport(inputs, exportId, startedAt, reporter, started);
    const base = { what: plan.what, ids: [exportId] };
    const record = (extra: Record<string, unknown> = {}) => recordOf(inputs, outputs, startedAt, extra);
    // a started export goes on without us: say how to keep waiting on it instead of starting another
    const resume = started
        ? ` To keep waiting on this export: alicloud-tasks wait ${inputs.service} --${plan.idKey === "taskId" ? "task-id" : "export-id"} ${exportId}.`
        : "";
    switch (result.reason) {
        case "error": {
            const message = errorMessage(label, plan.what, result) + resume;
            return { ...base, verdict: "error", message, errorCode: result.failure?.code, record: record({ failureReason: message }) };
        }
        case "not-found": {
            const message = notFoundMessage(label, plan.what, result, inputs.region!);
            return { ...base, verdict: "not-found", message, record: record({ failureReason: message }) };
        }
        case "timeout":
        case "aborted": {
            const hint = plan.timeoutHint ? ` ${plan.timeoutHint}.` : "";
            const message = timeoutMessage(
                label,
                plan.what,
                result,
                inputs.timeout,
                `${hint}${resume || " Run the command again to keep waiting, or raise --timeout."}`,
            );
            return { ...base, verdict: "timeout", message, record: record({ failureReason: message }) };
        }
    }
    if (outputs.status === "succeeded") return { ...base, verdict: "succeeded", record: record() };
    const detail = describeExportFailure(plan, exportId, outputs, result.snapshot, !started);
    const message = redact(`${label}: ${detail}${outputs.requestId ? ` (RequestId ${outputs.requestId})` : ""}`);
    return { ...base, verdict: "failed", message, record: record({ failureReason: message }) };
}

function recordOf(inputs: object, outputs: object, startedAt: number, extra: Record<string, unknown>): Record<string, unknown> {
    return toPlainJson({ ...inputs, ...outputs, waitedSeconds: Math.round((Date.now() - startedAt) / 100) / 10, ...extra });
}

/** The provider's timeout message speaks of `pulumi up`; this one of the command. */
function timeoutMessage(label: string, what: string, result: WaitResult<TaskSnapshot<unknown>>, timeout: string, next: string): string {
    const lastError = result.failure ? `; last error ${result.failure.code ?? "error"}: ${result.failure.message}` : "";
    return redact(
        `${label}: timed out after ${timeout} (waited ${formatDuration(result.elapsedMs)}, ${result.polls} polls) for ${what} ${result.taskId}: ` +
            `${describeLastState(result.snapshot)}${lastError}.${next.startsWith(" ") ? "" : " "}${next}`,
    );
}
