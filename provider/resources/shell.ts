/* eslint-disable @typescript-eslint/no-require-imports -- the shell loads its implementation at call time, by package path (see below) */
import type * as pulumi from "@pulumi/pulumi";

/**
 * The provider object Pulumi serializes into the state (`__provider`). It must stay a thin
 * shell: each method requires the implementation by package path when it is called, so nothing
 * but one string is captured, and the provider host loads the package from the project's
 * node_modules. A module required this way is loaded once per provider process, which is how
 * all resources of a process share one poller. Arrow functions, not methods: the serializer
 * rebuilds them as plain functions (a method named `delete` would not survive).
 */
export function providerShell(implementation: string): pulumi.dynamic.ResourceProvider {
    return {
        configure: async (req) => require(implementation).configure(req.config),
        check: async (olds, news) => require(implementation).check(olds, news),
        diff: async (id, olds, news) => require(implementation).diff(id, olds, news),
        create: async (inputs) => require(implementation).create(inputs),
        read: async (id, props) => require(implementation).read(id, props),
        update: async (id, olds, news) => require(implementation).update(id, olds, news),
        delete: async (id, props) => require(implementation).remove(id, props),
    };
}

/** The package-relative path of a lifecycle module, as the provider host will require it. */
export function lifecycleModule(name: string): string {
    return `pulumi-alicloud-tasks/lifecycle/${name}`;
}
