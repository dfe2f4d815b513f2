import type * as grpc from "@grpc/grpc-js";
import type * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import type * as structproto from "google-protobuf/google/protobuf/struct_pb";
import type * as enginerpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import type * as plugproto from "@pulumi/pulumi/proto/plugin_pb";
import type * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { apiWaiterLifecycle } from "../lifecycle/apiWaiter";
import type { Lifecycle } from "../lifecycle/host";
import { isSecretValue, withSecretOutputs } from "../lifecycle/pulumi";
import { reportExportLifecycle } from "../lifecycle/reportExport";
import { taskWaiterLifecycle } from "../lifecycle/taskWaiter";
import { Runtime, createRuntime } from "../wait/runtime";
import { readSettings } from "../wait/settings";
import { pluginConfig } from "./config";
import { Protocol } from "./protocol";

/**
 * The provider plugin: the package's three resources as custom resources of the package `alicloud-tasks`
 * (`alicloud-tasks:index:TaskWaiter`, ...), served over Pulumi's ResourceProvider protocol, so that
 * programs in any Pulumi language get them through `pulumi package add`. Each call goes to the same
 * lifecycle the dynamic provider runs; only the face differs: the configuration comes from Configure, the
 * resource's name and stack from its URN, secret outputs are marked as such, and the engine's Cancel
 * ends the waits in flight (they are recorded unfinished and resume on the next `pulumi up`).
 */

type Props = Record<string, unknown>;
type Callback<T> = grpc.sendUnaryData<T>;
type Call<T> = grpc.ServerUnaryCall<T, unknown>;

/** Outputs kept encrypted: always, or when the resource's `secret` input is set. */
const SECRET_OUTPUTS: Record<string, { always: string[]; withSecretInput: string[] }> = {
    TaskWaiter: { always: [], withSecretInput: [] },
    ReportExport: { always: ["downloadUrl"], withSecretInput: [] },
    ApiWaiter: { always: [], withSecretInput: ["answer", "matchedValue"] },
};

const LIFECYCLES: Record<string, (runtime: Runtime) => Lifecycle> = {
    TaskWaiter: taskWaiterLifecycle,
    ReportExport: reportExportLifecycle,
    ApiWaiter: apiWaiterLifecycle,
};

/** urn:pulumi:<stack>::<project>::<parent types$>type::<name> */
function parseUrn(urn: string): { stack: string; project: string; kind: string; name: string } {
    const parts = urn.replace(/^urn:pulumi:/, "").split("::");
    const type = parts[2] ?? "";
    const token = type.slice(type.lastIndexOf("$") + 1);
    return { stack: parts[0] ?? "", project: parts[1] ?? "", kind: token.slice(token.lastIndexOf(":") + 1), name: parts.slice(3).join("::") };
}

class AlicloudTasksProvider {
    private cancel = new AbortController();
    private runtime: Runtime = createRuntime({ signal: this.cancel.signal });

    constructor(
        private readonly p: Protocol,
        private readonly version: string,
        private readonly schema: string,
        private readonly engine?: enginerpc.EngineClient,
    ) {}

    /** The resource's lifecycle on the provider's runtime, its lines going to the engine's log on the resource. */
    private lifecycle(urn: string): { lifecycle: Lifecycle; kind: string; name: string; stack: string; project: string } {
        const parsed = parseUrn(urn);
        const of = LIFECYCLES[parsed.kind];
        if (!of) throw new Error(`unknown resource type in ${urn}: this provider serves ${Object.keys(LIFECYCLES).join(", ")}`);
        const engine = this.engine;
        const writeLine = engine ? (line: string) => log(this.p, engine, urn, line) : undefined;
        return { ...parsed, lifecycle: of(writeLine ? { ...this.runtime, writeLine } : this.runtime) };
    }

    getPluginInfo(_call: Call<emptyproto.Empty>, callback: Callback<plugproto.PluginInfo>): void {
        callback(null, new this.p.plugin.PluginInfo().setVersion(this.version));
    }

    getSchema(_call: Call<provproto.GetSchemaRequest>, callback: Callback<provproto.GetSchemaResponse>): void {
        callback(null, new this.p.provider.GetSchemaResponse().setSchema(this.schema));
    }

    checkConfig(call: Call<provproto.CheckRequest>, callback: Callback<provproto.CheckResponse>): void {
        callback(null, new this.p.provider.CheckResponse().setInputs(call.request.getNews()));
    }

    diffConfig(call: Call<provproto.DiffRequest>, callback: Callback<provproto.DiffResponse>): void {
        const olds = call.request.getOldInputs()?.toJavaScript() ?? {};
        const news = call.request.getNews()?.toJavaScript() ?? {};
        const changed = JSON.stringify(sorted(olds)) !== JSON.stringify(sorted(news));
        // a new configuration (other credentials, region, endpoint) applies to later waits: nothing is replaced
        callback(
            null,
            new this.p.provider.DiffResponse().setChanges(
                changed ? this.p.provider.DiffResponse.DiffChanges.DIFF_SOME : this.p.provider.DiffResponse.DiffChanges.DIFF_NONE,
            ),
        );
    }

    configure(call: Call<provproto.ConfigureRequest>, callback: Callback<provproto.ConfigureResponse>): void {
        const args = call.request.getArgs()?.toJavaScript();
        const values: Props = args ? (unwrapSecrets(args) as Props) : Object.fromEntries(call.request.getVariablesMap().toArray());
        this.runtime = createRuntime({ ...this.runtime, settings: readSettings(pluginConfig(values)) });
        // no preview support: the engine then never calls create or update in a preview, which calls no API
        callback(null, new this.p.provider.ConfigureResponse().setAcceptsecrets(false).setSupportspreview(false));
    }

    async check(call: Call<provproto.CheckRequest>, callback: Callback<provproto.CheckResponse>): Promise<void> {
        await answer(this.p, callback, async () => {
            const { lifecycle, kind, name, stack, project } = this.lifecycle(call.request.getUrn());
            const news: Props = { ...(call.request.getNews()?.toJavaScript() as Props), resourceName: name };
            if (kind === "ReportExport") news.resourceStack = `${project}/${stack}`;
            const result = await lifecycle.check((call.request.getOlds()?.toJavaScript() ?? {}) as Props, news);
            const response = new this.p.provider.CheckResponse().setInputs(this.p.struct.Struct.fromJavaScript((result.inputs ?? news) as never));
            return response.setFailuresList((result.failures ?? []).map((f) => new this.p.provider.CheckFailure().setProperty(f.property).setReason(f.reason)));
        });
    }

    async diff(call: Call<provproto.DiffRequest>, callback: Callback<provproto.DiffResponse>): Promise<void> {
        await answer(this.p, callback, async () => {
            const { lifecycle } = this.lifecycle(call.request.getUrn());
            const olds = (call.request.getOlds()?.toJavaScript() ?? {}) as Props;
            const result = await lifecycle.diff(call.request.getId(), olds, (call.request.getNews()?.toJavaScript() ?? {}) as Props);
            const changes =
                result.changes === true
                    ? this.p.provider.DiffResponse.DiffChanges.DIFF_SOME
                    : result.changes === false
                      ? this.p.provider.DiffResponse.DiffChanges.DIFF_NONE
                      : this.p.provider.DiffResponse.DiffChanges.DIFF_UNKNOWN;
            return new this.p.provider.DiffResponse()
                .setChanges(changes)
                .setReplacesList(result.replaces ?? [])
                .setDeletebeforereplace(result.deleteBeforeReplace ?? false);
        });
    }

    async create(call: Call<provproto.CreateRequest>, callback: Callback<provproto.CreateResponse>): Promise<void> {
        const { lifecycle, kind } = this.lifecycle(call.request.getUrn());
        const props = (call.request.getProperties()?.toJavaScript() ?? {}) as Props;
        await answer(
            this.p,
            callback,
            async () => {
                const result = await lifecycle.create(props);
                return new this.p.provider.CreateResponse().setId(result.id).setProperties(outputsStruct(this.p, kind, result.outs as Props));
            },
            kind,
        );
    }

    async read(call: Call<provproto.ReadRequest>, callback: Callback<provproto.ReadResponse>): Promise<void> {
        await answer(this.p, callback, async () => {
            const { lifecycle, kind } = this.lifecycle(call.request.getUrn());
            let props = (call.request.getProperties()?.toJavaScript() ?? {}) as Props;
            if (Object.keys(props).length === 0) props = (call.request.getInputs()?.toJavaScript() ?? {}) as Props;
            const result = await lifecycle.read(call.request.getId(), props);
            const response = new this.p.provider.ReadResponse().setId(result.id ?? "");
            return result.id ? response.setProperties(outputsStruct(this.p, kind, result.props as Props)) : response;
        });
    }

    async update(call: Call<provproto.UpdateRequest>, callback: Callback<provproto.UpdateResponse>): Promise<void> {
        const { lifecycle, kind } = this.lifecycle(call.request.getUrn());
        const olds = (call.request.getOlds()?.toJavaScript() ?? {}) as Props;
        const news = (call.request.getNews()?.toJavaScript() ?? {}) as Props;
        await answer(
            this.p,
            callback,
            async () => {
                const result = await lifecycle.update(call.request.getId(), olds, news);
                return new this.p.provider.UpdateResponse().setProperties(outputsStruct(this.p, kind, result.outs as Props));
            },
            kind,
        );
    }

    async delete(call: Call<provproto.DeleteRequest>, callback: Callback<emptyproto.Empty>): Promise<void> {
        await answer(this.p, callback, async () => {
            const { lifecycle } = this.lifecycle(call.request.getUrn());
            await lifecycle.remove(call.request.getId(), (call.request.getProperties()?.toJavaScript() ?? {}) as Props);
            return new this.p.empty.Empty();
        });
    }

    /** The engine's Cancel (Ctrl-C): every wait in flight ends now, recorded unfinished; later calls start anew. */
    cancelAll(_call: Call<emptyproto.Empty>, callback: Callback<emptyproto.Empty>): void {
        this.cancel.abort();
        this.cancel = new AbortController();
        this.runtime = createRuntime({ ...this.runtime, signal: this.cancel.signal });
        callback(null, new this.p.empty.Empty());
    }
}

/** A line as the engine's log shows it on the resource: "warning: ..." as a warning, the rest as info. */
function log(p: Protocol, engine: enginerpc.EngineClient, urn: string, line: string): void {
    const warning = line.startsWith("warning: ");
    const request = new p.engine.LogRequest()
        .setSeverity(warning ? p.engine.LogSeverity.WARNING : p.engine.LogSeverity.INFO)
        .setMessage(warning ? line.slice("warning: ".length) : line)
        .setUrn(urn);
    engine.log(request, () => undefined); // a line the engine could not take is not worth failing a wait for
}

/** Runs a call; an error becomes a gRPC error, one that carries `id` and `properties` a partial failure the engine records. */
async function answer<T>(p: Protocol, callback: Callback<T>, run: () => Promise<T>, kind?: string): Promise<void> {
    try {
        callback(null, await run());
    } catch (error) {
        const status = grpcError(p, error as Error & { id?: string; properties?: Props; reasons?: string[] }, kind);
        callback(status, null);
    }
}

function grpcError(p: Protocol, e: Error & { id?: string; properties?: Props; reasons?: string[] }, kind?: string): Partial<grpc.StatusObject> {
    const metadata = new p.grpc.Metadata();
    if (e.id) {
        const detail = new p.provider.ErrorResourceInitFailed()
            .setId(e.id)
            .setProperties(outputsStruct(p, kind ?? "", e.properties ?? {}))
            .setReasonsList(e.reasons ?? []);
        const packed = new p.any.Any();
        packed.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
        const status = new p.status.Status().setCode(p.grpc.status.UNKNOWN).setMessage(e.message);
        status.addDetails(packed); // returns the detail added, not the status
        metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
    }
    return { code: p.grpc.status.UNKNOWN, details: e.message, metadata };
}

/** The outputs as the engine gets them, the secret ones marked so that the state keeps them encrypted. */
function outputsStruct(p: Protocol, kind: string, outs: Props): structproto.Struct {
    const secrets = SECRET_OUTPUTS[kind] ?? { always: [], withSecretInput: [] };
    const marked = [...secrets.always, ...(outs.secret === true ? secrets.withSecretInput : [])];
    const value = withSecretOutputs(
        outs,
        marked.filter((k) => outs[k] !== null),
    );
    return p.struct.Struct.fromJavaScript(value as never);
}

function unwrapSecrets(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(unwrapSecrets);
    if (value && typeof value === "object") {
        const record = value as Props;
        if (isSecretValue(record)) return unwrapSecrets(record.value);
        return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, unwrapSecrets(v)]));
    }
    return value;
}

function sorted(value: unknown): unknown {
    return value && typeof value === "object" && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value as Props).sort(([a], [b]) => a.localeCompare(b)))
        : value;
}

/** Serves the provider on a free port of 127.0.0.1 and prints the port, as the engine expects of a plugin. */
export async function serve(p: Protocol, version: string, schema: string, engineAddress?: string): Promise<grpc.Server> {
    const server = new p.grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
    const engine = engineAddress ? new p.engineRpc.EngineClient(engineAddress, p.grpc.credentials.createInsecure()) : undefined;
    const provider = new AlicloudTasksProvider(p, version, schema, engine);
    const unimplemented = (name: string) => (_call: unknown, callback: Callback<never>) =>
        callback({ code: p.grpc.status.UNIMPLEMENTED, details: `${name} is not implemented by alicloud-tasks` }, null);
    const implementation: Record<string, unknown> = {};
    for (const method of Object.keys(p.providerRpc.ResourceProviderService)) implementation[method] = unimplemented(method);
    Object.assign(implementation, {
        getPluginInfo: provider.getPluginInfo.bind(provider),
        getSchema: provider.getSchema.bind(provider),
        checkConfig: provider.checkConfig.bind(provider),
        diffConfig: provider.diffConfig.bind(provider),
        configure: provider.configure.bind(provider),
        check: provider.check.bind(provider),
        diff: provider.diff.bind(provider),
        create: provider.create.bind(provider),
        read: provider.read.bind(provider),
        update: provider.update.bind(provider),
        delete: provider.delete.bind(provider),
        cancel: provider.cancelAll.bind(provider),
    });
    server.addService(p.providerRpc.ResourceProviderService, implementation as unknown as grpc.UntypedServiceImplementation);
    const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", p.grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    process.stdout.write(`${port}\n`);
    return server;
}
