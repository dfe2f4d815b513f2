/** The authentication step of the pipeline: RPC signatures (auth.ts) or ROA ones (roa-auth.ts). */
import { authenticateRpc, type AuthDependencies } from "./auth";
import type { RpcLayer } from "./pipeline";
import { authenticateRoa } from "./roa-auth";

export function authenticationLayer(deps: AuthDependencies): RpcLayer {
    return async (call, next) => {
        if (call.style === "roa") authenticateRoa(call, deps);
        else authenticateRpc(call.method, call.params, deps);
        return next();
    };
}
