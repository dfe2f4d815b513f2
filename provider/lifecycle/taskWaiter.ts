import { TASK_WAITER_INPUTS, TaskWaiterInputs, bdrcTaskWaiterSchema, ecsTaskWaiterSchema } from "../inputs";
import { CheckedInputs, checkInputs, parseCheckedInputs } from "../wait/check";
import { bdrcDefinition, bdrcWaiterId, recordedBdrcTaskIds, refreshBdrc } from "../wait/definitions/bdrc";
import { ecsDefinition, ecsWaiterId, recordedEcsTaskIds, refreshEcs } from "../wait/definitions/ecs";
import { runWait } from "../wait/run";
import { Runtime, plainJson } from "../wait/runtime";
import { Lifecycle, configureHost, onRuntime } from "./host";
import { compareInputs, recordedEnd, pulumiCaller, pulumiResult, spoken } from "./pulumi";

/**
 * What the TaskWaiter provider's methods do; the provider object itself only forwards here.
 *
 * A stable contract: every stack's state holds a `__provider` that requires this module as
 * `pulumi-alicloud-tasks/lifecycle/taskWaiter` for every later operation, `delete` included.
 * Never rename or remove it, nor the functions it exports.
 */

const KIND = "TaskWaiter";
/** Changing what is waited on is a new wait: replace. The rest are options: update in place. */
const REPLACE_KEYS = ["service", "region", "taskId", "taskIds", "resourceIds", "taskAction"];
const INPUT_KEYS = [...new Set([...Object.keys(ecsTaskWaiterSchema.shape), ...Object.keys(bdrcTaskWaiterSchema.shape)])];
const OPTION_KEYS = INPUT_KEYS.filter((k) => !REPLACE_KEYS.includes(k));

export type CheckedTaskWaiterInputs = TaskWaiterInputs & { region: string };

/** TaskWaiter's lifecycle on a runtime: the host's (the functions below), or a test's own. */
export function taskWaiterLifecycle(runtime: Runtime): Lifecycle {
    const wait = async (id: string, { inputs, options }: CheckedInputs<TaskWaiterInputs>, knownTaskIds?: string[]) => {
        const caller = pulumiCaller(KIND, inputs.resourceName, runtime);
        const outcome =
            inputs.service === "ecs"
                ? await runWait(ecsDefinition(inputs, runtime, knownTaskIds), options, runtime, caller)
                : await runWait(bdrcDefinition(inputs, runtime), options, runtime, caller);
        return pulumiResult(id, outcome, runtime);
    };
    return {
        async check(_olds, news) {
            return spoken(KIND, news, checkInputs(TASK_WAITER_INPUTS, news, runtime.settings), runtime);
        },
        async diff(_id, olds, news) {
            const { replaces, optionsChanged } = compareInputs(olds, news, REPLACE_KEYS, OPTION_KEYS);
            return { changes: replaces.length > 0 || optionsChanged || recordedEnd(olds) === "unfinished", replaces, deleteBeforeReplace: false };
        },
        async create(raw) {
            const checked = parse(raw);
            const id = taskWaiterId(checked.inputs);
            return { id, outs: await wait(id, checked) };
        },
        async update(id, olds, news) {
            const checked = parse(news);
            const { inputs } = checked;
            // only wait options changed: keep the recorded result, do not wait again
            if (recordedEnd(olds) === "finished") return { outs: plainJson(runtime, { ...olds, ...inputs }) };
            const known = inputs.service === "ecs" ? recordedEcsTaskIds(olds) : recordedBdrcTaskIds(olds);
            return { outs: await wait(id, checked, known) };
        },
        async read(id, props) {
            const { inputs } = parse(Object.fromEntries(Object.entries(props).filter(([k]) => INPUT_KEYS.includes(k))));
            return { id, props: inputs.service === "ecs" ? await refreshEcs(inputs, runtime, props) : await refreshBdrc(inputs, runtime, props) };
        },
        async remove() {
            // waiting leaves nothing behind in the cloud
        },
    };
}

function taskWaiterId(inputs: CheckedTaskWaiterInputs): string {
    return inputs.service === "ecs" ? ecsWaiterId(inputs) : bdrcWaiterId(inputs);
}

function parse(raw: Record<string, unknown>): CheckedInputs<TaskWaiterInputs> {
    return parseCheckedInputs(KIND, TASK_WAITER_INPUTS, raw);
}

export const configure = configureHost;
export const { check, diff, create, update, read, remove } = onRuntime(taskWaiterLifecycle);
