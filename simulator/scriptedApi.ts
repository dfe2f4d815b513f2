/**
 * Scripted APIs: any RPC action (API version + action) or ROA route (version + method + path) the
 * simulator does not model, answered from a timeline that a test or a user registers. Each step
 * of the timeline (a body or an error) holds from its `atMs`, counted on the simulator clock from
 * the moment the script was registered, until the next step's. Signatures are verified as for the
 * built-in APIs (the call passes the same layers), so a stack that waits on, say, ECS
 * DescribeInstances can be tested against the simulator:
 *
 *   sim.scriptApi({ version: "2014-05-26", action: "DescribeInstances", match: { InstanceIds: '["i-1"]' },
 *                   answers: [{ body: { Instances: { Instance: [{ Status: "Starting" }] } } },
 *                             { atMs: 30_000, body: { Instances: { Instance: [{ Status: "Running" }] } } }] });
 *
 * Over HTTP: POST /__sim/apis with the same JSON.
 */
import type { SimClock } from "./clock";
import { SimError } from "./errors";
import type { RpcContext, ServiceRegistry } from "./registry";
import { checkBudget, jsonBytes, type Budget } from "./limits";
import { InvalidScriptError, parseScript, type ScriptedApiSpec, type ScriptedApiView } from "./scriptParse";

export { InvalidScriptError, parseScript, type ScriptedAnswer, type ScriptedApiSpec, type ScriptedApiView } from "./scriptParse";

/** How many scripts the simulator keeps, how large one may be and how much they take in all (JSON bytes). */
export const MAX_SCRIPTS = 1000;
export const MAX_SCRIPT_BYTES = 256 * 1024;
export const MAX_SCRIPTS_BYTES = 16 * 1024 * 1024;
const BUDGET: Budget = {
    what: "script",
    maxItems: MAX_SCRIPTS,
    maxItemBytes: MAX_SCRIPT_BYTES,
    maxBytes: MAX_SCRIPTS_BYTES,
    remove: "remove some first (DELETE /__sim/apis/<id>, DELETE /__sim/apis)",
};

interface Script {
    id: string;
    key: string;
    spec: ScriptedApiSpec;
    registeredAt: number;
    calls: number;
    /** Its JSON's bytes, counted against MAX_SCRIPTS_BYTES. */
    bytes: number;
}

function keyOf(spec: ScriptedApiSpec): string {
    return spec.action !== undefined ? `rpc ${spec.version} ${spec.action}` : `roa ${spec.version} ${(spec.method ?? "GET").toUpperCase()} ${spec.path}`;
}

function invalid(message: string): never {
    throw new InvalidScriptError(message);
}

export class ScriptedApis {
    private scripts: Script[] = [];
    /** The routes this store answers, added to the registry with the first script of each and dropped with the last. */
    private readonly routes = new Map<string, () => void>();
    private nextNumber = 1;

    constructor(
        private readonly registry: ServiceRegistry,
        private readonly clock: SimClock,
    ) {}

    /**
     * Registers a script (replacing one for the same route and match). Throws InvalidScriptError,
     * or LimitError when it is over MAX_SCRIPT_BYTES or the store is full.
     */
    add(input: unknown): ScriptedApiView {
        const spec = parseScript(input);
        const key = keyOf(spec);
        const sameMatch = JSON.stringify(spec.match ?? {});
        const kept = this.scripts.filter((s) => s.key !== key || JSON.stringify(s.spec.match ?? {}) !== sameMatch);
        const bytes = jsonBytes(spec);
        checkBudget(BUDGET, { count: kept.length, bytes: kept.reduce((sum, s) => sum + s.bytes, 0) }, [bytes]);
        this.route(spec, key);
        const script: Script = { id: `script-${this.nextNumber++}`, key, spec, registeredAt: this.clock.now(), calls: 0, bytes };
        this.scripts = [...kept, script];
        return this.view(script);
    }

    list(): ScriptedApiView[] {
        return this.scripts.map((s) => this.view(s));
    }

    get(id: string): ScriptedApiView | undefined {
        const script = this.scripts.find((s) => s.id === id);
        return script && this.view(script);
    }

    remove(id: string): boolean {
        const before = this.scripts.length;
        this.scripts = this.scripts.filter((s) => s.id !== id);
        this.dropUnusedRoutes();
        return this.scripts.length < before;
    }

    clear(): number {
        const count = this.scripts.length;
        this.scripts = [];
        this.dropUnusedRoutes();
        return count;
    }

    private view(script: Script): ScriptedApiView {
        return { id: script.id, ...structuredClone(script.spec), registeredAt: new Date(script.registeredAt).toISOString(), calls: script.calls };
    }

    /** Adds the route to the registry once; a route a built-in service answers cannot be scripted. */
    private route(spec: ScriptedApiSpec, key: string): void {
        if (this.routes.has(key)) return;
        const product = spec.product ?? "Scripted";
        const base = { service: "scripted", product, version: spec.version, handler: (ctx: RpcContext) => this.answer(key, ctx) };
        try {
            if (spec.action !== undefined) {
                if (this.registry.findRpcAction(spec.version, spec.action))
                    invalid(`${spec.action} (${spec.version}) is simulated already: it cannot be scripted`);
                this.routes.set(key, this.registry.addRpcAction({ ...base, action: spec.action }));
            } else {
                const method = (spec.method ?? "GET").toUpperCase();
                this.routes.set(key, this.registry.addRoaAction({ ...base, action: `${method} ${spec.path}`, method, path: spec.path! }));
            }
        } catch (error) {
            if (error instanceof InvalidScriptError) throw error;
            invalid(`${key} is simulated already: it cannot be scripted`);
        }
    }

    /** Routes no script uses any more leave the registry: calls to them are then unknown actions, as before any script. */
    private dropUnusedRoutes(): void {
        for (const [key, unregister] of this.routes) {
            if (this.scripts.some((s) => s.key === key)) continue;
            unregister();
            this.routes.delete(key);
        }
    }
    /** The newest script for the route whose match fits the request; its answer at the simulator's now. */
    private answer(key: string, ctx: RpcContext): object {
        const values: Record<string, string | undefined> = { ...ctx.params, ...ctx.pathParams };
        const script = [...this.scripts].reverse().find((s) => s.key === key && Object.entries(s.spec.match ?? {}).every(([k, v]) => values[k] === v));
        if (!script) throw new SimError(404, "InvalidAction.NotFound", `No scripted answer matches this request (${key}).`);
        script.calls++;
        const elapsed = ctx.now - script.registeredAt;
        const answers = script.spec.answers;
        let current = answers[0];
        for (const answer of answers) if ((answer.atMs ?? 0) <= elapsed) current = answer;
        if (current.error) throw new SimError(current.error.status ?? 400, current.error.code, current.error.message ?? `${current.error.code}.`);
        return structuredClone(current.body!);
    }
}
