import { parseArgs } from "node:util";

/**
 * The command-line parsing both commands share (`alicloud-tasks` and `alicloud-tasks-simulator`),
 * on Node's own util.parseArgs: `--flag value` and `--flag=value`, switches, repeatable flags, and
 * one kind of error for every mistake, with the fix named: an unknown flag gets a "did you mean".
 */

export interface FlagSpec {
    /** "--task-id". */
    readonly name: string;
    /** Placeholder of the value ("ID"); absent for a switch. */
    readonly value?: string;
    /** May be given more than once. */
    readonly repeatable?: boolean;
    /** "-h" for --help. */
    readonly short?: string;
}

/** A mistake in how a command was called: both commands exit with their usage code on it. */
export class ArgvError extends Error {
    override readonly name = "ArgvError";
}

export interface ParsedFlags {
    /** Each flag that takes a value: its values in order. */
    values: Map<string, string[]>;
    /** Switches given. */
    switches: Set<string>;
}

/**
 * Reads flags only (no positional arguments). `describe` names the command in messages
 * ("`wait ecs`"). Throws ArgvError for an unknown flag, a missing or unexpected value, a flag
 * given twice that may not be, or a stray argument.
 */
export function parseFlags(args: readonly string[], flags: readonly FlagSpec[], describe: string): ParsedFlags {
    const byName = new Map(flags.map((f) => [f.name.replace(/^--/, ""), f]));
    const options = Object.fromEntries(
        flags.map((f) => [
            f.name.replace(/^--/, ""),
            { type: f.value ? ("string" as const) : ("boolean" as const), multiple: true, ...(f.short ? { short: f.short.replace(/^-/, "") } : {}) },
        ]),
    );
    const { tokens } = parseArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true });
    const values = new Map<string, string[]>();
    const switches = new Set<string>();
    for (const token of tokens ?? []) {
        if (token.kind === "option-terminator") throw new ArgvError(`unexpected "--": ${describe} takes flags only`);
        if (token.kind === "positional") {
            const example = flags.find((f) => f.value)?.name ?? "--flag";
            throw new ArgvError(`unexpected argument ${JSON.stringify(token.value)}: every value follows its flag, as in ${example} ${token.value}`);
        }
        const flag = byName.get(token.name);
        if (!flag) {
            throw new ArgvError(
                `unknown flag ${token.rawName} for ${describe}${didYouMean(token.rawName, flags)}: the flags are ${flags.map((f) => f.name).join(", ")}`,
            );
        }
        if (!flag.value) {
            if (token.inlineValue) throw new ArgvError(`${flag.name} takes no value: write ${flag.name} alone`);
            if (switches.has(flag.name)) throw new ArgvError(`${flag.name} is given twice: give it once`);
            switches.add(flag.name);
            continue;
        }
        const value = token.value;
        if (value === undefined || (!token.inlineValue && value.startsWith("--")))
            throw new ArgvError(`${flag.name} needs a value: ${flag.name} ${flag.value}`);
        const list = values.get(flag.name) ?? [];
        if (list.length > 0 && !flag.repeatable) throw new ArgvError(`${flag.name} is given twice: give it once`);
        list.push(value);
        values.set(flag.name, list);
    }
    return { values, switches };
}

/** " (did you mean --task-id?)" for a near miss: the same letters without dashes and case, or a typo or two. */
export function didYouMean(given: string, flags: readonly FlagSpec[]): string {
    const plain = (name: string) => name.replace(/^-+/, "").replace(/[-_]/g, "").toLowerCase();
    const target = plain(given);
    let best: { name: string; distance: number } | undefined;
    for (const flag of flags) {
        const distance = plain(flag.name) === target ? 0 : editDistance(plain(flag.name), target);
        if (!best || distance < best.distance) best = { name: flag.name, distance };
    }
    const limit = Math.max(1, Math.min(3, Math.floor(target.length / 3)));
    return best && best.distance <= limit ? ` (did you mean ${best.name}?)` : "";
}

/** Levenshtein distance. */
function editDistance(a: string, b: string): number {
    let row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const next = [i];
        for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        row = next;
    }
    return row[b.length];
}
