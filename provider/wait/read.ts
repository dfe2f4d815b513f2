import type { TaskSource } from "../engine/poller";
import { engineSchedule, waitOptions } from "./options";
import type { Runtime } from "./runtime";

/** One read for `pulumi refresh` retries throttling and transient errors for a minute, on the default schedule. */
const READ_OPTIONS = waitOptions("60s", { timeoutMs: 60_000 });

/**
 * One read of a task for `pulumi refresh`, through the process's poller: the engine reads a stack's
 * resources concurrently, and reads on one source share calls as waits do (one DescribeTasks answers
 * 100 ECS tasks, one list page hundreds of bdrc or ECD ones). Undefined when the API no longer
 * reports the task; a permanent error fails the read with the API's message.
 */
export async function readShared<S>(runtime: Runtime, source: TaskSource<S>, taskId: string): Promise<S | undefined> {
    const schedule = engineSchedule(READ_OPTIONS, READ_OPTIONS.timeoutMs);
    const result = await runtime.poller.wait({ source, taskId, ...schedule, judge: () => "success", notFoundTolerance: 0 });
    if (result.state === "success") return result.snapshot;
    if (result.state === "failure" && result.cause === "not-found") return undefined;
    const last = result.failure ?? result.errors[result.errors.length - 1];
    throw new Error(last?.message ?? `no answer for ${taskId} within ${READ_OPTIONS.timeoutMs / 1000} s`);
}
