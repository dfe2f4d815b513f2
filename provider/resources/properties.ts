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
 * The resource options a waiter registers with, and its arguments, after what a dynamic resource
 * cannot take from them:
 * - `customTimeouts`: the engine never hands it to a dynamic provider, so a wait cannot honour it;
 *   a warning says so (the `timeout` input is the deadline).
 * - an `@pulumi/alicloud` provider, given as `provider` or inherited from a parent's `providers`:
 *   registered with it, the waiter would be sent to the alicloud plugin, which does not know it
 *   (pulumi/pulumi#2776). The option is dropped, the waiter takes the provider's region unless
 *   `region` is set, and a warning says that its calls use the stack's credentials.
 */
export function waiterOptions<A extends { region?: pulumi.Input<string> }>(
    kind: string,
    name: string,
    args: A,
    opts: pulumi.CustomResourceOptions | undefined,
): { args: A; opts: pulumi.CustomResourceOptions | undefined } {
    warnIgnoredTimeouts(kind, name, opts);
    const given = opts?.provider;
    const foreign = given && packageOf(given) !== DYNAMIC_PACKAGE ? given : undefined;
    const inherited = foreign ? undefined : opts?.parent?.getProvider(`${ALICLOUD_PACKAGE}:index:Provider`);
    const alicloud = foreign ?? inherited;
    if (!alicloud || packageOf(alicloud) !== ALICLOUD_PACKAGE) {
        return { args, opts: foreign ? withoutProvider(opts) : opts };
    }
    const region = (alicloud as pulumi.ProviderResource & { region?: pulumi.Output<string | undefined> }).region;
    const source = foreign ? "the alicloud provider given as `provider`" : "the alicloud provider of its parent";
    pulumi.log.warn(
        `${kind} "${name}": ${source} serves alicloud resources only; this waiter runs in ${PACKAGE_NAME}'s own provider, ` +
            `${args.region !== undefined ? "in the region its `region` input names" : "in that provider's region"}, ` +
            `with the credentials of the stack configuration (alicloud:accessKey, alicloud:profile, ... or the environment), not that provider's. ` +
            'To wait with another account, see the README\'s "Several regions and accounts".',
    );
    const withRegion = args.region === undefined && region !== undefined ? { ...args, region: region as pulumi.Input<string> } : args;
    return { args: withRegion, opts: foreign ? withoutProvider(opts) : opts };
}

const DYNAMIC_PACKAGE = "pulumi-nodejs";
const ALICLOUD_PACKAGE = "alicloud";
const PACKAGE_NAME = "pulumi-alicloud-tasks";

/** The package a provider serves: the SDK's own ProviderResource.getPackage, public in behaviour though not in its types. */
function packageOf(provider: pulumi.ProviderResource): string | undefined {
    return (provider as unknown as { getPackage?(): string }).getPackage?.();
}

function withoutProvider(opts: pulumi.CustomResourceOptions | undefined): pulumi.CustomResourceOptions {
    const rest = { ...opts };
    delete rest.provider;
    return rest;
}

function warnIgnoredTimeouts(kind: string, name: string, opts: pulumi.CustomResourceOptions | undefined): void {
    const timeouts = opts?.customTimeouts;
    if (!timeouts) return;
    const given = (["create", "update", "delete"] as const).filter((k) => timeouts[k] !== undefined).map((k) => `${k}: ${JSON.stringify(timeouts[k])}`);
    if (given.length === 0) return;
    pulumi.log.warn(
        `${kind} "${name}": customTimeouts (${given.join(", ")}) has no effect: Pulumi does not pass it to dynamic providers. Set the \`timeout\` input instead (default "30m"); a wait that reaches it resumes on the next \`pulumi up\`.`,
    );
}
