/**
 * In-process Alibaba Cloud simulator: a real HTTP server on 127.0.0.1 that the unmodified
 * @alicloud/pop-core client talks to. Start one per test suite:
 *
 *   const sim = await startSimulator({ clock: new ManualClock() });
 *   const client = new RPCClient({ endpoint: sim.url, apiVersion: "2014-05-26", ...sim.credentials.accessKey });
 *   const task = sim.createTask({ service: "ecs", action: "ImportImage", durationMs: 60_000, outcome: "success" });
 *   ...
 *   await sim.close();
 */
import { ManualClock, ScaledClock, type SimClock } from "./clock";
import { SIMULATOR_CREDENTIALS, type SimulatorCredentials, type StoredKey } from "./credentials";
import type { LayerPosition } from "./server";
import { SimServer } from "./server";
import type { RpcLayer } from "./pipeline";
import type { ServiceModule } from "./registry";
import { buildRegistry } from "./services";
import { SimulatorState } from "./state";
import type { SimStats } from "./stats";
import type { TaskSpec } from "./task-spec";
import type { SimTaskView } from "./tasks";

export interface SimulatorOptions {
  /** Port on 127.0.0.1; 0 or absent picks a free one. */
  port?: number;
  /** Task-clock speed over real time (default 1). Ignored when `clock` is given. */
  speed?: number;
  /** A clock of your own, typically a ManualClock that the test advances. */
  clock?: SimClock;
  /** The services to simulate; all built-in ones by default. */
  services?: readonly ServiceModule[];
}

export interface Simulator {
  /** Base URL, http://127.0.0.1:PORT: the endpoint to give the client. */
  readonly url: string;
  /** The fake key pair and STS triple the simulator accepts. */
  readonly credentials: SimulatorCredentials;
  /** The clock task timelines run on. */
  readonly clock: SimClock;
  /** Creates a task (same spec as POST /__sim/tasks). Throws InvalidTaskSpecError or DuplicateTaskError. */
  createTask(spec: TaskSpec): SimTaskView;
  getTask(id: string): SimTaskView | undefined;
  stats(): SimStats;
  resetStats(): void;
  /** Accepts another key (e.g. a second STS key, to test token/key mismatches). */
  addCredentials(key: StoredKey): void;
  /** Inserts a layer (such as a fault injector) into the RPC chain; returns a remover. */
  addLayer(layer: RpcLayer, position?: LayerPosition): () => void;
  /** Stops the server and closes every connection, idle keep-alive ones included. */
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const clock = options.clock ?? new ScaledClock(options.speed ?? 1);
  const state = new SimulatorState(clock, buildRegistry(options.services));
  const server = new SimServer(state);
  const url = await server.listen(options.port ?? 0);
  return {
    url,
    credentials: SIMULATOR_CREDENTIALS,
    clock,
    createTask: (spec) => state.createTask(spec),
    getTask: (id) => state.getTask(id),
    stats: () => state.stats.snapshot(),
    resetStats: () => state.stats.reset(),
    addCredentials: (key) => state.credentials.add(key),
    addLayer: (layer, position) => server.addLayer(layer, position),
    close: () => server.close(),
  };
}

export { ManualClock, ScaledClock, type SimClock } from "./clock";
export {
  CredentialStore,
  SIMULATOR_ACCESS_KEY,
  SIMULATOR_CREDENTIALS,
  SIMULATOR_STS,
  type AccessKeyPair,
  type SimulatorCredentials,
  type StoredKey,
  type StsCredentials,
} from "./credentials";
export { ECS_TASK_ACTIONS, ECS_VERSION, formatEcsTime, type EcsTaskAction } from "./ecs";
export { SimError, type ErrorBody } from "./errors";
export type { RpcCall, RpcLayer, RpcNext, RpcOutcome } from "./pipeline";
export { ALIBABA_REGION_IDS } from "./regions";
export { ServiceRegistry, type RpcActionDefinition, type RpcContext, type RpcHandler, type ServiceModule } from "./registry";
export type { LayerPosition } from "./server";
export { BUILT_IN_SERVICES } from "./services";
export type { SimStats } from "./stats";
export { InvalidTaskSpecError, type TaskKind, type TaskSpec } from "./task-spec";
export { DuplicateTaskError, type SimTaskView, type TaskOutcome, type TaskPhase } from "./tasks";
