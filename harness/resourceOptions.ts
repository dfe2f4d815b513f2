// Captures each resource's options, which the mock monitor never sees.
//
// MockResourceArgs carries type, name, inputs and provider, not options such as `additionalSecretOutputs` or
// `customTimeouts`. A stack transformation (the legacy, in-process kind) is called synchronously in the Resource
// constructor with the final `opts` the resource class passed up, so it sees exactly what the engine would get.
import * as pulumi from "@pulumi/pulumi";

const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

export interface CapturedResource {
    type: string;
    name: string;
    /** `$`-joined parent types, as in the engine's URN (the root stack is left out). */
    qualifiedType: string;
    options: pulumi.CustomResourceOptions;
    resource: pulumi.Resource;
}

interface ResourceInternals {
    __pulumiType?: string;
    __parentResource?: ResourceInternals;
}

export class ResourceOptionsCapture {
    readonly all: CapturedResource[] = [];
    private readonly pending = new Map<string, CapturedResource[]>();

    /** Call inside the stack (runInPulumiStack) before the program creates resources. */
    install(): void {
        pulumi.runtime.registerStackTransformation((args) => {
            this.record(args);
            return undefined;
        });
    }

    /** The capture for the next registration of this type and name (first in, first out). */
    take(type: string, name: string): CapturedResource | undefined {
        return this.pending.get(key(type, name))?.shift();
    }

    private record(args: pulumi.ResourceTransformationArgs): void {
        const captured: CapturedResource = {
            type: args.type,
            name: args.name,
            qualifiedType: qualifiedType(args.type, args.opts.parent as ResourceInternals | undefined),
            options: args.opts as pulumi.CustomResourceOptions,
            resource: args.resource,
        };
        this.all.push(captured);
        const queue = this.pending.get(key(args.type, args.name)) ?? [];
        queue.push(captured);
        this.pending.set(key(args.type, args.name), queue);
    }
}

function key(type: string, name: string): string {
    return `${type}::${name}`;
}

function qualifiedType(type: string, parent: ResourceInternals | undefined): string {
    const types = [type];
    for (let p = parent; p && p.__pulumiType && p.__pulumiType !== ROOT_STACK_TYPE; p = p.__parentResource) {
        types.unshift(p.__pulumiType);
    }
    return types.join("$");
}

/** Seconds in a Go-style duration ("90s", "10m", "1h30m"), as customTimeouts are written; undefined if unset. */
export function durationSeconds(duration: string | undefined): number | undefined {
    if (!duration) {
        return undefined;
    }
    const units: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };
    let total = 0;
    for (const [, amount, unit] of duration.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
        total += Number(amount) * units[unit];
    }
    return total || undefined;
}
