/**
 * RPC parameters as Alibaba's OpenApiUtil sends them (`@alicloud/openapi-util` flatMap and
 * replaceRepeatList, which every generated SDK client uses): an object's fields as `Key.Sub`, an
 * array's items as `Key.1`, `Key.2` (counted from 1, a null item keeping its number), both nested
 * (`Tag.1.Key`); null and undefined dropped; everything else as its text. pop-core itself flattens
 * arrays only and would send an object as "[object Object]", null as "null".
 */

/** Deep enough for every documented parameter (FilterList.1.FilterValues.1 is 3); more is a mistake or an attack. */
const MAX_PARAM_DEPTH = 8;
/** Far above any documented API's parameter count; keeps a request's query a reasonable size. */
const MAX_FLAT_PARAMS = 1000;

type FlatParams = Record<string, string>;

/**
 * How deeply a value nests objects and arrays (a scalar: 0), counted without recursion so that a
 * value nested 20,000 deep is measured, not a stack overflow; stops counting past `limit`.
 */
export function nestingDepth(value: unknown, limit: number): number {
    let deepest = 0;
    const stack: [unknown, number][] = [[value, 0]];
    while (stack.length > 0) {
        const [node, depth] = stack.pop()!;
        if (node === null || typeof node !== "object") continue;
        const level = depth + 1;
        deepest = Math.max(deepest, level);
        if (deepest > limit) return deepest;
        for (const child of Object.values(node as object)) stack.push([child, level]);
    }
    return deepest;
}

/** Why params cannot be sent as given (too deep, too many, two names that flatten alike), or undefined. */
export function paramsProblem(params: Record<string, unknown>): string | undefined {
    if (nestingDepth(params, MAX_PARAM_DEPTH + 1) > MAX_PARAM_DEPTH + 1)
        return `nested deeper than ${MAX_PARAM_DEPTH} levels: Alibaba's APIs take at most a few (Tag.1.Key); pass a parameter the API takes as JSON text as a string`;
    const flat = flattenOrProblem(params);
    return typeof flat === "string" ? flat : undefined;
}

/** The parameters as the query carries them. Call on params `check` accepted (paramsProblem). */
export function flattenParams(params: Record<string, unknown>): FlatParams {
    const flat = flattenOrProblem(params);
    if (typeof flat === "string") throw new Error(`params: ${flat}`);
    return flat;
}

function flattenOrProblem(params: Record<string, unknown>): FlatParams | string {
    const target: FlatParams = {};
    let count = 0;
    const stack: [string, unknown][] = Object.entries(params).reverse();
    while (stack.length > 0) {
        const [key, value] = stack.pop()!;
        if (value === undefined || value === null) continue;
        if (Array.isArray(value)) {
            stack.push(...value.map((item, i): [string, unknown] => [`${key}.${i + 1}`, item]).reverse());
        } else if (typeof value === "object") {
            stack.push(
                ...Object.entries(value as object)
                    .map(([sub, item]): [string, unknown] => [`${key}.${sub}`, item])
                    .reverse(),
            );
        } else {
            if (Object.prototype.hasOwnProperty.call(target, key))
                return `${JSON.stringify(key)} is given twice (once flattened from an object or array): give it once`;
            if (++count > MAX_FLAT_PARAMS) return `more than ${MAX_FLAT_PARAMS} parameters once flattened: send fewer`;
            target[key] = String(value);
        }
    }
    return target;
}
