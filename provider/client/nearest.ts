/**
 * "Did you mean": the known names nearest to one given, for region and product codes (wait/names.ts)
 * and for a host that does not resolve (dnsGrace.ts).
 */

/** Edits between two short strings, a swap of neighbours counting as one (optimal string alignment). */
function edits(a: string, b: string): number {
    const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) d[0][j] = j;
    for (let i = 1; i <= a.length; i++)
        for (let j = 1; j <= b.length; j++) {
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[a.length][b.length];
}

/** The known names nearest to `given` (case aside) within `max` edits, nearest first, at most three; never `given` itself. */
export function nearest(given: string, known: readonly string[], max: number): string[] {
    const target = given.toLowerCase();
    return known
        .map((name) => ({ name, distance: edits(target, name.toLowerCase()) }))
        .filter((c) => c.distance > 0 && c.distance <= max)
        .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
        .slice(0, 3)
        .map((c) => c.name);
}
