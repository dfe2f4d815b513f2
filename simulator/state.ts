/** Everything a running simulator knows, shared by the server, the control API and index.ts. */
import type { SimClock } from "./clock";
import { CredentialStore } from "./credentials";
import { SimError } from "./errors";
import { FaultInjector } from "./faultInjector";
import { NonceCache } from "./nonces";
import type { ServiceRegistry } from "./registry";
import { ScriptedApis } from "./scriptedApi";
import { ProblemList } from "./problems";
import { fail, InvalidTaskSpecError } from "./specFields";
import { CallStats } from "./stats";
import { buildTask, type TaskKind, type TaskSpec } from "./taskSpec";
import { TaskStore, TaskStoreFullError, taskView, type SimTask, type SimTaskView } from "./tasks";

/** Fields a template may not set: they are the API call's, or would repeat across tasks. */
const NOT_IN_TEMPLATES = ["service", "action", "taskId"];

/** The fields that are set, so that an absent API parameter does not blank out a template's value. */
function definedFields(fields: object): Record<string, unknown> {
    return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

export class SimulatorState {
    readonly tasks: TaskStore;
    readonly stats = new CallStats();
    readonly credentials = new CredentialStore();
    readonly nonces = new NonceCache();
    readonly faults: FaultInjector;
    /** Answers for APIs the simulator does not model, scripted by tests and users. */
    readonly scripts: ScriptedApis;
    /** Per service: task spec fields applied to tasks that API calls create. */
    private readonly templates = new Map<string, Readonly<Record<string, unknown>>>();

    constructor(
        readonly clock: SimClock,
        readonly registry: ServiceRegistry,
    ) {
        this.tasks = new TaskStore(clock);
        this.faults = new FaultInjector({ clock, tasks: this.tasks, stats: this.stats });
        this.scripts = new ScriptedApis(registry, clock);
    }

    /** Validates the spec (throws InvalidTaskSpecError / DuplicateTaskError) and creates the task. */
    createTask(spec: unknown): SimTaskView {
        return this.view(this.tasks.add(buildTask(spec, this.registry)));
    }

    /**
     * A task as an API call creates it: the service's defaults, then its template, then the call's
     * fields. `endpointRegion` is the region the request's Host names (regions.ts), which real
     * services without a RegionId parameter take as the task's: it wins over the template's region
     * when the service runs there. Throws the SimError the call answers with when the task cannot be made.
     */
    startApiTask(service: string, fields: Partial<TaskSpec>, endpointRegion?: string): SimTask {
        const kind = this.kindOf(service);
        const served = endpointRegion !== undefined && (kind.regions.length === 0 || kind.regions.includes(endpointRegion));
        const spec = {
            ...kind.apiTaskDefaults,
            ...this.templates.get(service),
            ...(served ? { region: endpointRegion } : {}),
            ...definedFields(fields),
            service,
        };
        try {
            return this.tasks.add(buildTask(spec, this.registry));
        } catch (err) {
            // A parameter too large to keep (the template was checked when it was set).
            if (err instanceof InvalidTaskSpecError) throw new SimError(400, "InvalidParameter", `The specified parameter is not valid: ${err.message}.`);
            // Not a real service's error: a code no client takes for a passing fault.
            if (err instanceof TaskStoreFullError) throw new SimError(400, "Simulator.TaskStoreFull", err.message);
            throw err;
        }
    }

    /**
     * Sets the template for tasks that API calls of this service create (CreateEcdReportTask,
     * ExportRecord): timeline, outcome and service fields. It replaces the template set before; an
     * empty one restores the defaults. Throws InvalidTaskSpecError naming every bad field.
     */
    setTaskTemplate(service: string, template: unknown): Record<string, unknown> {
        const kind = this.apiTaskKind(service);
        if (typeof template !== "object" || template === null || Array.isArray(template))
            fail('the template must be a JSON object such as {"durationMs": 5000}');
        const fields = definedFields(template);
        const problems = new ProblemList();
        for (const name of NOT_IN_TEMPLATES.filter((n) => n in fields)) problems.add(name, `a template cannot set ${name}: it is the API call's; remove it`);
        // Build (and throw away) one task, so that a bad template fails now rather than in an API call.
        const rest = Object.fromEntries(Object.entries(fields).filter(([name]) => !NOT_IN_TEMPLATES.includes(name)));
        problems.read("", () => buildTask({ ...kind.apiTaskDefaults, ...rest, service }, this.registry));
        problems.throwIfAny((list) => new InvalidTaskSpecError(list));
        if (Object.keys(fields).length === 0) this.templates.delete(service);
        else this.templates.set(service, Object.freeze(fields));
        return this.taskTemplate(service);
    }

    /** The effective template: the service's API-task defaults overlaid with what was set. */
    taskTemplate(service: string): Record<string, unknown> {
        return { ...this.apiTaskKind(service).apiTaskDefaults, ...this.templates.get(service) };
    }

    getTask(id: string): SimTaskView | undefined {
        const task = this.tasks.get(id);
        return task && this.view(task);
    }

    view(task: SimTask): SimTaskView {
        const now = this.clock.now();
        return taskView(task, now, this.registry.taskKind(task.service)?.statusOf(task, now) ?? "");
    }

    private kindOf(service: string): TaskKind {
        const kind = this.registry.taskKind(service);
        if (!kind) throw new InvalidTaskSpecError(`unknown service "${service}": use one of ${this.registry.taskServices().join(", ")}`, "service");
        return kind;
    }

    /** A service whose API calls start tasks: only those have templates. */
    private apiTaskKind(service: string): TaskKind {
        const kind = this.kindOf(service);
        if (kind.apiTaskDefaults) return kind;
        const templated = this.registry
            .taskServices()
            .filter((s) => this.registry.taskKind(s)?.apiTaskDefaults)
            .join(", ");
        throw new InvalidTaskSpecError(`no API call starts ${service} tasks, so ${service} has no template: templates are for ${templated}`, "service");
    }
}
