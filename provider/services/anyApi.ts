import { createHash } from "crypto";
import type { RoaMethod } from "../client/call";
import { endpointUrl, productEndpoint, productEndpoints } from "../client/endpoints";
import { ApiError, isThrottlingCode } from "../client/errors";
import type { TaskSource } from "../engine/poller";
import { ServiceContext, ServiceDefinition, batchKey, callTarget } from "./context";
import type { Json } from "./jmespath";
import { nestingDepth } from "./rpcParams";
import type { TaskSnapshot } from "./snapshot";

/**
 * Any Alibaba Cloud API, RPC or ROA, as a source for the engine. Waits that send the identical
 * request (same endpoint, region, account, action or path, parameters) have the same batch key and
 * the same id, so the poller sends one call for all of them: each judges the shared answer with
 * its own acceptors.
 */

interface RequestCommon {
    product?: string;
    endpoint?: string;
    version: string;
    /** A read (readOnly.ts): anything else is never sent again after a failure that leaves open whether it acted. */
    reads: boolean;
}

/** RPC params already flattened (rpcParams.ts): what the query carries. */
export type ApiRequest =
    | (RequestCommon & { style: "rpc"; action: string; params: Record<string, string> })
    | (RequestCommon & { style: "roa"; method: RoaMethod; path: string; query: Record<string, string>; body?: unknown });

/** An answer nested deeper than this is not one an API documents; judged, recorded or sent to Pulumi it would overflow a stack. */
const MAX_ANSWER_DEPTH = 64;

/** The answer: the body, or the permanent error the API answered with (transient ones are retried by the engine). */
export type ApiAnswer = { kind: "body"; body: Json; requestId?: string } | { kind: "error"; code: string; message: string; requestId?: string };

export type ApiSnapshot = TaskSnapshot<ApiAnswer>;

/** How messages name the API: "Ecs DescribeInstances", "CS GET /clusters/c-1". */
export function apiName(request: ApiRequest): string {
    const product = request.product ?? hostOf(request.endpoint ?? "") ?? "API";
    return request.style === "rpc" ? `${product} ${request.action}` : `${product} ${request.method} ${request.path}`;
}

function hostOf(endpoint: string): string | undefined {
    try {
        return new URL(endpointUrl(endpoint)).hostname;
    } catch {
        return undefined;
    }
}

/** The request as a product the client can call: the explicit endpoint, else the product's endpoint data. */
export function apiDefinition(request: ApiRequest): ServiceDefinition {
    const product = request.product;
    return {
        name: (product ?? hostOf(request.endpoint ?? "") ?? "api").toLowerCase(),
        product: product ? (productEndpoints(product)?.name ?? product) : (hostOf(request.endpoint ?? "") ?? "API"),
        apiVersion: request.version,
        statusTable: {},
        endpoint: (region) => (request.endpoint ? { url: endpointUrl(request.endpoint) } : productEndpoint(product ?? "api", region)),
    };
}

/** A stable digest of everything that makes two requests the same call. */
export function requestFingerprint(request: ApiRequest): string {
    return createHash("sha256").update(canonicalJson(request)).digest("hex").slice(0, 16);
}

function canonicalJson(value: unknown): string {
    if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
    if (value && typeof value === "object")
        return `{${Object.keys(value)
            .sort()
            .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
            .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
            .join(",")}}`;
    return JSON.stringify(value) ?? "null";
}

/**
 * One call of the API. Permanent errors become answers (an acceptor may expect them); the rest are
 * thrown: retried by the engine, except after a call that is not a read failed in a way that
 * leaves open whether the server acted (a 5xx, a timeout, a network error). Only throttling with
 * a throttling code, or an error answer (a 4xx), proves that nothing was done.
 */
async function callApi(ctx: ServiceContext, request: ApiRequest): Promise<ApiAnswer> {
    const definition = apiDefinition(request);
    const api = apiName(request);
    const target = { ...callTarget(definition, ctx, request.style === "rpc" ? request.action : request.path), api };
    let body: unknown;
    try {
        body =
            request.style === "rpc"
                ? await ctx.client.rpc(target, request.action, request.params)
                : await ctx.client.roa(target, request.method, request.path, request.query, request.body);
    } catch (error) {
        if (error instanceof ApiError && error.kind === "permanent")
            return { kind: "error", code: error.code, message: error.detail, requestId: error.requestId };
        if (error instanceof ApiError && !request.reads && !(error.kind === "throttling" && isThrottlingCode(error.code)))
            throw new ApiError(
                "permanent",
                error.api,
                error.code,
                `${error.detail}; not sent again: ${api} is not a read, and this failure leaves open whether the server acted on it (check before running it again)`,
                error.requestId,
                error.httpStatus,
            );
        throw error;
    }
    if (nestingDepth(body, MAX_ANSWER_DEPTH + 1) > MAX_ANSWER_DEPTH)
        throw new ApiError(
            "permanent",
            api,
            "InvalidResponseBody",
            `the answer is JSON nested deeper than ${MAX_ANSWER_DEPTH} levels: not an answer an API documents`,
        );
    const json = (body ?? null) as Json;
    const requestId = json && typeof json === "object" && !Array.isArray(json) ? (json.RequestId ?? json.requestId) : undefined;
    return { kind: "body", body: json, requestId: typeof requestId === "string" ? requestId : undefined };
}

/** The engine's view: one id per distinct request, one call per poll whatever the number of waits on it. */
export function apiSource(ctx: ServiceContext, request: ApiRequest): TaskSource<ApiSnapshot> {
    const id = requestFingerprint(request);
    return {
        batchKey: batchKey(apiDefinition(request), ctx, "api", id),
        maxBatchSize: 1,
        async fetch(ids, timeLeftMs) {
            const answer = await callApi({ ...ctx, timeLeftMs }, request);
            const snapshot: ApiSnapshot = {
                taskId: id,
                rawStatus: answer.kind === "error" ? answer.code : "answered",
                requestId: answer.requestId,
                details: answer,
            };
            return new Map(ids.map((requested) => [requested, snapshot]));
        },
    };
}
