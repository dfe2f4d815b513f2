/**
 * "Did you mean" for names a caller got nearly right: a command-line flag, a field of a task spec,
 * a fault rule or a script. The simulator keeps its own copy of this rule so that it needs nothing
 * outside its folder (it ships as a package entry of its own).
 */

/** The letters that matter: no leading dashes, no dashes or underscores inside, lower case. */
function letters(name: string): string {
    return name.replace(/^-+/, "").replace(/[-_]/g, "").toLowerCase();
}

/** Edits (insert, delete, replace) between two short strings. */
function edits(from: string, to: string): number {
    let previous = [...Array(to.length + 1).keys()];
    for (const [i, char] of [...from].entries()) {
        const current = [i + 1];
        to.split("").forEach((other, j) => current.push(Math.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (char === other ? 0 : 1))));
        previous = current;
    }
    return previous[to.length];
}

/**
 * The known name closest to `given`, when it is close: the same letters (case, dashes aside), or a
 * typo or two (one edit per three letters, at most three). Undefined when nothing is that close.
 */
export function closestName(given: string, known: readonly string[]): string | undefined {
    const target = letters(given);
    const allowed = Math.max(1, Math.min(3, Math.floor(target.length / 3)));
    let best: { name: string; distance: number } | undefined;
    for (const name of known) {
        const distance = edits(letters(name), target);
        if (distance <= allowed && (best === undefined || distance < best.distance)) best = { name, distance };
    }
    return best?.name;
}

/** " (did you mean --port?)", or "" when no known name is close. */
export function didYouMean(given: string, known: readonly string[]): string {
    const name = closestName(given, known);
    return name === undefined ? "" : ` (did you mean ${name}?)`;
}
