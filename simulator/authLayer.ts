/** The authentication step of the pipeline: V3 signatures (v3Auth.ts) for either style, else V2 RPC (auth.ts) or ROA (roaAuth.ts). */
import { authenticateRpc, type AuthDependencies } from "./auth";
import type { RpcCall, RpcLayer } from "./pipeline";
import { authenticateRoa, roaAccessKeyId } from "./roaAuth";
import { authenticateV3, v3AccessKeyId } from "./v3Auth";
import { isAcs3Authorization } from "./v3Signature";

function isV3(call: Pick<RpcCall, "headers">): boolean {
    const value = call.headers.authorization;
    return isAcs3Authorization(Array.isArray(value) ? value[0] : value);
}

export function authenticationLayer(deps: AuthDependencies): RpcLayer {
    return async (call, next) => {
        if (isV3(call)) authenticateV3(call, deps);
        else if (call.style === "roa") authenticateRoa(call, deps);
        else authenticateRpc(call.method, call.params, deps);
        return next();
    };
}

/** The AccessKeyId a call was signed with (verified once the authentication layer has passed it). */
export function callerAccessKeyId(call: Pick<RpcCall, "headers" | "style" | "params">): string {
    if (isV3(call)) return v3AccessKeyId(call);
    return call.style === "roa" ? roaAccessKeyId(call) : (call.params.AccessKeyId ?? "");
}
