// pulumi.runtime.Mocks that do for dynamic resources what the engine does in `pulumi up`: send the inputs to the
// dynamic provider host, `check` then `create` (or `read` for a resource read by id), and hand the outputs back.
// Other resources are mocked: id `<name>-id`, state = inputs.
import * as pulumi from "@pulumi/pulumi";
import { HostCallError, ProviderHost } from "./host";
import { CheckFailedError, ResourceRecord } from "./programRun";
import { durationSeconds, ResourceOptionsCapture } from "./resourceOptions";
import { annotateSecrets, markSecretOutputs, PropertyMap, unwrapSecrets } from "./secrets";
import { urnFor } from "./urn";

export const DYNAMIC_TYPE_PREFIX = "pulumi-nodejs:dynamic";
const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";
const PROVIDER_KEY = "__provider";

type MockResult = pulumi.runtime.MockResourceResult;

export interface MockContext {
    host: ProviderHost;
    project: string;
    stack: string;
    records: ResourceRecord[];
    capture: ResourceOptionsCapture;
    onDynamicCreate?(record: ResourceRecord): void;
    /** Overrides the default mock for non-dynamic resources; return undefined to keep the default. */
    mockResource?(args: pulumi.runtime.MockResourceArgs): MockResult | undefined | Promise<MockResult | undefined>;
    /** Answers provider function calls (invokes); default `{}`. */
    mockCall?(args: pulumi.runtime.MockCallArgs): Record<string, unknown> | undefined;
}

export function hostBackedMocks(ctx: MockContext): pulumi.runtime.Mocks {
    return {
        call: (args) => ctx.mockCall?.(args) ?? {},
        newResource: async (args) => {
            if (args.type === ROOT_STACK_TYPE) {
                return { id: undefined, state: {} };
            }
            const started = Date.now();
            const captured = ctx.capture.take(args.type, args.name);
            const { value: inputs, secretPaths } = unwrapSecrets<PropertyMap>(args.inputs ?? {});
            const dynamic = args.type.startsWith(DYNAMIC_TYPE_PREFIX);
            const record: ResourceRecord = {
                type: args.type,
                name: args.name,
                urn: urnFor(captured?.qualifiedType ?? args.type, args.name, ctx.project, ctx.stack),
                custom: args.custom ?? true,
                dynamic,
                inputs: withoutProvider(inputs),
                secretInputs: secretPaths,
                outputs: {},
                secretOutputs: [],
                options: captured?.options,
                resource: captured?.resource,
                durationMs: 0,
            };
            ctx.records.push(record);
            try {
                const result = dynamic ? await runDynamic(ctx, record, inputs, args.id) : await runPlain(ctx, record, args);
                const state = { ...result.state };
                annotateSecrets(state, args.inputs ?? {});
                markSecretOutputs(state, captured?.options.additionalSecretOutputs ?? []);
                const outputs = unwrapSecrets<PropertyMap>(state);
                record.id = result.id;
                record.outputs = outputs.value;
                record.secretOutputs = outputs.secretPaths;
                return { id: result.id, state };
            } catch (e) {
                record.error = e instanceof Error ? e : new Error(String(e));
                throw e;
            } finally {
                record.durationMs = Date.now() - started;
                if (dynamic) {
                    ctx.onDynamicCreate?.(record);
                }
            }
        },
    };
}

/** check + create in the host (read when the program reads an existing resource by id). */
async function runDynamic(ctx: MockContext, record: ResourceRecord, inputs: PropertyMap, id: string | undefined): Promise<MockResult> {
    record.provider = typeof inputs[PROVIDER_KEY] === "string" ? (inputs[PROVIDER_KEY] as string) : undefined;
    if (id) {
        const read = await ctx.host.read(id, record.urn, inputs);
        return { id: read.id, state: withoutProvider(read.properties) };
    }
    const checked = await ctx.host.check(record.urn, {}, inputs);
    record.checkedInputs = withoutProvider(checked.inputs);
    if (checked.failures.length > 0) {
        throw new CheckFailedError(record.name, record.type, checked.failures);
    }
    const timeoutSeconds = durationSeconds(record.options?.customTimeouts?.create);
    try {
        const created = await ctx.host.create(record.urn, checked.inputs, { timeoutSeconds });
        return { id: created.id, state: withoutProvider(created.properties) };
    } catch (e) {
        if (e instanceof HostCallError && e.initFailed) {
            // The engine keeps a partially created resource in the state, with these outputs, for the next update.
            record.id = e.initFailed.id;
            record.outputs = withoutProvider(e.initFailed.properties);
        }
        throw e;
    }
}

async function runPlain(ctx: MockContext, record: ResourceRecord, args: pulumi.runtime.MockResourceArgs): Promise<MockResult> {
    const mocked = await ctx.mockResource?.(args);
    if (mocked) {
        return mocked;
    }
    return { id: args.id || (record.custom ? `${args.name}-id` : undefined), state: args.inputs ?? {} };
}

function withoutProvider(properties: PropertyMap): PropertyMap {
    const { [PROVIDER_KEY]: _provider, ...rest } = properties;
    return rest;
}
