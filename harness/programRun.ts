// What a program run under the harness produced: every resource it registered and its exports.
import * as pulumi from "@pulumi/pulumi";
import { PropertyMap } from "./secrets";

export interface ResourceRecord {
    type: string;
    name: string;
    /** As the engine would build it (the mock monitor's own URNs keep the root stack type; these do not). */
    urn: string;
    custom: boolean;
    /** A `pulumi-nodejs:dynamic/...` resource, checked and created in the provider host. */
    dynamic: boolean;
    /** Inputs as the program registered them, secrets unwrapped, `__provider` removed. */
    inputs: PropertyMap;
    /** Paths of inputs that were secret, e.g. "password" or "auth.token". */
    secretInputs: string[];
    /** Dynamic only: the serialized provider source (`__provider`). */
    provider?: string;
    /** Dynamic only: the inputs `check` returned, `__provider` removed. */
    checkedInputs?: PropertyMap;
    /** The state given back to the program, secrets unwrapped, `__provider` removed. */
    outputs: PropertyMap;
    /** Paths of outputs marked secret (secret inputs of the same name, additionalSecretOutputs). */
    secretOutputs: string[];
    id?: string;
    /** The registration error: a CheckFailedError, or the host's HostCallError (with `initFailed` on partial failure). */
    error?: Error;
    /** The options the resource class passed up (captured by a stack transformation): additionalSecretOutputs... */
    options?: pulumi.CustomResourceOptions;
    resource?: pulumi.Resource;
    durationMs: number;
}

export interface ProgramRun {
    project: string;
    stack: string;
    /** In registration order; the root stack resource is left out. */
    resources: ResourceRecord[];
    /** The program's return value with every Output resolved (undefined if it failed). */
    outputs: unknown;
    /** Paths within `outputs` that were secret ("" for the whole value). */
    secretOutputs: string[];
    /** The error the program (or its exports) failed with. */
    error?: Error;
    /**
     * Every error seen: the program's, each failed resource's, and unhandled rejections during the run (the SDK's
     * "failed to register new resource ..." copies of a resource's error are left out).
     */
    errors: Error[];
    ok: boolean;
    durationMs: number;
    /** The record of the resource with this name (and type, if given); throws if there is none. */
    resource(name: string, type?: string): ResourceRecord;
}

export class CheckFailedError extends Error {
    constructor(
        readonly resourceName: string,
        readonly type: string,
        readonly failures: { property: string; reason: string }[],
    ) {
        const lines = failures.map((f) => `  ${f.property}: ${f.reason}`);
        super(`check failed for ${resourceName} [${type}]:\n${lines.join("\n")}`);
        this.name = "CheckFailedError";
    }
}

export function findResource(resources: ResourceRecord[], name: string, type?: string): ResourceRecord {
    const found = resources.find((r) => r.name === name && (type === undefined || r.type === type));
    if (!found) {
        const known = resources.map((r) => `${r.name} [${r.type}]`).join(", ") || "none";
        throw new Error(`no resource named ${name}${type ? ` of type ${type}` : ""} was registered (registered: ${known})`);
    }
    return found;
}
