import type { ApiClient, CallTarget } from "../client/call";
import type { ResolvedCredentials } from "../client/credentials";
import { ApiError } from "../client/errors";
import type { StatusTable } from "./snapshot";

/** What every service module needs to call its API: where, as whom, and how long a call may take. */
export interface ServiceContext {
    region: string;
    /** What calls the API (the runtime's, through its rate limiter). */
    client: ApiClient;
    credentials: ResolvedCredentials;
    /** One base URL for every service (the simulator, a private endpoint). */
    endpointOverride?: string;
    /** How long the wait this call serves may still take: bounds the request's timeout and its wait for the rate limiter. */
    timeLeftMs?: number;
}

/** One Alibaba API family as the registry (registry.ts) lists it: each service module defines its own. */
export interface ServiceDefinition {
    /** The value of a resource's `service` input. */
    readonly name: string;
    /** How messages name the product: "ECS", "BDRC", "ECD", "Security Center". */
    readonly product: string;
    readonly apiVersion: string;
    readonly statusTable: StatusTable;
    /** The endpoint for a region, or why the service cannot be reached there. */
    endpoint(region: string): { url: string } | { unsupported: string };
}

/** The base URL calls go to: the override when configured (it serves every region), else the service's own. */
function endpointOf(service: ServiceDefinition, ctx: Pick<ServiceContext, "region" | "endpointOverride">): string {
    let url = ctx.endpointOverride;
    if (!url) {
        const choice = service.endpoint(ctx.region);
        if ("unsupported" in choice) throw new ApiError("permanent", service.product, "UnsupportedRegion", choice.unsupported);
        url = choice.url;
    }
    return url.replace(/\/+$/, "");
}

/** How the client calls one action of a service. */
export function callTarget(service: ServiceDefinition, ctx: ServiceContext, action: string): CallTarget {
    return {
        api: `${service.product} ${action}`,
        product: service.name,
        endpoint: endpointOf(service, ctx),
        apiVersion: service.apiVersion,
        credentials: ctx.credentials.provider,
        account: ctx.credentials.account,
        timeLeftMs: ctx.timeLeftMs,
    };
}

/**
 * What concurrent waits on one service must share to be polled together: the endpoint, the region
 * and the account (never a secret: see ResolvedCredentials.account).
 */
export function batchKey(service: ServiceDefinition, ctx: ServiceContext, ...extra: string[]): string {
    return [service.name, endpointOf(service, ctx), ctx.region, ctx.credentials.account, ...extra].join("|");
}
