/**
 * Alibaba's official SDK clients pointed at a simulator, with their default settings but for the
 * endpoint: the generated ECS client (@alicloud/ecs20140526), and the generic clients the other
 * generated clients are built on (@alicloud/openapi-core, as bdrc-20230808, ecd-20200930 and
 * sas-20181203 import it; @alicloud/openapi-client, its predecessor). Signatures: the default (V3,
 * ACS3-HMAC-SHA256) or V2 (signatureAlgorithm "v2"). A layer counts the calls the simulator
 * accepted, by action and signature version.
 */
import EcsClient from "@alicloud/ecs20140526";
import OpenApiClient, { Config as ClientConfig, OpenApiRequest as ClientRequest, Params as ClientParams } from "@alicloud/openapi-client";
import OpenApiCore, { $OpenApiUtil, OpenApiUtil } from "@alicloud/openapi-core";
import { RuntimeOptions } from "@alicloud/tea-util";
import type { Simulator } from "../../simulator";

export type SignatureVersion = "V3" | "V2";
export const SIGNATURES: readonly SignatureVersion[] = ["V3", "V2"];
export type GenericFlavour = "openapi-core" | "openapi-client";
export const GENERIC_FLAVOURS: readonly GenericFlavour[] = ["openapi-core", "openapi-client"];

export interface Keys {
    accessKeyId: string;
    accessKeySecret: string;
    securityToken?: string;
}

function config(sim: Simulator, keys: Keys, signature: SignatureVersion) {
    return {
        accessKeyId: keys.accessKeyId,
        accessKeySecret: keys.accessKeySecret,
        securityToken: keys.securityToken,
        // The simulator speaks plain HTTP on 127.0.0.1: the endpoint is host:port, the protocol http.
        endpoint: new URL(sim.url).host,
        protocol: "http",
        ...(signature === "V2" ? { signatureAlgorithm: "v2" } : {}),
    };
}

export function ecsSdk(sim: Simulator, keys: Keys, signature: SignatureVersion): EcsClient {
    return new EcsClient(new $OpenApiUtil.Config(config(sim, keys, signature)));
}

/**
 * How a generated client calls an API (its Params), from the generated sources in
 * aliyun/alibabacloud-typescript-sdk: bdrc-20230808, ecd-20200930 and sas-20181203 src/client.ts.
 */
export interface ApiParams {
    action: string;
    version: string;
    protocol: "HTTPS";
    pathname: string;
    method: "GET" | "POST";
    authType: "AK";
    style: "RPC" | "ROA";
    reqBodyType: "json" | "formData";
    bodyType: "json";
}

const rpc = (action: string, version: string): ApiParams => ({
    action,
    version,
    protocol: "HTTPS",
    pathname: "/",
    method: "POST",
    authType: "AK",
    style: "RPC",
    reqBodyType: "formData",
    bodyType: "json",
});
const bdrcGet = (action: string, pathname: string): ApiParams => ({
    action,
    version: "2023-08-08",
    protocol: "HTTPS",
    pathname,
    method: "GET",
    authType: "AK",
    style: "ROA",
    reqBodyType: "json",
    bodyType: "json",
});

export const API = {
    /** describeTaskWithOptions: pathname `/api/v1/tasks/${$dara.URL.percentEncode(TaskId)}`. */
    bdrcDescribeTask: (taskId: string) => bdrcGet("DescribeTask", `/api/v1/tasks/${encodeURIComponent(taskId)}`),
    bdrcDescribeTasks: () => bdrcGet("DescribeTasks", "/api/v1/tasks"),
    ecdCreateEcdReportTask: () => rpc("CreateEcdReportTask", "2020-09-30"),
    ecdDescribeEcdReportTasks: () => rpc("DescribeEcdReportTasks", "2020-09-30"),
    sasExportRecord: () => rpc("ExportRecord", "2018-12-03"),
    sasDescribeExportInfo: () => rpc("DescribeExportInfo", "2018-12-03"),
};

/** What callApi answers with bodyType json. */
export interface ApiAnswer {
    body: Record<string, unknown>;
    statusCode: number;
    headers: Record<string, string>;
}

/** callApi of a generic client. The request's parameters go in the query, flattened, as the generated clients put them. */
export type GenericCall = (params: ApiParams, query?: Record<string, unknown>) => Promise<ApiAnswer>;

export function genericSdk(sim: Simulator, keys: Keys, flavour: GenericFlavour, signature: SignatureVersion): GenericCall {
    const runtime = new RuntimeOptions({});
    if (flavour === "openapi-core") {
        const client = new OpenApiCore(new $OpenApiUtil.Config(config(sim, keys, signature)));
        return async (params, query = {}) =>
            (await client.callApi(
                new $OpenApiUtil.Params(params),
                new $OpenApiUtil.OpenApiRequest({ headers: {}, query: OpenApiUtil.query(query) }),
                runtime,
            )) as ApiAnswer;
    }
    const client = new OpenApiClient(new ClientConfig(config(sim, keys, signature)));
    return async (params, query = {}) =>
        (await client.callApi(new ClientParams(params), new ClientRequest({ headers: {}, query: OpenApiUtil.query(query) }), runtime as never)) as ApiAnswer;
}

/** What the official clients throw for an error answer. */
export interface SdkError {
    code: string;
    statusCode: number;
    data: Record<string, unknown>;
}

export async function expectSdkError(call: Promise<unknown>): Promise<SdkError> {
    try {
        await call;
    } catch (err) {
        const e = err as Partial<SdkError>;
        if (typeof e.code !== "string" || typeof e.statusCode !== "number") throw err;
        return e as SdkError;
    }
    throw new Error("expected the official client's call to fail");
}

/** Counts of calls the simulator accepted (authenticated and answered with success), by "action signature". */
export type AcceptedCalls = Map<string, number>;

/** Installs the counting layer; the counts are by action and the signature version the call carried. */
export function countAcceptedCalls(sim: Simulator, into: AcceptedCalls): void {
    sim.addLayer(async (call, next) => {
        const outcome = await next();
        const authorization = String(call.headers.authorization ?? "");
        const signature = authorization.startsWith("ACS3-HMAC-SHA256 ") ? "V3" : "V2";
        const key = `${call.action} ${signature}`;
        if (outcome.kind === "json") into.set(key, (into.get(key) ?? 0) + 1);
        return outcome;
    }, "afterAuth");
}

/** The table of accepted calls, one line per action: "action  V3 n  V2 n". */
export function acceptedTable(counts: AcceptedCalls, actions: readonly string[]): string {
    const width = Math.max(...actions.map((a) => a.length));
    return actions.map((action) => `      ${action.padEnd(width)}  V3 ${counts.get(`${action} V3`) ?? 0}  V2 ${counts.get(`${action} V2`) ?? 0}`).join("\n");
}

/** Keeps the last JSON body the simulator answered with, as it goes on the wire (before the client parses it). */
export function captureBodies(sim: Simulator): () => Record<string, unknown> {
    let last: Record<string, unknown> | undefined;
    sim.addLayer(async (call, next) => {
        const outcome = await next();
        if (outcome.kind === "json") last = JSON.parse(JSON.stringify({ RequestId: call.requestId, ...outcome.body })) as Record<string, unknown>;
        return outcome;
    }, "afterAuth");
    return () => {
        if (!last) throw new Error("no JSON answer was captured");
        return last;
    };
}
