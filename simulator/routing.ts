/**
 * From an HTTP request to an API call: which style it is (RPC at "/", ROA anywhere else), its
 * parameters, and which registered action answers it. A request no action answers still becomes
 * a call, with the refusal to send back.
 */
import type { IncomingHttpHeaders } from "node:http";
import { invalidAction, missingParameter, SimError } from "./errors";
import type { RpcCall } from "./pipeline";
import type { ApiActionDefinition, ServiceRegistry } from "./registry";
import { emptyParams, parseEncodedParams, type RequestParams } from "./signature";

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

/** Query parameters, plus the form body of an RPC POST (pop-core puts everything there). */
function parseParams(req: IncomingApiRequest, isRpc: boolean): RequestParams {
    const params = parseEncodedParams(req.rawQuery, emptyParams());
    const contentType = req.headers["content-type"] ?? "";
    if (isRpc && req.method === "POST" && contentType.startsWith("application/x-www-form-urlencoded")) {
        parseEncodedParams(req.body.toString("utf8"), params);
    }
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
    } catch {
        return unrouted(emptyParams(), "", "", malformed());
    }

    if (isRpc) {
        const action = params.Action ?? "";
        const version = params.Version ?? "";
        if (action === "") return unrouted(params, action, version, missingParameter("Action"));
        if (version === "") return unrouted(params, action, version, missingParameter("Version"));
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
    return {
        call: { ...base, params, pathParams, service: definition.service, action: definition.action, version, product: definition.product },
        definition,
    };
}
