import { BDRC_SERVICE } from "./bdrc";
import type { ServiceDefinition } from "./context";
import { ECD_SERVICE } from "./ecd";
import { ECS_SERVICE } from "./ecs";
import { SAS_SERVICE } from "./sas";

/**
 * The Alibaba API families this package waits on. Each service module defines its line (name,
 * product, API version, status table, endpoint rule), and every call target and batch key of that
 * module is built from it (context.ts); `check` asks here whether a region can be served.
 */
export const SERVICES = {
    ecs: ECS_SERVICE,
    bdrc: BDRC_SERVICE,
    ecd: ECD_SERVICE,
    sas: SAS_SERVICE,
} as const satisfies Record<string, ServiceDefinition>;

type ServiceName = keyof typeof SERVICES;

export function isServiceName(name: unknown): name is ServiceName {
    return typeof name === "string" && Object.prototype.hasOwnProperty.call(SERVICES, name);
}

/**
 * Why `region` cannot be used with the service, for `check` to report at preview; undefined when it
 * can. A configured endpoint override (the simulator, a private endpoint) serves every region.
 */
export function regionProblem(name: ServiceName, region: string, endpointOverride?: string): string | undefined {
    if (endpointOverride) return undefined;
    const choice = SERVICES[name].endpoint(region);
    return "unsupported" in choice ? choice.unsupported : undefined;
}
