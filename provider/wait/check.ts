import type { z } from "zod";
import { endpointOverrideProblem } from "../client/endpoints";
import type { ResourceInputs } from "../inputs/common";
import { CheckFailure, RuleContext, UNKNOWN_VALUE, validateInputs } from "../inputs/validate";
import { productAdvice, regionAdvice } from "./names";
import { isServiceName, regionProblem } from "../services/registry";
import { WaitOptions, waitOptions } from "./options";
import { ENDPOINT_CONFIG_KEY, ENDPOINT_ENV, ProviderSettings, REGION_SOURCES } from "./settings";

/**
 * What `check` does for every resource and the wait command alike: validate with the schema, fill
 * `region` from the configuration (the one place the default region is applied), and fail at
 * preview on a region the service has no endpoint in (unless an endpoint override serves all), or
 * on a region that is a typo of a known one (names.ts). Failures name the property and the fix;
 * warnings (a region or product newer than the data) are for the caller to print.
 */
interface CheckResult<T> {
    /** What `check` returns to the engine: the inputs with defaults and the region filled in where they are known. */
    inputs: Record<string, unknown>;
    failures: CheckFailure[];
    /** What deserves a word but does not fail: a region or product code Alibaba's data does not know. */
    warnings: string[];
    /** The parsed inputs, when nothing failed and no value is unknown (preview), and their wait options. */
    value?: T & { region: string };
    options?: WaitOptions;
}

/** Inputs as create and update wait with them: parsed, with defaults and a region, and their options parsed once. */
export interface CheckedInputs<T> {
    inputs: T & { region: string };
    options: WaitOptions;
}

export function checkInputs<S extends z.ZodType<object>>(
    resource: ResourceInputs<S>,
    raw: Record<string, unknown>,
    settings: Pick<ProviderSettings, "defaultRegion" | "endpointOverride">,
    context: RuleContext = {},
): CheckResult<z.output<S>> {
    const validation = validateInputs(resource.schema, raw, resource.rules, context);
    const failures = [...validation.failures];
    const warnings: string[] = [];
    const inputs: Record<string, unknown> = { ...((validation.value as Record<string, unknown> | undefined) ?? withoutInternal(raw)) };
    if (inputs.region === undefined) {
        if (settings.defaultRegion) inputs.region = settings.defaultRegion;
        else failures.push({ property: "region", reason: `no region: set one of ${REGION_SOURCES.join(", ")}` });
    }
    const { service, region } = inputs;
    for (const [property, advise] of [
        ["region", regionAdvice],
        ["product", productAdvice],
    ] as const) {
        const name = inputs[property];
        const advice = known(name) && !failures.some((f) => f.property === property) ? advise(name) : undefined;
        if (advice && "failure" in advice) failures.push({ property, reason: advice.failure });
        if (advice && "warning" in advice) warnings.push(advice.warning);
    }
    const endpointProblem = settings.endpointOverride === undefined ? undefined : endpointOverrideProblem(settings.endpointOverride);
    if (endpointProblem)
        failures.push({
            property: ENDPOINT_CONFIG_KEY,
            reason: `the endpoint override (stack config ${ENDPOINT_CONFIG_KEY} or ${ENDPOINT_ENV}) ${endpointProblem}`,
        });
    const regionFailed = failures.some((f) => f.property === "region");
    if (!regionFailed && known(region) && isServiceName(service) && resource.services.includes(service)) {
        const problem = regionProblem(service, region, settings.endpointOverride);
        if (problem) failures.push({ property: "region", reason: problem });
    }
    const parsed: z.output<S> | undefined = validation.value;
    const value = parsed !== undefined && failures.length === 0 && typeof region === "string" ? Object.assign(parsed, { region }) : undefined;
    const options = value && validation.durations ? waitOptions(String((value as { timeout?: unknown }).timeout), validation.durations) : undefined;
    return { inputs, failures, warnings, value, options };
}

/** Inputs as create, update and read receive them (already checked): validated again, the options parsed once. */
export function parseCheckedInputs<S extends z.ZodType<object>>(
    kind: string,
    resource: ResourceInputs<S>,
    raw: Record<string, unknown>,
): CheckedInputs<z.output<S>> {
    const validation = validateInputs(resource.schema, withoutInternal(raw), resource.rules);
    if (!validation.value || !validation.durations) {
        const detail = validation.failures.map((f) => `${f.property}: ${f.reason}`).join("; ");
        throw new Error(`invalid ${kind} inputs: ${detail || "unknown values"}`);
    }
    const region: unknown = (validation.value as { region?: unknown }).region;
    if (typeof region !== "string" || !region) throw new Error(`${kind}: no region: set one of ${REGION_SOURCES.join(", ")}`);
    const inputs = Object.assign(validation.value, { region });
    return { inputs, options: waitOptions(String((inputs as { timeout?: unknown }).timeout), validation.durations) };
}

const known = (value: unknown): value is string => typeof value === "string" && value !== UNKNOWN_VALUE;

/** The inputs without what the engine adds (`__provider`). */
export function withoutInternal(raw: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(raw ?? {}).filter(([k]) => k !== "__provider"));
}
