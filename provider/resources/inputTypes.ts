import type * as pulumi from "@pulumi/pulumi";

/** A zod-inferred input shape with every level accepting Pulumi inputs (values, promises or outputs). */
export type DeepInput<T> = T extends readonly (infer E)[]
    ? pulumi.Input<DeepInput<E>[]>
    : T extends object
      ? pulumi.Input<{ [K in keyof T]: DeepInput<T[K]> }>
      : pulumi.Input<T>;

/** Resource arguments: each property of each union member wrapped; internal keys removed. */
export type ResourceArgs<T, Internal extends string = "resourceName" | "resourceStack"> = T extends unknown
    ? { [K in keyof T as K extends Internal ? never : K]: DeepInput<T[K]> }
    : never;

/** Resource outputs: each property an Output of its zod-inferred type. */
export type ResourceOutputs<T> = { readonly [K in keyof T]-?: pulumi.Output<T[K]> };
