import { FlagDef, SERVICE_NAMES, ServiceName, WAIT_COMMANDS, WaitCommand, flagsOf } from "./commands";

/**
 * The command line as the user typed it, before any input is judged: which command, and the text
 * of each flag. `--flag value` and `--flag=value` both work; a flag given twice is refused unless
 * it is repeatable, so that nothing is silently overridden.
 */

export type Invocation =
    | { kind: "help"; service?: ServiceName }
    | { kind: "version" }
    | { kind: "wait"; command: WaitCommand; values: Map<FlagDef, string[]>; switches: Set<FlagDef> };

/** A mistake in how the command was called: exit 3, with the flag and the fix. */
export class UsageError extends Error {
    override readonly name = "UsageError";
    constructor(
        message: string,
        /** Which help to point at. */
        readonly service?: ServiceName,
    ) {
        super(message);
    }
}

const HELP_WORDS = new Set(["--help", "-h", "help"]);

export function parseArgs(argv: readonly string[]): Invocation {
    const [first, second, ...rest] = argv;
    if (first === undefined || HELP_WORDS.has(first)) return { kind: "help" };
    if (first === "--version" || first === "-v") return { kind: "version" };
    if (first !== "wait")
        throw new UsageError(`unknown command ${JSON.stringify(first)}: the command is \`wait\`, as in \`alicloud-tasks wait ecs --task-id t-...\``);
    if (second === undefined || HELP_WORDS.has(second)) return { kind: "help" };
    if (!isService(second)) {
        throw new UsageError(
            `${JSON.stringify(second)} is not a service: use one of ${SERVICE_NAMES.join(", ")}, as in \`alicloud-tasks wait ${SERVICE_NAMES[0]} --help\``,
        );
    }
    const command = WAIT_COMMANDS[second];
    if (rest.some((a) => a === "--help" || a === "-h")) return { kind: "help", service: second };
    return { kind: "wait", command, ...readFlags(command, rest) };
}

function isService(word: string): word is ServiceName {
    return (SERVICE_NAMES as string[]).includes(word);
}

function readFlags(command: WaitCommand, args: readonly string[]): { values: Map<FlagDef, string[]>; switches: Set<FlagDef> } {
    const flags = flagsOf(command);
    const values = new Map<FlagDef, string[]>();
    const switches = new Set<FlagDef>();
    const usage = (message: string) => new UsageError(message, command.service);
    for (let i = 0; i < args.length; i++) {
        const arg = args[i];
        if (!arg.startsWith("--")) throw usage(`unexpected argument ${JSON.stringify(arg)}: every value follows its flag, as in --task-id ${arg}`);
        const eq = arg.indexOf("=");
        const name = eq === -1 ? arg : arg.slice(0, eq);
        const flag = flags.find((f) => f.name === name);
        if (!flag) throw usage(`unknown flag ${name} for \`wait ${command.service}\`: the flags are ${flags.map((f) => f.name).join(", ")}`);
        if (flag.value === undefined) {
            if (eq !== -1) throw usage(`${name} takes no value: write ${name} alone`);
            if (switches.has(flag)) throw usage(`${name} is given twice: give it once`);
            switches.add(flag);
            continue;
        }
        const value = eq !== -1 ? arg.slice(eq + 1) : args[++i];
        if (value === undefined || (eq === -1 && value.startsWith("--"))) throw usage(`${name} needs a value: ${name} ${flag.value}`);
        const list = values.get(flag) ?? [];
        if (list.length > 0 && flag.parse !== "filter")
            throw usage(`${name} is given twice: give it once${flag.parse === "list" ? ", with the values separated by commas" : ""}`);
        list.push(value);
        values.set(flag, list);
    }
    return { values, switches };
}

/** The value of a command option (not an input), such as --endpoint. */
export function optionValue(invocation: Extract<Invocation, { kind: "wait" }>, name: string): string | undefined {
    for (const [flag, list] of invocation.values) if (flag.name === name) return list[0];
    return undefined;
}

export function hasSwitch(invocation: Extract<Invocation, { kind: "wait" }>, name: string): boolean {
    return [...invocation.switches].some((f) => f.name === name);
}
