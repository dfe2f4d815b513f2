// Secret values as they travel over the Pulumi wire: `{ [specialSigKey]: specialSecretSig, value }`.
//
// Under mocks, `newResource` receives inputs with secrets wrapped this way. The dynamic provider host says it does
// not accept secrets, so the engine sends it plain values and afterwards re-marks outputs: by input name
// (annotateSecrets, ported below from pulumi's provider_plugin.go) and by `additionalSecretOutputs`.
import * as pulumi from "@pulumi/pulumi";

export type PropertyMap = Record<string, unknown>;

export function makeSecret(value: unknown): PropertyMap {
    return { [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value };
}

export function isSecretValue(value: unknown): boolean {
    return !!pulumi.runtime.isRpcSecret(value);
}

export interface Unwrapped<T> {
    value: T;
    /** Paths of the values that were secret, e.g. "password", "nested.token", "list[1]". */
    secretPaths: string[];
}

/** Removes secret wrappers everywhere (and drops `undefined` members, which a Struct cannot carry). */
export function unwrapSecrets<T = unknown>(value: unknown, path = ""): Unwrapped<T> {
    const secretPaths: string[] = [];
    const walk = (v: unknown, at: string): unknown => {
        if (isSecretValue(v)) {
            secretPaths.push(at);
            return walk((v as PropertyMap).value, at);
        }
        if (Array.isArray(v)) {
            return v.map((item, i) => walk(item, `${at}[${i}]`));
        }
        if (isPlainObject(v)) {
            const out: PropertyMap = {};
            for (const [key, item] of Object.entries(v)) {
                if (item !== undefined) {
                    out[key] = walk(item, at ? `${at}.${key}` : key);
                }
            }
            return out;
        }
        return v;
    };
    return { value: walk(value, path) as T, secretPaths };
}

export function containsSecrets(value: unknown): boolean {
    return unwrapSecrets(value).secretPaths.length > 0;
}

/** The engine's annotateSecrets: an output named like a secret input becomes secret (recursing into objects). */
export function annotateSecrets(outs: PropertyMap, ins: PropertyMap): void {
    for (const [key, inValue] of Object.entries(ins)) {
        if (!(key in outs)) {
            continue;
        }
        const outValue = outs[key];
        if (isPlainObject(outValue) && !isSecretValue(outValue) && isPlainObject(inValue) && !isSecretValue(inValue)) {
            annotateSecrets(outValue, inValue);
        } else if (!isSecretValue(outValue) && containsSecrets(inValue)) {
            outs[key] = makeSecret(outValue);
        }
    }
}

/** Marks the listed top-level outputs secret, as the engine does for `additionalSecretOutputs`. */
export function markSecretOutputs(outs: PropertyMap, keys: readonly string[]): void {
    for (const key of keys) {
        if (key in outs && !isSecretValue(outs[key])) {
            outs[key] = makeSecret(outs[key]);
        }
    }
}

export function isPlainObject(value: unknown): value is PropertyMap {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        return false;
    }
    const proto = Object.getPrototypeOf(value);
    return proto === Object.prototype || proto === null;
}
