/** The simulated services. Adding one: write its module (see ecs.ts) and list it here. */
import { ecsService } from "./ecs";
import { ServiceRegistry, type ServiceModule } from "./registry";

export const BUILT_IN_SERVICES: readonly ServiceModule[] = [ecsService];

export function buildRegistry(services: readonly ServiceModule[] = BUILT_IN_SERVICES): ServiceRegistry {
  const registry = new ServiceRegistry();
  for (const service of services) service.register(registry);
  return registry;
}
