import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { ConfigSource } from "../client/credentials";
import { TASK_WAITER_INPUTS, bdrcTaskWaiterSchema, ecsTaskWaiterSchema } from "../inputs";
import { checkInputs, parseCheckedInputs } from "../waits/check";
import { toPlainJson } from "../waits/outcome";
import { configureProvider } from "../waits/settings";
import { CheckedTaskWaiterInputs, taskPlanFor } from "../waits/taskPlan";
import { runTaskWait } from "../waits/taskWait";
import { differs, finishedStatus, isUnfinished, pulumiFace, settle } from "./pulumiFace";

/**
 * What the TaskWaiter provider's methods do; the provider object itself only forwards here.
 *
 * A stable contract: every stack's state holds a `__provider` that requires this module as
 * `pulumi-alicloud-tasks/lifecycle/taskWaiter` for every later operation, `delete` included.
 * Never rename or remove it, nor the functions it exports.
 */

/** Changing what is waited on is a new wait: replace. The rest are options: update in place. */
const REPLACE_KEYS = ["service", "region", "taskId", "taskIds", "resourceIds", "taskAction"];
const INPUT_KEYS = [...new Set([...Object.keys(ecsTaskWaiterSchema.shape), ...Object.keys(bdrcTaskWaiterSchema.shape)])];

export async function configure(config: ConfigSource): Promise<void> {
    configureProvider(config);
}

export async function check(_olds: Record<string, unknown>, news: Record<string, unknown>): Promise<dynamic.CheckResult> {
    return checkInputs(TASK_WAITER_INPUTS, news);
}

export async function diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<dynamic.DiffResult> {
    const replaces = REPLACE_KEYS.filter((k) => differs(olds[k], news[k]));
    const optionsChanged = INPUT_KEYS.filter((k) => !REPLACE_KEYS.includes(k)).some((k) => differs(olds[k], news[k]));
    return { changes: replaces.length > 0 || optionsChanged || isUnfinished(olds), replaces, deleteBeforeReplace: false };
}

export async function create(raw: Record<string, unknown>): Promise<dynamic.CreateResult> {
    const inputs = parse(raw);
    const id = taskPlanFor(inputs).id;
    return { id, outs: settle(id, await runTaskWait(inputs, pulumiFace("TaskWaiter", inputs.resourceName))) };
}

export async function update(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<dynamic.UpdateResult> {
    const inputs = parse(news);
    // only wait options changed: keep the recorded result, do not wait again
    if (finishedStatus(olds)) return { outs: toPlainJson({ ...olds, ...inputs }) };
    const known = taskPlanFor(inputs).recordedTaskIds(olds);
    return { outs: settle(id, await runTaskWait(inputs, pulumiFace("TaskWaiter", inputs.resourceName), known)) };
}

export async function read(id: string, props: Record<string, unknown>): Promise<dynamic.ReadResult> {
    const inputs = parse(Object.fromEntries(Object.entries(props).filter(([k]) => INPUT_KEYS.includes(k))));
    return { id, props: await taskPlanFor(inputs).refresh(props) };
}

export async function remove(): Promise<void> {
    // waiting leaves nothing behind in the cloud
}

function parse(raw: Record<string, unknown>): CheckedTaskWaiterInputs {
    return parseCheckedInputs("TaskWaiter", TASK_WAITER_INPUTS, raw);
}
