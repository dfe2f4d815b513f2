import type { TaskSource } from "../engine/poller";
import type { Runtime } from "./runtime";

/** How long one read for `pulumi refresh` may retry throttling and transient errors. */
const READ_TIMEOUT_MS = 60_000;

/**
 * One read of a task for `pulumi refresh`, through the process's poller: the engine reads a stack's
 * resources concurrently, and reads on one source share calls as waits do (one DescribeTasks answers
 * 100 ECS tasks, one list page hundreds of bdrc or ECD ones). Undefined when the API no longer
 * reports the task; a permanent error fails the read with the API's message.
 */
export async function readShared<S>(runtime: Runtime, source: TaskSource<S>, taskId: string): Promise<S | undefined> {
    const result = await runtime.poller.wait({ source, taskId, timeoutMs: READ_TIMEOUT_MS, judge: () => "success", notFoundTolerance: 0 });
    if (result.state === "success") return result.snapshot;
    if (result.state === "failure" && result.cause === "not-found") return undefined;
    const last = result.failure ?? result.errors[result.errors.length - 1];
    throw new Error(last?.message ?? `no answer for ${taskId} within ${READ_TIMEOUT_MS / 1000} s`);
}
