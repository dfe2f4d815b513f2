import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { z } from "zod";
import type { CrossFieldRule } from "../inputs";
import { ServiceName, regionProblem } from "../services/registry";
import { isTerminalStatus, taskStatusSchema } from "../services/snapshot";
import { writeLine } from "./progress";
import { REGION_SOURCES, providerSettings } from "./runtime";
import { UNKNOWN_VALUE, validateInputs } from "./validate";

/** What the TaskWaiter and ReportExport lifecycles do alike. */

/**
 * `check`: validate with the schema and the cross-field rules, fill `region` from the configuration,
 * and fail at preview on a region the service has no endpoint in (unless an override serves all).
 */
export function checkInputs(schema: z.ZodType, rules: CrossFieldRule, services: readonly ServiceName[], news: Record<string, unknown>): dynamic.CheckResult {
    const validation = validateInputs(schema, news, rules);
    const failures = [...validation.failures];
    const inputs: Record<string, unknown> = validation.value ? { ...(validation.value as Record<string, unknown>) } : stripInternal(news);
    if (inputs.region === undefined) {
        const region = providerSettings().defaultRegion;
        if (region) inputs.region = region;
        else failures.push({ property: "region", reason: `no region: set one of ${REGION_SOURCES.join(", ")}` });
    }
    const { service, region } = inputs;
    const regionFailed = failures.some((f) => f.property === "region");
    if (!regionFailed && typeof region === "string" && region !== UNKNOWN_VALUE && services.includes(service as ServiceName)) {
        const problem = regionProblem(service as ServiceName, region, providerSettings().endpointOverride);
        if (problem) failures.push({ property: "region", reason: problem });
    }
    return { inputs, failures };
}

/** Inputs as create, update and read receive them (already checked): parsed, with defaults. */
export function parseInputs<S extends z.ZodType>(kind: string, schema: S, rules: CrossFieldRule, raw: Record<string, unknown>): z.output<S> {
    const validation = validateInputs(schema, stripInternal(raw), rules);
    if (!validation.value) {
        const detail = validation.failures.map((f) => `${f.property}: ${f.reason}`).join("; ");
        throw new Error(`invalid ${kind} inputs: ${detail || "unknown values"}`);
    }
    if (!(validation.value as { region?: string }).region) throw new Error(`${kind}: no region: set one of ${REGION_SOURCES.join(", ")}`);
    return validation.value;
}

export function stripInternal(raw: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(raw ?? {}).filter(([k]) => k !== "__provider"));
}

/** For diff: an input unknown at preview counts as changed. */
export function differs(a: unknown, b: unknown): boolean {
    if (b === UNKNOWN_VALUE) return true;
    return JSON.stringify(a ?? null) !== JSON.stringify(b ?? null);
}

/** A wait that timed out is unfinished: diff reports a change so the engine calls update, which resumes it. */
export function isUnfinished(olds: Record<string, unknown>): boolean {
    return typeof olds.status === "string" && !isTerminalStatus(taskStatusSchema.catch("pending").parse(olds.status));
}

/** The recorded status when it is final: update then keeps the recorded result and does not wait again. */
export function finishedStatus(olds: Record<string, unknown>): boolean {
    const status = taskStatusSchema.safeParse(olds.status);
    return status.success && isTerminalStatus(status.data);
}

export function waitedSeconds(startedAt: number): number {
    return Math.round((Date.now() - startedAt) / 100) / 10;
}

/** onFailure "warn": say so, and let the deployment go on. */
export function warnFailure(message: string): void {
    writeLine(`warning: ${message} (onFailure "warn": the deployment goes on; dependents can read status)`);
}
