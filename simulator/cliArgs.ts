/**
 * The simulator command's own flag reader. It does not use util.parseArgs: `engines` allows
 * Node 18.2, which lacks it (18.3 added it, 18.7 its tokens). It reads `--flag value`,
 * `--flag=value`, switches and grouped short switches (`-h`), and stops at the first mistake with
 * the fix named.
 */
import { didYouMean } from "./suggest";

export interface FlagSpec {
    /** "--port". */
    readonly name: string;
    /** Placeholder of the value ("N"); absent for a switch. */
    readonly value?: string;
    /** "-h" for --help. */
    readonly short?: string;
}

/** A mistake in how the command was called: it exits with its usage code. */
export class UsageError extends Error {
    override readonly name = "UsageError";
}

export interface ParsedFlags {
    /** The value of each flag that takes one. */
    values: Map<string, string>;
    /** Switches given. */
    switches: Set<string>;
}

/** Reads flags only (no positional arguments); `command` names the command in messages. Throws UsageError. */
export function readFlags(args: readonly string[], flags: readonly FlagSpec[], command: string): ParsedFlags {
    const values = new Map<string, string>();
    const switches = new Set<string>();
    const names = flags.map((f) => f.name);

    const unknown = (raw: string): never => {
        throw new UsageError(`unknown flag ${raw} for ${command}${didYouMean(raw, names)}: the flags are ${names.join(", ")}`);
    };
    const setSwitch = (flag: FlagSpec): void => {
        if (switches.has(flag.name)) throw new UsageError(`${flag.name} is given twice: give it once`);
        switches.add(flag.name);
    };

    for (let i = 0; i < args.length; i++) {
        const arg = args[i];
        if (arg === "--") throw new UsageError(`unexpected "--": ${command} takes flags only`);
        if (arg.startsWith("--")) {
            const equals = arg.indexOf("=");
            const raw = equals < 0 ? arg : arg.slice(0, equals);
            const flag = flags.find((f) => f.name === raw) ?? unknown(raw);
            if (!flag.value) {
                if (equals >= 0) throw new UsageError(`${flag.name} takes no value: write ${flag.name} alone`);
                setSwitch(flag);
                continue;
            }
            // The next argument is the value, whatever it looks like ("-1" included), unless it is another long flag.
            const value = equals >= 0 ? arg.slice(equals + 1) : args[++i];
            if (value === undefined || (equals < 0 && value.startsWith("--"))) throw new UsageError(`${flag.name} needs a value: ${flag.name} ${flag.value}`);
            if (values.has(flag.name)) throw new UsageError(`${flag.name} is given twice: give it once`);
            values.set(flag.name, value);
            continue;
        }
        if (arg.startsWith("-") && arg.length > 1) {
            // -hx is -h then -x, as getopt reads it
            for (const letter of arg.slice(1)) setSwitch(flags.find((f) => f.short === `-${letter}` && !f.value) ?? unknown(`-${letter}`));
            continue;
        }
        const example = flags.find((f) => f.value)?.name ?? "--flag";
        throw new UsageError(`unexpected argument ${JSON.stringify(arg)}: every value follows its flag, as in ${example} ${arg}`);
    }
    return { values, switches };
}
