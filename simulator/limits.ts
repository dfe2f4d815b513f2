/**
 * Limits on what the control API may make the simulator keep, so that no client (the control API
 * is unsigned) can make it grow without bound. A store that is full answers 409 until something is
 * removed; one item over its own cap answers 413.
 */

/** A request the simulator will not keep: it names the limit and what to do. */
export class LimitError extends Error {
    override readonly name = "LimitError";

    constructor(
        /** 409: the store is full (remove something first); 413: this one item is over its cap. */
        readonly status: 409 | 413,
        message: string,
    ) {
        super(message);
    }
}

/** What a JSON-shaped value takes, roughly: the bytes of its JSON as UTF-8. */
export function jsonBytes(value: unknown): number {
    return Buffer.byteLength(JSON.stringify(value) ?? "", "utf8");
}

/** "256 KiB", "16 MiB": the limits as the README states them. */
export function formatBytes(bytes: number): string {
    return bytes % (1024 * 1024) === 0 ? `${bytes / 1024 / 1024} MiB` : `${bytes / 1024} KiB`;
}

/**
 * The room a store of items has: at most `maxItems`, each at most `maxItemBytes`, `maxBytes` in
 * all. `what` names an item in messages ("script"), `remove` says how to make room.
 */
export interface Budget {
    readonly what: string;
    readonly maxItems: number;
    readonly maxItemBytes: number;
    readonly maxBytes: number;
    readonly remove: string;
}

/**
 * Throws LimitError unless items of `sizes` (bytes each) fit beside `kept` items of `keptBytes`.
 * `place` names an item of a list in the message ("[2]").
 */
export function checkBudget(budget: Budget, kept: { count: number; bytes: number }, sizes: readonly number[], place?: (index: number) => string): void {
    sizes.forEach((size, i) => {
        if (size > budget.maxItemBytes) {
            const which = place ? ` ${place(i)}` : "";
            throw new LimitError(
                413,
                `the ${budget.what}${which} takes ${size} bytes, over the ${formatBytes(budget.maxItemBytes)} a ${budget.what} may take: make it smaller`,
            );
        }
    });
    const count = kept.count + sizes.length;
    if (count > budget.maxItems) {
        throw new LimitError(
            409,
            `the simulator keeps at most ${budget.maxItems} ${budget.what}s (${kept.count} now, ${sizes.length} more asked): ${budget.remove}`,
        );
    }
    const bytes = kept.bytes + sizes.reduce((sum, size) => sum + size, 0);
    if (bytes > budget.maxBytes) {
        throw new LimitError(
            409,
            `the simulator keeps at most ${formatBytes(budget.maxBytes)} of ${budget.what}s (${kept.bytes} bytes now, ${bytes - kept.bytes} more asked): ${budget.remove}`,
        );
    }
}
