import { UNKNOWN_VALUE } from "../inputs/validate";
import { isTerminalStatus, taskStatusSchema } from "../services/snapshot";
import type { NextSteps, WaitCaller, WaitOutcome } from "../wait/outcome";
import { ProgressReporter } from "../wait/progress";
import { Runtime, linesOf, redactor } from "../wait/runtime";

/**
 * What the Pulumi lifecycles share: how a wait speaks in `pulumi up` (its label, progress lines and
 * next steps), and the one place an outcome becomes a create or update result: outputs, an error,
 * or a partial failure that keeps the outputs in the state for the next `pulumi up` to resume.
 */

/** The next steps in `pulumi up`: the resource stays in the state, and the next run resumes from it. */
const PULUMI_NEXT_STEPS: NextSteps = {
    keepWaiting: "The resource was recorded with its task: run `pulumi up` again to keep waiting, or raise `timeout`.",
    resumeExport: (idKey, id) => `The ${idKey} ${id} was recorded: run \`pulumi up\` again to keep waiting on this export.`,
    freshExport: "run `pulumi up` again to start a fresh export",
};

export function resourceLabel(kind: string, name: string | undefined): string {
    return name ? `${kind} "${name}"` : kind;
}

/** A wait as `pulumi up` shows it: progress lines on the provider's stdout, which the CLI prints as info. */
export function pulumiCaller(kind: string, resourceName: string | undefined, runtime: Runtime): WaitCaller {
    const label = resourceLabel(kind, resourceName);
    return {
        label,
        progress: new ProgressReporter(label, Date.now(), redactor(runtime), Date.now, linesOf(runtime)),
        nextSteps: PULUMI_NEXT_STEPS,
        signal: runtime.signal,
    };
}

/**
 * The outputs to return, or the error to throw. A resumable failure is a partial failure: the engine
 * records the resource with these outputs, and the next `pulumi up` calls update, which resumes.
 */
export function pulumiResult(id: string, outcome: WaitOutcome, runtime: Runtime): Record<string, unknown> {
    const outputs = withSecretOutputs(outcome.outputs, outcome.secretOutputs ?? []);
    if (outcome.state === "success") {
        if (outcome.readyLine) linesOf(runtime)(`[alicloud-tasks] ${outcome.readyLine}`);
        return outputs;
    }
    const message = outcome.message ?? outcome.state;
    if (outcome.asWarning) {
        warn(`${message} (onFailure "warn": the deployment goes on; dependents can read status)`, runtime);
        return outputs;
    }
    if (outcome.resumable) throw Object.assign(new Error(message), { id, properties: outputs, reasons: [message] });
    throw new Error(message);
}

/**
 * Pulumi's wire form of a secret value. `additionalSecretOutputs` is fixed when a resource is
 * declared; an output found secret only in the answer is returned in this form instead, which the
 * engine reads back as a secret (its provider plugin unmarshals outputs keeping secrets) and
 * stores encrypted. The dynamic provider host passes outputs through as plain JSON, so the form
 * survives to the engine.
 */
const SECRET_SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";

export function isSecretValue(value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SECRET_SIGNATURE_KEY] === SECRET_SIGNATURE;
}

/** The outputs with these keys (when set) in Pulumi's secret form. */
export function withSecretOutputs(outputs: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
    const wrapped = { ...outputs };
    for (const key of keys)
        if (wrapped[key] !== undefined && !isSecretValue(wrapped[key])) wrapped[key] = { [SECRET_SIGNATURE_KEY]: SECRET_SIGNATURE, value: wrapped[key] };
    return wrapped;
}

/** `check`'s result as the engine takes it, its warnings printed (a region or product newer than Alibaba's data). */
export function spoken<R extends { warnings: string[] }>(kind: string, news: Record<string, unknown>, result: R, runtime: Runtime): R {
    const name = typeof news.resourceName === "string" ? news.resourceName : undefined;
    for (const warning of result.warnings) warn(`${resourceLabel(kind, name)}: ${warning}`, runtime);
    return result;
}

export function warn(message: string, runtime: Runtime): void {
    linesOf(runtime)(`warning: ${message}`);
}

/** For diff: an input unknown at preview counts as changed. */
export function differs(a: unknown, b: unknown): boolean {
    if (b === UNKNOWN_VALUE) return true;
    return JSON.stringify(a ?? null) !== JSON.stringify(b ?? null);
}

/** What diff compares: the keys whose change replaces the resource, and whether an option (any other input key) changed. */
export function compareInputs(
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
    replaceKeys: readonly string[],
    optionKeys: readonly string[],
): { replaces: string[]; optionsChanged: boolean } {
    return { replaces: replaceKeys.filter((k) => differs(olds[k], news[k])), optionsChanged: optionKeys.some((k) => differs(olds[k], news[k])) };
}

/**
 * How the recorded wait ended, read back from its status: "unfinished" (a timeout, which runWait
 * recorded as resumable: diff reports a change so that update resumes it), "finished" (update keeps
 * the recorded result and does not wait again), or undefined when nothing was recorded. An unknown
 * status counts as unfinished.
 */
export function recordedEnd(olds: Record<string, unknown>): "unfinished" | "finished" | undefined {
    if (typeof olds.status !== "string") return undefined;
    return isTerminalStatus(taskStatusSchema.catch("pending").parse(olds.status)) ? "finished" : "unfinished";
}
