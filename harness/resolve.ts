// Resolves a program's exports to plain values, noting which were secret (what `pulumi stack output` would show
// as [secret]). Under mocks every value is known, so an Output's value can be awaited directly.
import * as pulumi from "@pulumi/pulumi";
import { Unwrapped } from "./secrets";

/** The value of an Output: its internal `promise()` (reliable under mocks; rejects if the Output failed). */
export function outputValue<T>(output: pulumi.Output<T>): Promise<T> {
    const internal = output as unknown as { promise?: () => Promise<T> };
    if (typeof internal.promise === "function") {
        return internal.promise();
    }
    return new Promise<T>((resolve) =>
        output.apply((v) => {
            resolve(v);
            return v;
        }),
    );
}

/**
 * Awaits promises and Outputs anywhere in `value`. Resources become their non-internal properties (as stack
 * outputs do), resolved in turn. Rejects with the first failed Output's error.
 */
export async function resolveDeep<T = unknown>(value: unknown): Promise<Unwrapped<T>> {
    const secretPaths: string[] = [];
    const seen = new Set<unknown>();
    const walk = async (v: unknown, at: string): Promise<unknown> => {
        if (pulumi.Output.isInstance(v)) {
            const [inner, secret] = await Promise.all([outputValue(v), pulumi.isSecret(v)]);
            if (secret) {
                secretPaths.push(at);
            }
            return walk(inner, at);
        }
        if (v instanceof Promise) {
            return walk(await v, at);
        }
        if (typeof v !== "object" || v === null || seen.has(v)) {
            return v;
        }
        seen.add(v);
        try {
            if (Array.isArray(v)) {
                const items: unknown[] = [];
                for (let i = 0; i < v.length; i++) {
                    items.push(await walk(v[i], `${at}[${i}]`));
                }
                return items;
            }
            const isResource = pulumi.Resource.isInstance(v);
            const out: Record<string, unknown> = {};
            for (const [key, item] of Object.entries(v)) {
                if (!(isResource && key.startsWith("__"))) {
                    out[key] = await walk(item, at ? `${at}.${key}` : key);
                }
            }
            return out;
        } finally {
            seen.delete(v);
        }
    };
    const resolved = (await walk(value, "")) as T;
    return { value: resolved, secretPaths };
}
