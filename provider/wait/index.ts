import { API_WAITER_INPUTS, CheckFailure, REPORT_EXPORT_INPUTS, RuleContext, TASK_WAITER_INPUTS } from "../inputs";
import { checkInputs } from "./check";
import { CheckedApiWaiterInputs, apiDefinition } from "./definitions/api";
import { bdrcDefinition } from "./definitions/bdrc";
import { ecsDefinition } from "./definitions/ecs";
import { exportDefinition } from "./definitions/export";
import type { CheckedReportExportInputs } from "./definitions/exportApi";
import type { WaitOptions } from "./options";
import type { WaitCaller, WaitOutcome } from "./outcome";
import { runWait } from "./run";
import type { Runtime } from "./runtime";
import type { ProviderSettings } from "./settings";
import type { TaskWaiterInputs } from "../inputs";

/**
 * The wait layer for a caller outside Pulumi, the `alicloud-tasks wait` command: check a resource's
 * inputs as `pulumi preview` does, run the wait on a runtime built once, and read one WaitOutcome.
 * The CLI imports nothing else of the provider. Not a package export: a script waits through the
 * CLI (`alicloud-tasks wait ... --json`), and a program through the resources of the package's root.
 */

export type ResourceKind = "TaskWaiter" | "ReportExport" | "ApiWaiter";

/** A resource's inputs, checked, with their wait options parsed once. */
export type CheckedWait =
    | { kind: "TaskWaiter"; inputs: TaskWaiterInputs & { region: string }; options: WaitOptions }
    | { kind: "ReportExport"; inputs: CheckedReportExportInputs; options: WaitOptions }
    | { kind: "ApiWaiter"; inputs: CheckedApiWaiterInputs; options: WaitOptions };

/** A resource's `check` on raw inputs: every failure at once, or the wait they describe. */
export function checkWait(
    kind: ResourceKind,
    raw: Record<string, unknown>,
    settings: Pick<ProviderSettings, "defaultRegion" | "endpointOverride">,
    context: RuleContext = {},
): { failures: CheckFailure[]; warnings: string[]; wait?: CheckedWait } {
    const checked =
        kind === "TaskWaiter"
            ? checkInputs(TASK_WAITER_INPUTS, raw, settings, context)
            : kind === "ReportExport"
              ? checkInputs(REPORT_EXPORT_INPUTS, raw, settings, context)
              : checkInputs(API_WAITER_INPUTS, raw, settings, context);
    if (!checked.value || !checked.options || checked.failures.length > 0) return { failures: checked.failures, warnings: checked.warnings };
    return { failures: [], warnings: checked.warnings, wait: { kind, inputs: checked.value, options: checked.options } as CheckedWait };
}

/** What an earlier, unfinished wait recorded, to resume on: the tasks it resolved, the export it started. */
export interface Resumed {
    taskIds?: string[];
    exportId?: string;
}

/** Runs a checked wait: its definition on the runtime's poller, with the options parsed when it was checked. */
export function runCheckedWait(wait: CheckedWait, runtime: Runtime, caller: WaitCaller, resumed: Resumed = {}): Promise<WaitOutcome> {
    const options = wait.options;
    switch (wait.kind) {
        case "TaskWaiter":
            return wait.inputs.service === "ecs"
                ? runWait(ecsDefinition(wait.inputs, runtime, resumed.taskIds), options, runtime, caller)
                : runWait(bdrcDefinition(wait.inputs, runtime), options, runtime, caller);
        case "ReportExport":
            return runWait(exportDefinition(wait.inputs, runtime, resumed.exportId), options, runtime, caller);
        case "ApiWaiter":
            return runWait(apiDefinition(wait.inputs, runtime), options, runtime, caller);
    }
}

export type { CheckFailure } from "../inputs";
export type { Env } from "../client/credentials";
export { endpointOverrideProblem, isLoopbackHost } from "../client/endpoints";
export { redactUrl } from "../client/redact";
export { formatDuration } from "../engine/duration";
export { toFailure } from "../engine/result";
export { ECS_TASK_ACTIONS } from "../services/ecs";
export type { TaskSnapshot, TaskStatus } from "../services/snapshot";
export type { EndState, FailureCause, NextSteps, WaitCaller, WaitOutcome } from "./outcome";
export { ProgressReporter, percent } from "./progress";
export type { ProgressSink } from "./progress";
export { createRuntime, redact } from "./runtime";
export type { Runtime } from "./runtime";
export { ENDPOINT_CONFIG_KEY, ENDPOINT_ENV, readSettings } from "./settings";
export type { ProviderSettings } from "./settings";
