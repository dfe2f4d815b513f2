/** The simulated services. Adding one: write its module (see ecs.ts) and list it here. */
import { bdrcService } from "./bdrc";
import { ecdService } from "./ecd";
import { ecsService } from "./ecs";
import { ServiceRegistry, type ServiceModule } from "./registry";
import { sasService } from "./sas";

export const BUILT_IN_SERVICES: readonly ServiceModule[] = [ecsService, bdrcService, ecdService, sasService];

export function buildRegistry(services: readonly ServiceModule[] = BUILT_IN_SERVICES): ServiceRegistry {
    const registry = new ServiceRegistry();
    for (const service of services) service.register(registry);
    return registry;
}
