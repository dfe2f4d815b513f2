import { Credentials, CredentialsProvider } from "./credentials";
import { toApiError } from "./errors";
import { RateLimiter, rateLimitKey } from "./limiter";
import { UnresolvedHosts } from "./dnsGrace";
import { Agents, agentFor, guardedAgents } from "./transport";

// pop-core's typings cover only the RPC client and no ROAClient; the two constructors are all this module needs.
type RpcClientClass = new (config: object) => { request(action: string, params: object, opts: object): Promise<unknown> };
type RoaClientClass = new (config: object) => {
    request(method: string, path: string, query: object, body: string, headers: object, opts: object): Promise<unknown>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the untyped module, typed just above
const popCore = require("@alicloud/pop-core") as RpcClientClass & { ROAClient: RoaClientClass };
const RPCClient: RpcClientClass = popCore;
const ROAClient: RoaClientClass = popCore.ROAClient;

const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/** A request gets at least this long, even at the deadline: the wait itself ends on time regardless (engine/poller). */
const MIN_REQUEST_TIMEOUT_MS = 1000;

export interface CallTarget {
    /** Product and action for messages, e.g. "ECS DescribeTasks". */
    api: string;
    /** The product's short name ("ecs"): the rate limiter's buckets are per product. */
    product: string;
    endpoint: string;
    apiVersion: string;
    credentials: CredentialsProvider;
    /** Which account the credentials belong to (never a secret): the rate limiter's buckets are per account. */
    account: string;
    /** How long the wait this call serves may still take: the request's timeout and its wait for a rate-limit token are bounded by it. */
    timeLeftMs?: number;
}

/** Never longer than the default, nor (much) longer than the wait it serves has left. */
export function requestTimeoutMs(timeLeftMs: number | undefined): number {
    if (timeLeftMs === undefined) return DEFAULT_REQUEST_TIMEOUT_MS;
    return Math.min(DEFAULT_REQUEST_TIMEOUT_MS, Math.max(MIN_REQUEST_TIMEOUT_MS, timeLeftMs + MIN_REQUEST_TIMEOUT_MS));
}

export type RoaMethod = "GET" | "POST" | "PUT" | "DELETE" | "PATCH" | "HEAD";

/**
 * How service modules call Alibaba Cloud. The runtime builds one (popCoreClient) around its rate
 * limiter; tests hand services a stub instead of patching modules.
 */
export interface ApiClient {
    /** An RPC-style API (every parameter in the signed query). Throws ApiError. */
    rpc(target: CallTarget, action: string, params: Record<string, unknown>): Promise<unknown>;
    /** A ROA-style API (signed headers, a resource path); a body is sent as JSON. Throws ApiError. */
    roa(target: CallTarget, method: RoaMethod, path: string, query?: Record<string, string>, body?: unknown): Promise<unknown>;
}

/** pop-core through guarded sockets of its own, every call passing `limiter`; a host that stops resolving ends the waits on it (dnsGrace.ts). */
export function popCoreClient(limiter: RateLimiter, agents: Agents = guardedAgents(), unresolved: UnresolvedHosts = new UnresolvedHosts()): ApiClient {
    const resolving = async <T>(target: CallTarget, call: () => Promise<T>): Promise<T> => {
        const host = hostOf(target.endpoint);
        try {
            const answer = await call();
            unresolved.answered(host);
            return answer;
        } catch (error) {
            const failure = toApiError(target.api, error, host);
            // an error answer came from the host: it resolves
            if (failure.httpStatus !== undefined) unresolved.answered(host);
            throw unresolved.judge(host, failure);
        }
    };
    return {
        rpc: (target, action, params) => resolving(target, () => callRpc(limiter, agents, target, action, params)),
        roa: (target, method, path, query = {}, body) =>
            resolving(target, () => limited(limiter, target, undefined, (credentials) => roaRequest(agents, target, credentials, method, path, query, body))),
    };
}

function hostOf(endpoint: string): string {
    try {
        return new URL(endpoint).host;
    } catch {
        return endpoint;
    }
}

async function callRpc(limiter: RateLimiter, agents: Agents, target: CallTarget, action: string, params: Record<string, unknown>): Promise<unknown> {
    const region = typeof params.RegionId === "string" ? params.RegionId : undefined;
    return limited(limiter, target, region, async (credentials) => {
        try {
            const client = new RPCClient({
                endpoint: target.endpoint,
                apiVersion: target.apiVersion,
                credentialsProvider: credentials,
            });
            return await client.request(action, params, {
                timeout: requestTimeoutMs(target.timeLeftMs),
                agent: agentFor(agents, target.endpoint),
                // keep the parameter names exactly as the API documents them
                formatParams: false,
            });
        } catch (error) {
            throw toApiError(target.api, error, hostOf(target.endpoint));
        }
    });
}

async function roaRequest(
    agents: Agents,
    target: CallTarget,
    credentials: CredentialsProvider,
    method: RoaMethod,
    path: string,
    query: Record<string, string>,
    body: unknown,
): Promise<unknown> {
    try {
        const client = new ROAClient({
            endpoint: target.endpoint,
            apiVersion: target.apiVersion,
            credentialsProvider: credentials,
        });
        const json = body === undefined ? "" : JSON.stringify(body);
        const answer = await client.request(method, path, query, json, json ? { "content-type": "application/json" } : {}, {
            timeout: requestTimeoutMs(target.timeLeftMs),
            agent: agentFor(agents, target.endpoint),
        });
        if (typeof answer === "string") {
            // pop-core returns non-JSON bodies as text instead of failing
            const error = Object.assign(new Error("not JSON"), { name: "SyntaxError" });
            throw error;
        }
        return answer;
    } catch (error) {
        throw toApiError(target.api, error, hostOf(target.endpoint));
    }
}

/**
 * Every call passes the runtime's rate limiter, in the bucket of its product, endpoint, region and
 * account; a Throttling answer (an ApiError of kind "throttling") slows that bucket down. The
 * credentials are read once the call may go, so a call that waited for a token is signed with
 * credentials that are current then.
 */
async function limited<T>(
    limiter: RateLimiter,
    target: CallTarget,
    region: string | undefined,
    call: (credentials: CredentialsProvider) => Promise<T>,
): Promise<T> {
    const key = rateLimitKey(target.product, target.endpoint, region, target.account);
    // the limiter only gates: the request is made here, so no call goes back and forth between the two files
    await limiter.acquire(key, target.timeLeftMs);
    try {
        let credentials: Credentials;
        try {
            credentials = await target.credentials.getCredentials();
        } catch (error) {
            throw toApiError(target.api, error);
        }
        return await call({ getCredentials: async () => credentials });
    } catch (error) {
        limiter.failed(key, error);
        throw error;
    }
}
