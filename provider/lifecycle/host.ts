import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { ConfigSource } from "../client/credentials";
import { Runtime, createRuntime } from "../wait/runtime";
import { readSettings } from "../wait/settings";

/**
 * The provider process's runtime, the one place it is kept. The serialized provider requires the
 * lifecycle modules at call time, so this module is loaded once per provider process: every
 * resource that the process serves shares one poller and one rate limiter. `configure` reads the
 * stack config into it (the poller, limiter and caches stay); a call before any configure (a
 * `check` in a test, an old host) gets settings from the environment.
 */
let runtime: Runtime | undefined;

export function hostRuntime(): Runtime {
    return (runtime ??= createRuntime());
}

export async function configureHost(config: ConfigSource): Promise<void> {
    runtime = createRuntime({ ...hostRuntime(), settings: readSettings(config) });
}

type Props = Record<string, unknown>;

/** Pulumi's verbs of one resource, as the serialized provider calls them. */
export interface Lifecycle {
    check(olds: Props, news: Props): Promise<dynamic.CheckResult>;
    diff(id: string, olds: Props, news: Props): Promise<dynamic.DiffResult>;
    create(inputs: Props): Promise<dynamic.CreateResult>;
    update(id: string, olds: Props, news: Props): Promise<dynamic.UpdateResult>;
    read(id: string, props: Props): Promise<dynamic.ReadResult>;
    remove(id?: string, props?: Props): Promise<void>;
}

/**
 * A resource's lifecycle on a runtime as it is when each call comes: the host's (what the
 * lifecycle modules export), or one a test configures.
 */
export function onRuntime(lifecycleOf: (runtime: Runtime) => Lifecycle, runtimeOf: () => Runtime = hostRuntime): Lifecycle {
    const current = () => lifecycleOf(runtimeOf());
    return {
        check: (olds, news) => current().check(olds, news),
        diff: (id, olds, news) => current().diff(id, olds, news),
        create: (inputs) => current().create(inputs),
        update: (id, olds, news) => current().update(id, olds, news),
        read: (id, props) => current().read(id, props),
        remove: (id, props) => current().remove(id, props),
    };
}
