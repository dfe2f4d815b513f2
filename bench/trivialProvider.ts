import type * as pulumi from "@pulumi/pulumi";

/** The yardstick for the provider host's cold start: a dynamic provider whose create returns at once. */
export const trivialProvider: pulumi.dynamic.ResourceProvider = {
    create: async (inputs) => ({ id: "trivial", outs: inputs }),
};

/** The yardstick for the host's memory per call in flight: with `hang`, a create that says so and never returns. */
export const hangingProvider: pulumi.dynamic.ResourceProvider = {
    create: async (inputs) => {
        if (!inputs.hang) return { id: "trivial", outs: inputs };
        console.log(`in flight ${String(inputs.value)}`);
        return new Promise<pulumi.dynamic.CreateResult>(() => undefined);
    },
};
