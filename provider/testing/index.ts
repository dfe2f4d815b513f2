/**
 * `pulumi-alicloud-tasks/testing`: for a stack's own unit tests under `pulumi.runtime.setMocks`.
 * Mocks do not run the provider, so without help a waiter's inputs are never checked and its
 * outputs are whatever `newResource` returns. `mockWaiter(args)` applies the provider's own `check`
 * (a `timeout: "5 minutes"` fails the test as it would fail `pulumi up`) and returns outputs shaped
 * like the real ones: status "succeeded", the region from the input or `alicloud:region`, task
 * lists, a secret download URL. This entry loads the provider's validation (zod): import it from
 * tests only, never from the program.
 */
import * as pulumi from "@pulumi/pulumi";
import { API_WAITER_INPUTS, REPORT_EXPORT_INPUTS, TASK_WAITER_INPUTS } from "../inputs";
import { checkInputs, withoutInternal } from "../wait/check";
import { placement } from "../wait/settings";
import type { TaskStatus } from "../types";
import { apiWaiterOutputs, reportExportOutputs, taskWaiterOutputs } from "./outputs";

export type WaiterKind = "TaskWaiter" | "ReportExport" | "ApiWaiter";

/** What `newResource` receives (pulumi.runtime.MockResourceArgs), as far as a waiter needs it. */
export interface WaiterMockArgs {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
    id?: string;
}

/** One problem `check` found: the input (a property path such as `taskIds[1]`) and what to do. */
export interface InputProblem {
    property: string;
    reason: string;
}

/** Thrown by `mockWaiter` when `pulumi up` would refuse the inputs; the message names each property and the fix. */
export class WaiterInputError extends Error {
    override readonly name = "WaiterInputError";
    constructor(
        readonly kind: WaiterKind,
        readonly resourceName: string,
        readonly problems: InputProblem[],
    ) {
        super(`${kind} "${resourceName}" has invalid inputs (pulumi up would refuse them):\n${problems.map((p) => `  ${p.property}: ${p.reason}`).join("\n")}`);
    }
}

export interface WaiterMockOptions {
    /** The status the wait ends with: "succeeded" (default), "failed" (as with onFailure "warn"), "running" (a timeout that resumes), ... */
    status?: TaskStatus;
    /** The region when the inputs set none; default: stack config `alicloud:region`, else ALIBABA_CLOUD_REGION_ID / ALICLOUD_REGION. */
    region?: string;
    /** Outputs to set or replace, such as `{ resourceId: "m-my-image" }` or an ApiWaiter's `answer`. */
    outputs?: Record<string, unknown>;
}

const TYPE_PREFIX = "pulumi-nodejs:dynamic/alicloud-tasks:";
const KINDS: readonly WaiterKind[] = ["TaskWaiter", "ReportExport", "ApiWaiter"];
const INPUTS = { TaskWaiter: TASK_WAITER_INPUTS, ReportExport: REPORT_EXPORT_INPUTS, ApiWaiter: API_WAITER_INPUTS };

/** The waiter a mocked resource is (its type token is `pulumi-nodejs:dynamic/alicloud-tasks:<Kind>`), or undefined for any other resource. */
export function waiterKind(type: string): WaiterKind | undefined {
    const kind = type.startsWith(TYPE_PREFIX) ? type.slice(TYPE_PREFIX.length) : undefined;
    return KINDS.find((k) => k === kind);
}

/** The region and endpoint `check` would see: as the provider reads them, from the stack config set with `pulumi.runtime.setConfig`, else the environment. */
function settings(region: string | undefined): { defaultRegion?: string; endpointOverride?: string } {
    // the stack's config as the program's mocks see it (`alicloud:region`, `alicloud-tasks:endpoint`)
    const read = placement({ get: (key) => new pulumi.Config(key.slice(0, key.indexOf(":"))).get(key.slice(key.indexOf(":") + 1)) });
    return region ? { ...read, defaultRegion: region } : read;
}

/** The problems the provider's `check` finds in these inputs (none: `pulumi up` accepts them). */
export function checkWaiterInputs(kind: WaiterKind, inputs: Record<string, unknown>, options: Pick<WaiterMockOptions, "region"> = {}): InputProblem[] {
    return checkInputs(INPUTS[kind] as typeof TASK_WAITER_INPUTS, withoutInternal(inputs), settings(options.region)).failures.map((f) => ({
        property: f.property,
        reason: f.reason,
    }));
}

/**
 * For `newResource` in `pulumi.runtime.setMocks`: a waiter's id and outputs after a wait, or
 * undefined when the resource is not a waiter (mock it as you would). Throws WaiterInputError when
 * `pulumi up` would refuse the inputs.
 *
 *     newResource: (args) => mockWaiter(args) ?? { id: `${args.name}-id`, state: args.inputs }
 */
export function mockWaiter(args: WaiterMockArgs, options: WaiterMockOptions = {}): { id: string; state: Record<string, unknown> } | undefined {
    const kind = waiterKind(args.type);
    if (!kind) return undefined;
    const checked = checkInputs(INPUTS[kind] as typeof TASK_WAITER_INPUTS, withoutInternal(args.inputs), settings(options.region));
    if (checked.failures.length > 0) throw new WaiterInputError(kind, args.name, checked.failures);
    const inputs = { ...checked.inputs, ...(checked.value as Record<string, unknown> | undefined) };
    const region = String(inputs.region);
    const status = options.status ?? "succeeded";
    const outputs =
        kind === "TaskWaiter"
            ? taskWaiterOutputs(inputs, status)
            : kind === "ReportExport"
              ? reportExportOutputs(inputs, status, args.name, region)
              : apiWaiterOutputs(inputs, status);
    const state = Object.fromEntries(Object.entries({ ...inputs, ...outputs, ...options.outputs }).filter(([, v]) => v !== undefined));
    return { id: args.id ?? `${args.name}-id`, state };
}
