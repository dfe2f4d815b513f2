/**
 * From an HTTP request to an API call: which style it is (RPC at "/", ROA anywhere else), its
 * parameters, and which registered action answers it. An RPC action and version are the Action and
 * Version parameters (V2), or the x-acs-action and x-acs-version headers (V3, which signs them).
 * RPC parameters come from the query, a form body or a JSON body. A request no action answers
 * still becomes a call, with the refusal to send back.
 */
import type { IncomingHttpHeaders } from "node:http";
import { invalidAction, missingParameter, SimError } from "./errors";
import type { RpcCall } from "./pipeline";
import type { ApiActionDefinition, ServiceRegistry } from "./registry";
import { emptyParams, parseEncodedParams, type RequestParams } from "./signature";
import { isAcs3Authorization } from "./v3Signature";

export interface IncomingApiRequest {
    requestId: string;
    method: string;
    path: string;
    rawQuery: string;
    headers: IncomingHttpHeaders;
    body: Buffer;
    signal: AbortSignal;
}

export interface RoutedCall {
    call: RpcCall;
    /** The action that answers the call; absent when refused. */
    definition?: ApiActionDefinition;
    /** Why no action answers it. */
    refusal?: SimError;
}

function malformed(): SimError {
    return new SimError(400, "InvalidParameter", "The request contains a malformed percent-encoded parameter.");
}

function apiNotFound(detail = ""): SimError {
    return new SimError(404, "InvalidAction.NotFound", `Specified api is not found, please check your url and method.${detail}`);
}

/** A JSON body's values as flat RPC parameters: {"A":{"B":1},"L":["x"]} gives A.B=1 and L.1=x, as the SDKs flatten them. */
function flattenJson(value: unknown, prefix: string, into: RequestParams): void {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) return value.forEach((item, index) => flattenJson(item, `${prefix}.${index + 1}`, into));
    if (typeof value === "object") {
        for (const [key, item] of Object.entries(value)) flattenJson(item, prefix === "" ? key : `${prefix}.${key}`, into);
        return;
    }
    if (prefix !== "") into[prefix] = String(value);
}

/**
 * Query parameters, plus the body of an RPC request: a form (pop-core's POST, the SDKs'
 * formData) or a JSON object. Throws URIError or SyntaxError on a malformed one.
 */
function parseParams(req: IncomingApiRequest, isRpc: boolean): RequestParams {
    const params = parseEncodedParams(req.rawQuery, emptyParams());
    if (!isRpc || req.body.length === 0) return params;
    const contentType = (req.headers["content-type"] ?? "").toLowerCase();
    if (contentType.startsWith("application/x-www-form-urlencoded")) parseEncodedParams(req.body.toString("utf8"), params);
    else if (contentType.startsWith("application/json")) flattenJson(JSON.parse(req.body.toString("utf8")), "", params);
    return params;
}

function headerValue(headers: IncomingHttpHeaders, name: string): string {
    const value = headers[name];
    return (Array.isArray(value) ? value[0] : value) ?? "";
}

export function routeRequest(req: IncomingApiRequest, registry: ServiceRegistry): RoutedCall {
    const isRpc = req.path === "/";
    const base = {
        requestId: req.requestId,
        style: isRpc ? ("rpc" as const) : ("roa" as const),
        method: req.method,
        path: req.path,
        rawQuery: req.rawQuery,
        host: headerValue(req.headers, "host") || "127.0.0.1",
        headers: req.headers,
        body: req.body,
        signal: req.signal,
    };
    const unrouted = (params: RequestParams, action: string, version: string, refusal: SimError): RoutedCall => ({
        call: { ...base, params, pathParams: {}, service: "", action, version, product: registry.productOf(version) ?? "" },
        refusal,
    });

    let params: RequestParams;
    try {
        params = parseParams(req, isRpc);
    } catch (err) {
        const refusal = err instanceof SyntaxError ? new SimError(400, "InvalidParameter", "The request body is not valid JSON.") : malformed();
        return unrouted(emptyParams(), "", "", refusal);
    }

    if (isRpc) {
        // V3 names the action in signed headers; V2 in signed parameters (its headers are not signed).
        const v3 = isAcs3Authorization(headerValue(req.headers, "authorization"));
        const action = (v3 ? headerValue(req.headers, "x-acs-action") : params.Action) ?? "";
        const version = (v3 ? headerValue(req.headers, "x-acs-version") : params.Version) ?? "";
        if (action === "") return unrouted(params, action, version, missingParameter(v3 ? "x-acs-action" : "Action"));
        if (version === "") return unrouted(params, action, version, missingParameter(v3 ? "x-acs-version" : "Version"));
        const definition = registry.findRpcAction(version, action);
        if (!definition) return unrouted(params, action, version, invalidAction(action, version));
        return { call: { ...base, params, pathParams: {}, service: definition.service, action, version, product: definition.product }, definition };
    }

    const version = headerValue(req.headers, "x-acs-version");
    let found: ReturnType<ServiceRegistry["findRoaAction"]>;
    try {
        found = registry.findRoaAction(version, req.method, req.path);
    } catch {
        return unrouted(params, "", version, malformed());
    }
    if (!found) return unrouted(params, "", version, apiNotFound(version === "" ? "" : ` (${req.method} ${req.path}, x-acs-version ${version})`));
    const { definition, pathParams } = found;
    // The SDKs also name a ROA action in x-acs-action (signed in V3): it must be the routed one.
    const namedAction = headerValue(req.headers, "x-acs-action");
    if (namedAction !== "" && namedAction !== definition.action) {
        return unrouted(params, namedAction, version, apiNotFound(` (x-acs-action ${namedAction} is not ${req.method} ${req.path})`));
    }
    return {
        call: { ...base, params, pathParams, service: definition.service, action: definition.action, version, product: definition.product },
        definition,
    };
}
