// A typed client for pulumirpc.ResourceProvider, calling the dynamic provider host exactly as the engine would.
import * as crypto from "crypto";
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as providerGrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as proto from "@pulumi/pulumi/proto/provider_pb";
import { HostCallError, hostCallError } from "./hostErrors";
import { parseUrn } from "./urn";

export type PropertyMap = Record<string, unknown>;

export interface CheckFailure {
    property: string;
    reason: string;
}
export interface CheckResult {
    inputs: PropertyMap;
    failures: CheckFailure[];
}
export type DiffChanges = "none" | "some" | "unknown";
export interface DiffResult {
    changes: DiffChanges;
    replaces: string[];
    deleteBeforeReplace: boolean;
}
export interface CreateResult {
    id: string;
    properties: PropertyMap;
}
export interface ReadResult {
    /** Empty when the provider reports that the resource is gone. */
    id: string;
    properties: PropertyMap;
    inputs?: PropertyMap;
}
export interface UpdateResult {
    properties: PropertyMap;
}
export interface TimeoutOption {
    /** Sent as the request's `timeout`, as the engine does from `customTimeouts`; the dynamic host ignores it. */
    timeoutSeconds?: number;
}

/** A secret as the engine passes it in a Struct; the host unwraps these in `configure` args. */
export function rpcSecret(value: unknown): PropertyMap {
    return { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value };
}

const DIFF_CHANGES: Record<number, DiffChanges> = {
    [proto.DiffResponse.DiffChanges.DIFF_NONE]: "none",
    [proto.DiffResponse.DiffChanges.DIFF_SOME]: "some",
    [proto.DiffResponse.DiffChanges.DIFF_UNKNOWN]: "unknown",
};

type Callback<Res> = (err: grpc.ServiceError | null, res: Res) => void;

export class ResourceProviderRpc {
    private readonly client: providerGrpc.ResourceProviderClient;

    /** `explainFailure` adds context to errors, e.g. that the host process has exited and its last stderr. */
    constructor(
        address: string,
        private readonly explainFailure: () => string = () => "",
    ) {
        this.client = new providerGrpc.ResourceProviderClient(address, grpc.credentials.createInsecure());
    }

    /** The engine passes the whole stack config; the host reads `args` (unwrapping secrets), not `variables`. */
    async configure(config: Record<string, string>, secretKeys: string[] = []): Promise<void> {
        const req = new proto.ConfigureRequest();
        const args: PropertyMap = {};
        for (const [key, value] of Object.entries(config)) {
            req.getVariablesMap().set(key, value);
            args[key] = secretKeys.includes(key) ? rpcSecret(value) : value;
        }
        req.setArgs(toStruct(args));
        req.setAcceptsecrets(true);
        req.setAcceptresources(true);
        await this.call<proto.ConfigureResponse>("configure", (done) => this.client.configure(req, done));
    }

    async check(urn: string, olds: PropertyMap, news: PropertyMap): Promise<CheckResult> {
        const req = new proto.CheckRequest();
        setTarget(req, urn);
        req.setOlds(toStruct(olds));
        req.setNews(toStruct(news));
        req.setRandomseed(crypto.randomBytes(32));
        const res = await this.call<proto.CheckResponse>("check", (done) => this.client.check(req, done));
        return {
            inputs: fromStruct(res.getInputs()),
            failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
        };
    }

    async diff(id: string, urn: string, olds: PropertyMap, news: PropertyMap): Promise<DiffResult> {
        const req = new proto.DiffRequest();
        setTarget(req, urn);
        req.setId(id);
        req.setOlds(toStruct(olds));
        req.setNews(toStruct(news));
        const res = await this.call<proto.DiffResponse>("diff", (done) => this.client.diff(req, done));
        return {
            changes: DIFF_CHANGES[res.getChanges()] ?? "unknown",
            replaces: res.getReplacesList(),
            deleteBeforeReplace: res.getDeletebeforereplace(),
        };
    }

    async create(urn: string, properties: PropertyMap, options: TimeoutOption = {}): Promise<CreateResult> {
        const req = new proto.CreateRequest();
        setTarget(req, urn);
        req.setProperties(toStruct(properties));
        req.setTimeout(options.timeoutSeconds ?? 0);
        req.setPreview(false);
        const res = await this.call<proto.CreateResponse>("create", (done) => this.client.create(req, done));
        return { id: res.getId(), properties: fromStruct(res.getProperties()) };
    }

    async read(id: string, urn: string, properties: PropertyMap, inputs?: PropertyMap): Promise<ReadResult> {
        const req = new proto.ReadRequest();
        setTarget(req, urn);
        req.setId(id);
        req.setProperties(toStruct(properties));
        if (inputs) {
            req.setInputs(toStruct(inputs));
        }
        const res = await this.call<proto.ReadResponse>("read", (done) => this.client.read(req, done));
        const resultInputs = res.getInputs();
        return {
            id: res.getId(),
            properties: fromStruct(res.getProperties()),
            ...(resultInputs ? { inputs: fromStruct(resultInputs) } : {}),
        };
    }

    async update(id: string, urn: string, olds: PropertyMap, news: PropertyMap, options: TimeoutOption = {}): Promise<UpdateResult> {
        const req = new proto.UpdateRequest();
        setTarget(req, urn);
        req.setId(id);
        req.setOlds(toStruct(olds));
        req.setNews(toStruct(news));
        req.setTimeout(options.timeoutSeconds ?? 0);
        req.setPreview(false);
        const res = await this.call<proto.UpdateResponse>("update", (done) => this.client.update(req, done));
        return { properties: fromStruct(res.getProperties()) };
    }

    async delete(id: string, urn: string, properties: PropertyMap, options: TimeoutOption = {}): Promise<void> {
        const req = new proto.DeleteRequest();
        setTarget(req, urn);
        req.setId(id);
        req.setProperties(toStruct(properties));
        req.setTimeout(options.timeoutSeconds ?? 0);
        await this.call<unknown>("delete", (done) => this.client.delete(req, done));
    }

    close(): void {
        this.client.close();
    }

    private call<Res>(method: string, invoke: (done: Callback<Res>) => unknown): Promise<Res> {
        return new Promise((resolve, reject) => {
            try {
                invoke((err, res) => {
                    if (err) {
                        reject(hostCallError(method, err, this.explainFailure()));
                    } else {
                        resolve(res);
                    }
                });
            } catch (e) {
                // grpc-js throws synchronously once the client is closed (after kill/close).
                const message = e instanceof Error ? e.message : String(e);
                reject(new HostCallError(message + this.explainFailure(), grpc.status.UNAVAILABLE, method));
            }
        });
    }
}

interface TargetedRequest {
    setUrn(value: string): unknown;
    setName(value: string): unknown;
    setType(value: string): unknown;
}

function setTarget(req: TargetedRequest, urn: string): void {
    const { type, name } = parseUrn(urn);
    req.setUrn(urn);
    req.setType(type);
    req.setName(name);
}

function toStruct(properties: PropertyMap): Struct {
    return Struct.fromJavaScript(properties as Parameters<typeof Struct.fromJavaScript>[0]);
}

function fromStruct(struct: Struct | undefined): PropertyMap {
    return (struct?.toJavaScript() ?? {}) as PropertyMap;
}
