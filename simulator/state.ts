/** Everything a running simulator knows, shared by the RPC server, the control API and index.ts. */
import type { SimClock } from "./clock";
import { CredentialStore } from "./credentials";
import { NonceCache } from "./nonces";
import type { ServiceRegistry } from "./registry";
import { CallStats } from "./stats";
import { buildTask } from "./task-spec";
import { TaskStore, taskView, type SimTaskView } from "./tasks";

export class SimulatorState {
  readonly tasks: TaskStore;
  readonly stats = new CallStats();
  readonly credentials = new CredentialStore();
  readonly nonces = new NonceCache();

  constructor(
    readonly clock: SimClock,
    readonly registry: ServiceRegistry,
  ) {
    this.tasks = new TaskStore(clock);
  }

  /** Validates the spec (throws InvalidTaskSpecError / DuplicateTaskError) and creates the task. */
  createTask(spec: unknown): SimTaskView {
    const task = this.tasks.add(buildTask(spec, (service) => this.registry.taskKind(service)));
    return taskView(task, this.clock.now());
  }

  getTask(id: string): SimTaskView | undefined {
    const task = this.tasks.get(id);
    return task && taskView(task, this.clock.now());
  }
}
