/**
 * Dotted paths into parsed JSON, for faults that damage a response: "TaskSet.Task.0.TaskStatus"
 * names one field, and "*" stands for every element of an array or every key of an object
 * ("TaskSet.Task.*.TaskStatus"). Paths that lead nowhere change nothing.
 */

type Container = Record<string, unknown> | unknown[];

/** Segments that would reach an object's prototype instead of its data. */
export const FORBIDDEN_SEGMENTS: readonly string[] = ["__proto__", "prototype", "constructor"];

function isContainer(value: unknown): value is Container {
    return typeof value === "object" && value !== null;
}

function keysOf(container: Container, segment: string): string[] {
    if (segment === "*") return Object.keys(container);
    return Object.prototype.hasOwnProperty.call(container, segment) ? [segment] : [];
}

/** The containers the path's segments lead to. */
function walk(root: unknown, segments: readonly string[]): Container[] {
    let current: Container[] = isContainer(root) ? [root] : [];
    for (const segment of segments) {
        const next: Container[] = [];
        for (const container of current) {
            for (const key of keysOf(container, segment)) {
                const child = (container as Record<string, unknown>)[key];
                if (isContainer(child)) next.push(child);
            }
        }
        current = next;
    }
    return current;
}

function split(path: string): { parents: string[]; last: string } {
    const segments = path.split(".");
    return { parents: segments.slice(0, -1), last: segments[segments.length - 1] };
}

/** Removes what the path names (array elements are spliced out). Returns how many were removed. */
export function removeAtPath(root: unknown, path: string): number {
    const { parents, last } = split(path);
    let removed = 0;
    for (const container of walk(root, parents)) {
        const keys = keysOf(container, last);
        if (Array.isArray(container)) {
            for (const index of keys.map(Number).sort((a, b) => b - a)) container.splice(index, 1);
        } else {
            for (const key of keys) delete container[key];
        }
        removed += keys.length;
    }
    return removed;
}

/**
 * Sets what the path names to value: an existing array element, or any key of an existing
 * object (added if absent; "*" only replaces existing keys). Returns how many were set.
 */
export function setAtPath(root: unknown, path: string, value: unknown): number {
    const { parents, last } = split(path);
    let set = 0;
    for (const container of walk(root, parents)) {
        const keys = last === "*" || Array.isArray(container) ? keysOf(container, last) : [last];
        for (const key of keys) {
            (container as Record<string, unknown>)[key] = structuredClone(value);
            set++;
        }
    }
    return set;
}
