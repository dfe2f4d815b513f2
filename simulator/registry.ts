/**
 * The registry service modules add themselves to. A new simulated service is one file exporting
 * a ServiceModule whose register() adds its API actions and its kind of task; listing it in
 * services.ts is the only other change. RPC actions are routed by (Version, Action); ROA actions
 * by (x-acs-version, method, path pattern such as /api/v1/tasks/{TaskId}).
 */
import type { RequestParams } from "./signature";
import type { TaskKind, TaskSpec } from "./taskSpec";
import type { SimTask, TaskStore } from "./tasks";

/** What a handler gets: the authenticated request and the simulator state. */
export interface RpcContext {
    /** The service the action belongs to ("ecs", "bdrc", ...). */
    readonly service: string;
    readonly action: string;
    readonly version: string;
    /** RPC: all request parameters, decoded (including the signing ones). ROA: the decoded query. */
    readonly params: RequestParams;
    /** ROA path parameters, e.g. { TaskId: "t-..." }; empty for RPC. */
    readonly pathParams: Readonly<Record<string, string>>;
    readonly requestId: string;
    /** The caller's (already verified) AccessKeyId. */
    readonly accessKeyId: string;
    /** Current time on the simulator clock, fixed for the whole request. */
    readonly now: number;
    readonly tasks: TaskStore;
    /**
     * Creates a task of this service the way an API call does (CreateEcdReportTask, ExportRecord):
     * the service's API-task defaults, then the template set for it (Simulator.setTaskTemplate),
     * then these fields.
     */
    startTask(fields: Partial<TaskSpec>): SimTask;
}

/**
 * Returns the success body (RequestId is added if the handler leaves it out), or throws a
 * SimError for an API error.
 */
export type RpcHandler = (ctx: RpcContext) => object | Promise<object>;

export interface RpcActionDefinition {
    /** Service name as used in task specs and fault rules ("ecs"). */
    readonly service: string;
    /** Product code used in error Recommend links, e.g. "Ecs". */
    readonly product: string;
    /** API version, e.g. "2014-05-26". (Version, Action) is the routing key. */
    readonly version: string;
    readonly action: string;
    readonly handler: RpcHandler;
}

export interface RoaActionDefinition extends RpcActionDefinition {
    /** HTTP method, upper case. */
    readonly method: string;
    /** Path pattern; {Name} matches one non-empty segment, handed to the handler as pathParams.Name. */
    readonly path: string;
}

/** Either kind of action, as the server routes it. */
export type ApiActionDefinition = RpcActionDefinition | RoaActionDefinition;

export interface ServiceModule {
    /** Service name, as used in task specs ("ecs"). */
    readonly name: string;
    register(registry: ServiceRegistry): void;
}

interface RoaRoute {
    definition: RoaActionDefinition;
    segments: string[];
}

export class ServiceRegistry {
    private readonly rpcActions = new Map<string, RpcActionDefinition>();
    private readonly roaRoutes: RoaRoute[] = [];
    private readonly productsByVersion = new Map<string, string>();
    private readonly taskKinds = new Map<string, TaskKind>();

    /** Adds an action; returns a remover (scripted APIs drop their routes with their last script). */
    addRpcAction(definition: RpcActionDefinition): () => void {
        const key = rpcKey(definition.version, definition.action);
        if (this.rpcActions.has(key)) throw new Error(`RPC action ${definition.action} (${definition.version}) is registered twice`);
        this.rpcActions.set(key, definition);
        this.productsByVersion.set(definition.version, definition.product);
        return () => {
            if (this.rpcActions.get(key) === definition) this.rpcActions.delete(key);
        };
    }

    /** Adds an action; returns a remover. */
    addRoaAction(definition: RoaActionDefinition): () => void {
        const method = definition.method.toUpperCase();
        const clash = this.roaRoutes.find(
            (r) => r.definition.version === definition.version && r.definition.method === method && r.definition.path === definition.path,
        );
        if (clash) throw new Error(`ROA action ${method} ${definition.path} (${definition.version}) is registered twice`);
        const route = { definition: { ...definition, method }, segments: definition.path.split("/") };
        this.roaRoutes.push(route);
        this.productsByVersion.set(definition.version, definition.product);
        return () => {
            const index = this.roaRoutes.indexOf(route);
            if (index >= 0) this.roaRoutes.splice(index, 1);
        };
    }

    addTaskKind(kind: TaskKind): void {
        if (this.taskKinds.has(kind.service)) throw new Error(`task kind ${kind.service} is registered twice`);
        this.taskKinds.set(kind.service, kind);
    }

    findRpcAction(version: string, action: string): RpcActionDefinition | undefined {
        return this.rpcActions.get(rpcKey(version, action));
    }

    /** The ROA action for a request path (no query), with its decoded path parameters. Throws URIError on a bad escape. */
    findRoaAction(version: string, method: string, path: string): { definition: RoaActionDefinition; pathParams: Record<string, string> } | undefined {
        const segments = path.split("/");
        for (const route of this.roaRoutes) {
            if (route.definition.version !== version || route.definition.method !== method.toUpperCase()) continue;
            const pathParams = matchSegments(route.segments, segments);
            if (pathParams) return { definition: route.definition, pathParams };
        }
        return undefined;
    }

    /** The product an API version belongs to, for errors raised before an action is found. */
    productOf(version: string): string | undefined {
        return this.productsByVersion.get(version);
    }

    taskKind(service: string): TaskKind | undefined {
        return this.taskKinds.get(service);
    }

    /** The services whose tasks can be created. */
    taskServices(): string[] {
        return [...this.taskKinds.keys()];
    }
}

function matchSegments(pattern: readonly string[], actual: readonly string[]): Record<string, string> | undefined {
    if (pattern.length !== actual.length) return undefined;
    const params: Record<string, string> = Object.create(null);
    for (let i = 0; i < pattern.length; i++) {
        const name = /^\{(\w+)\}$/.exec(pattern[i])?.[1];
        if (name === undefined) {
            if (pattern[i] !== actual[i]) return undefined;
        } else {
            if (actual[i] === "") return undefined;
            params[name] = decodeURIComponent(actual[i]);
        }
    }
    return params;
}

function rpcKey(version: string, action: string): string {
    return `${version}\u0000${action}`;
}
