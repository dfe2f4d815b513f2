import { effectiveEndpoint } from "../client/call";
import { BDRC_SERVICE } from "./bdrc";
import { ECD_SERVICE } from "./ecd";
import { ECS_SERVICE } from "./ecs";
import { SAS_SERVICE } from "./sas";
import type { StatusTable } from "./snapshot";

/**
 * The Alibaba APIs this package knows, one line each: a fifth API is its module and one line here.
 * What is common to every service lives here: its name, API version, status table and endpoint rule.
 */
export interface ServiceModule {
    /** The value of a resource's `service` input. */
    readonly name: string;
    /** For messages. */
    readonly product: string;
    readonly apiVersion: string;
    readonly statusTable: StatusTable;
    /** The endpoint for a region, or why the service cannot be reached there. */
    endpoint(region: string): { url: string } | { unsupported: string };
}

export const SERVICES = {
    ecs: ECS_SERVICE,
    bdrc: BDRC_SERVICE,
    ecd: ECD_SERVICE,
    sas: SAS_SERVICE,
} as const satisfies Record<string, ServiceModule>;

export type ServiceName = keyof typeof SERVICES;

export function serviceModule(name: ServiceName): ServiceModule {
    return SERVICES[name];
}

/**
 * Why `region` cannot be used with the service, for `check` to report at preview; undefined when it
 * can. A configured endpoint override (the simulator, a private endpoint) serves every region.
 */
export function regionProblem(name: ServiceName, region: string, endpointOverride?: string): string | undefined {
    if (endpointOverride) return undefined;
    const choice = serviceModule(name).endpoint(region);
    return "unsupported" in choice ? choice.unsupported : undefined;
}

/** The endpoint calls go to: the override when configured, else the service's own for the region. */
export function serviceEndpoint(name: ServiceName, region: string, endpointOverride?: string): string {
    if (endpointOverride) return effectiveEndpoint(endpointOverride, undefined);
    const choice = serviceModule(name).endpoint(region);
    if ("unsupported" in choice) throw new Error(choice.unsupported);
    return choice.url;
}
