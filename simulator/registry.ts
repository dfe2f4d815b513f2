/**
 * The registry service modules add themselves to. A new simulated service is one file exporting
 * a ServiceModule whose register() adds its API actions and its kind of task; listing it in
 * services.ts is the only other change.
 */
import type { RequestParams } from "./signature";
import type { TaskKind } from "./task-spec";
import type { TaskStore } from "./tasks";

/** What an RPC handler gets: the authenticated request and the simulator state. */
export interface RpcContext {
  readonly action: string;
  readonly version: string;
  /** All request parameters, decoded (including the signing ones such as Timestamp). */
  readonly params: RequestParams;
  readonly requestId: string;
  /** The caller's (already verified) AccessKeyId. */
  readonly accessKeyId: string;
  /** Current time on the simulator clock, fixed for the whole request. */
  readonly now: number;
  readonly tasks: TaskStore;
}

/**
 * Returns the success body (RequestId is added if the handler leaves it out), or throws a
 * SimError for an API error.
 */
export type RpcHandler = (ctx: RpcContext) => object | Promise<object>;

export interface RpcActionDefinition {
  /** Product code used in error Recommend links, e.g. "Ecs". */
  readonly product: string;
  /** API version, e.g. "2014-05-26". (Version, Action) is the routing key. */
  readonly version: string;
  readonly action: string;
  readonly handler: RpcHandler;
}

export interface ServiceModule {
  /** Service name, as used in task specs ("ecs"). */
  readonly name: string;
  register(registry: ServiceRegistry): void;
}

export class ServiceRegistry {
  private readonly rpcActions = new Map<string, RpcActionDefinition>();
  private readonly productsByVersion = new Map<string, string>();
  private readonly taskKinds = new Map<string, TaskKind>();

  addRpcAction(definition: RpcActionDefinition): void {
    const key = rpcKey(definition.version, definition.action);
    if (this.rpcActions.has(key)) throw new Error(`RPC action ${definition.action} (${definition.version}) is registered twice`);
    this.rpcActions.set(key, definition);
    this.productsByVersion.set(definition.version, definition.product);
  }

  addTaskKind(kind: TaskKind): void {
    if (this.taskKinds.has(kind.service)) throw new Error(`task kind ${kind.service} is registered twice`);
    this.taskKinds.set(kind.service, kind);
  }

  findRpcAction(version: string, action: string): RpcActionDefinition | undefined {
    return this.rpcActions.get(rpcKey(version, action));
  }

  /** The product an API version belongs to, for errors raised before an action is found. */
  productOf(version: string): string | undefined {
    return this.productsByVersion.get(version);
  }

  taskKind(service: string): TaskKind | undefined {
    return this.taskKinds.get(service);
  }
}

function rpcKey(version: string, action: string): string {
  return `${version}\u0000${action}`;
}
