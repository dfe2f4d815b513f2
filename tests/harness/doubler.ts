// A tiny dynamic provider and resource to test the harness with.
//
// The provider is serialized by Pulumi (serializeFunction) and rebuilt in the host, so its methods use only their
// arguments, `this` (the provider object: where configure keeps the config for later calls) and globals.
import * as pulumi from "@pulumi/pulumi";

export interface DoublerInputs {
    value: number;
    /** "partial": throw a partial failure (id, properties, reasons); "error": throw a plain error. */
    failWith?: "partial" | "error";
    replaceOnChange?: boolean;
}

export const doublerProvider = {
    greeting: undefined as string | undefined,

    async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
        this.greeting = req.config.get("test:greeting");
    },

    async check(_olds: DoublerInputs, news: DoublerInputs): Promise<pulumi.dynamic.CheckResult> {
        const failures = news.value < 0 ? [{ property: "value", reason: "must not be negative" }] : [];
        return { inputs: news, failures };
    },

    async diff(_id: string, olds: DoublerInputs, news: DoublerInputs): Promise<pulumi.dynamic.DiffResult> {
        const changed = olds.value !== news.value;
        const replace = changed && !!news.replaceOnChange;
        return { changes: changed, replaces: replace ? ["value"] : [], deleteBeforeReplace: replace };
    },

    async create(inputs: DoublerInputs): Promise<pulumi.dynamic.CreateResult> {
        console.log(`[doubler ${inputs.value}] creating`);
        if (inputs.failWith === "partial") {
            const properties = { value: inputs.value, progress: 50 };
            throw Object.assign(new Error("timed out"), { id: "x", properties, reasons: ["timed out"] });
        }
        if (inputs.failWith === "error") {
            throw new Error("boom");
        }
        return { id: "x", outs: { value: inputs.value * 2, greeting: this.greeting ?? "none", token: `token-${inputs.value}` } };
    },

    async read(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
        return { id, props: { ...props, refreshed: true } };
    },

    async update(_id: string, _olds: Record<string, unknown>, news: DoublerInputs): Promise<pulumi.dynamic.UpdateResult> {
        return { outs: { value: news.value * 2, updated: true } };
    },

    async delete(id: string): Promise<void> {
        console.log(`[doubler] deleting ${id}`);
    },
};

export interface DoublerArgs {
    value: pulumi.Input<number>;
    failWith?: pulumi.Input<"partial" | "error">;
}

export class Doubler extends pulumi.dynamic.Resource {
    declare readonly value: pulumi.Output<number>;
    declare readonly greeting: pulumi.Output<string>;
    declare readonly token: pulumi.Output<string>;

    constructor(name: string, args: DoublerArgs, opts?: pulumi.CustomResourceOptions) {
        super(
            doublerProvider,
            name,
            { ...args, greeting: undefined, token: undefined },
            pulumi.mergeOptions(opts, { additionalSecretOutputs: ["token"] }),
            "harness",
            "Doubler",
        );
    }
}

export const DOUBLER_TYPE = "pulumi-nodejs:dynamic/harness:Doubler";
