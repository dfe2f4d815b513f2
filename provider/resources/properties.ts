import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";

/**
 * What both resource classes do alike before `super`: name every property that becomes an Output
 * on the resource (every input and every output), and check options that a dynamic provider
 * cannot honour.
 */

/** The keys a resource class passes to Pulumi: each becomes an Output property of the resource. */
export function propertyKeys(inputs: readonly z.ZodObject[], outputs: z.ZodObject, internal: readonly string[] = ["resourceName", "resourceStack"]): string[] {
    const keys = [...inputs.flatMap((schema) => Object.keys(schema.shape)), ...Object.keys(outputs.shape)];
    return [...new Set(keys)].filter((k) => !internal.includes(k));
}

/**
 * The resource's properties: every key present (unset ones as undefined, which Pulumi does not
 * send) so that each input and output is an Output of the resource, filled in by the provider;
 * then the user's arguments, and the resource's name for progress lines.
 */
export function resourceProperties(keys: readonly string[], args: object, name: string): Record<string, unknown> {
    return { ...Object.fromEntries(keys.map((k) => [k, undefined])), ...args, resourceName: name };
}

/**
 * The engine never hands `customTimeouts` to a dynamic provider, so a wait cannot honour it. Say
 * so, once per resource, instead of ignoring it silently: the `timeout` input is the deadline.
 */
export function warnIgnoredOptions(kind: string, name: string, opts: pulumi.CustomResourceOptions | undefined): void {
    const timeouts = opts?.customTimeouts;
    if (!timeouts) return;
    const given = (["create", "update", "delete"] as const).filter((k) => timeouts[k] !== undefined).map((k) => `${k}: ${JSON.stringify(timeouts[k])}`);
    if (given.length === 0) return;
    pulumi.log.warn(
        `${kind} "${name}": customTimeouts (${given.join(", ")}) has no effect: Pulumi does not pass it to dynamic providers. Set the \`timeout\` input instead (default "30m"); a wait that reaches it resumes on the next \`pulumi up\`.`,
    );
}
