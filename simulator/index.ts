/**
 * In-process Alibaba Cloud simulator: a real HTTP server on 127.0.0.1 that the unmodified
 * @alicloud/pop-core clients and Alibaba's official SDKs (V3 ACS3-HMAC-SHA256 signatures, their
 * default, or V2) talk to. It serves ECS DescribeTasks / DescribeTaskAttribute (RPC), bdrc
 * DescribeTask and DescribeTasks (ROA, GET /api/v1/tasks[/{TaskId}]), ECD CreateEcdReportTask /
 * DescribeEcdReportTasks and Security Center ExportRecord / DescribeExportInfo (RPC), all on the
 * one endpoint, with exact signature checks. Start one per test suite:
 *
 *   const sim = await startSimulator({ clock: new ManualClock() });
 *   const client = new RPCClient({ endpoint: sim.url, apiVersion: "2014-05-26", ...sim.credentials.accessKey });
 *   const task = sim.createTask({ service: "ecs", action: "ImportImage", durationMs: 60_000, outcome: "success" });
 *   sim.faults.add({ action: "DescribeTaskAttribute", nth: [1], fault: { kind: "throttle", retryAfterMs: 500 } });
 *   ...
 *   await sim.close();
 *
 * The same is reachable over HTTP under /__sim/ (see control.ts) and from the CLI (cli.ts).
 */
import { ScaledClock, type SimClock } from "./clock";
import { SIMULATOR_CREDENTIALS, type SimulatorCredentials, type StoredKey } from "./credentials";
import type { FaultController } from "./faultInjector";
import type { LayerPosition } from "./server";
import { SimServer } from "./server";
import type { RpcLayer } from "./pipeline";
import type { ServiceModule } from "./registry";
import { buildRegistry } from "./services";
import { SimulatorState } from "./state";
import type { ScriptedApiSpec, ScriptedApiView } from "./scriptedApi";
import type { SimStats } from "./stats";
import type { TaskSpec } from "./taskSpec";
import type { SimTaskView } from "./tasks";

export interface SimulatorOptions {
    /** Port on 127.0.0.1; 0 or absent picks a free one. A port in use rejects with PortUnavailableError. */
    port?: number;
    /** Task-clock speed over real time, from 0.001 to 1000000 (default 1). Ignored when `clock` is given. */
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
    /**
     * Creates a task (same spec as POST /__sim/tasks). Throws InvalidTaskSpecError (its `problems`
     * name every bad field), DuplicateTaskError or TaskStoreFullError.
     */
    createTask(spec: TaskSpec): SimTaskView;
    getTask(id: string): SimTaskView | undefined;
    /** Every task, newest first. */
    listTasks(): SimTaskView[];
    /** Forgets a task, as if the service had lost it: its API answers NotFound. False when there was none. */
    removeTask(id: string): boolean;
    /** Forgets every task (the store holds at most MAX_TASKS); returns how many there were. */
    clearTasks(): number;
    /**
     * Sets the fields of tasks that API calls of a service create (CreateEcdReportTask,
     * ExportRecord): timeline, outcome, service fields; {} restores the defaults. Returns the
     * effective template. Throws InvalidTaskSpecError.
     */
    setTaskTemplate(service: string, template: Partial<TaskSpec>): Record<string, unknown>;
    /**
     * Scripts an API the simulator does not model (same JSON as POST /__sim/apis): a timeline of
     * answers on the simulator clock, for an RPC version + action or a ROA method + path. Throws
     * InvalidScriptError, or LimitError past MAX_SCRIPTS, MAX_SCRIPT_BYTES or MAX_SCRIPTS_BYTES.
     */
    scriptApi(spec: ScriptedApiSpec): ScriptedApiView;
    /** The scripts, with how many calls each answered. */
    scriptedApis(): ScriptedApiView[];
    /** Fault rules (same format as POST /__sim/faults). */
    readonly faults: FaultController;
    stats(): SimStats;
    resetStats(): void;
    /** Accepts another key (e.g. a second STS key, to test token/key mismatches). */
    addCredentials(key: StoredKey): void;
    /** Inserts a layer into the chain every API call passes (after fault injection); returns a remover. */
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
        listTasks: () => state.tasks.list().map((task) => state.view(task)),
        removeTask: (id) => state.tasks.remove(id),
        clearTasks: () => state.tasks.clear(),
        setTaskTemplate: (service, template) => state.setTaskTemplate(service, template),
        scriptApi: (spec) => state.scripts.add(spec),
        scriptedApis: () => state.scripts.list(),
        faults: state.faults,
        stats: () => state.stats.snapshot(),
        resetStats: () => state.stats.reset(),
        addCredentials: (key) => state.credentials.add(key),
        addLayer: (layer, position) => server.addLayer(layer, position),
        close: () => server.close(),
    };
}

export { MAX_CLOCK_MS, MAX_CLOCK_SPEED, ManualClock, MIN_CLOCK_SPEED, ScaledClock, type SimClock } from "./clock";
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
export { BDRC_VERSION } from "./bdrc";
export { BDRC_REGIONS, BDRC_TASK_TYPES, type BdrcTaskAction, type BdrcTaskFields } from "./bdrcTask";
export { ECD_VERSION, formatEcdTime } from "./ecd";
export { ECD_LANG_TYPES, ECD_REPORT_ACTION, type EcdFilter, type EcdStatus, type EcdTaskFields } from "./ecdTask";
export { ECS_TASK_ACTIONS, ECS_VERSION, formatEcsTime, type EcsTaskAction } from "./ecs";
export { SimError, type ErrorBody } from "./errors";
export { MAX_FAULT_RULE_BYTES, MAX_FAULT_RULES, MAX_FAULT_RULES_BYTES, type FaultController } from "./faultInjector";
export type { FaultRuleView } from "./faultRule";
export {
    InvalidFaultRuleError,
    THROTTLING_CODES,
    type FaultKind,
    type FaultRuleSpec,
    type FaultSpec,
    type RateLimitSpec,
    type ThrottlingCode,
} from "./faultSpec";
export type { ApiStyle, RpcCall, RpcLayer, RpcNext, RpcOutcome } from "./pipeline";
export { ALIBABA_REGION_IDS } from "./regions";
export {
    ServiceRegistry,
    type ApiActionDefinition,
    type RoaActionDefinition,
    type RpcActionDefinition,
    type RpcContext,
    type RpcHandler,
    type ServiceModule,
} from "./registry";
export { LimitError } from "./limits";
export { InvalidSpecError, type FieldProblem, type ProblemList } from "./problems";
export { SAS_VERSION } from "./sas";
export {
    InvalidScriptError,
    MAX_SCRIPT_BYTES,
    MAX_SCRIPTS,
    MAX_SCRIPTS_BYTES,
    type ScriptedAnswer,
    type ScriptedApiSpec,
    type ScriptedApiView,
} from "./scriptedApi";
export { SAS_EXPORT_ACTION, SAS_REGIONS, SAS_TASK_ERRORS, type SasTaskError, type SasTaskFields } from "./sasTask";
export { PortUnavailableError, type LayerPosition } from "./server";
export { BUILT_IN_SERVICES } from "./services";
export { UNKNOWN_ACTION, type SimStats } from "./stats";
export type { SpecReader } from "./specFields";
export { InvalidTaskSpecError, MAX_TASK_FIELD_BYTES, MAX_TIMELINE_MS, type CommonTaskFields, type TaskKind, type TaskSpec } from "./taskSpec";
export {
    DuplicateTaskError,
    MAX_TASK_STORE_BYTES,
    MAX_TASKS,
    TaskStoreFullError,
    type SimTaskView,
    type TaskDetails,
    type TaskOutcome,
    type TaskPhase,
} from "./tasks";
