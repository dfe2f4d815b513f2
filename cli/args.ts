import { ArgvError, FlagSpec, ParsedFlags, parseFlags } from "./argv";
import { FlagDef, SERVICE_NAMES, ServiceName, WAIT_COMMANDS, WaitCommand, flagsOf } from "./commands";

/**
 * The command line as the user typed it, before any input is judged: which command, and the text
 * of each flag (cli/argv.ts, shared with the simulator's command). `--flag value` and `--flag=value`
 * both work; a flag given twice is refused unless it is repeatable, so that nothing is silently
 * overridden; an unknown flag gets a "did you mean".
 */

export type Invocation =
    | {
          kind: "help";
          service?: ServiceName;
          /** Called without what it needs (no command, no service): the help goes to stderr and the exit is 3. */ missing?: string;
      }
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
    if (first === undefined) return { kind: "help", missing: "no command given: the command is `wait`, as in `alicloud-tasks wait ecs --task-id t-...`" };
    if (HELP_WORDS.has(first)) return { kind: "help" };
    if (first === "--version" || first === "-v") return { kind: "version" };
    if (first !== "wait")
        throw new UsageError(`unknown command ${JSON.stringify(first)}: the command is \`wait\`, as in \`alicloud-tasks wait ecs --task-id t-...\``);
    if (second === undefined)
        return { kind: "help", missing: `no service given: use one of ${SERVICE_NAMES.join(", ")}, as in \`alicloud-tasks wait ecs --task-id t-...\`` };
    if (HELP_WORDS.has(second)) return { kind: "help" };
    if (!isService(second)) {
        const near = nearService(second);
        throw new UsageError(
            `${JSON.stringify(second)} is not a service${near ? ` (did you mean ${near}?)` : ""}: use one of ${SERVICE_NAMES.join(", ")}, as in \`alicloud-tasks wait ${near ?? SERVICE_NAMES[0]} --help\``,
        );
    }
    const command = WAIT_COMMANDS[second];
    if (rest.some((a) => a === "--help" || a === "-h")) return { kind: "help", service: second };
    return { kind: "wait", command, ...readFlags(command, rest) };
}

function isService(word: string): word is ServiceName {
    return (SERVICE_NAMES as string[]).includes(word);
}

/** The service a mistyped one meant: the same name in other case ("ECS"), the same letters in another order ("esc"), or one letter off ("edc"). */
export function nearService(word: string): ServiceName | undefined {
    const lower = word.toLowerCase();
    const letters = (w: string) => [...w].sort().join("");
    return (
        SERVICE_NAMES.find((s) => s === lower) ??
        SERVICE_NAMES.find((s) => letters(s) === letters(lower)) ??
        SERVICE_NAMES.find((s) => s.length === lower.length && [...s].filter((c, i) => c !== lower[i]).length === 1)
    );
}

function readFlags(command: WaitCommand, args: readonly string[]): { values: Map<FlagDef, string[]>; switches: Set<FlagDef> } {
    const flags = flagsOf(command);
    let parsed: ParsedFlags;
    try {
        parsed = parseFlags(args, flags.map(flagSpecOf), `\`wait ${command.service}\``);
    } catch (error) {
        if (error instanceof ArgvError) throw new UsageError(listHint(error.message), command.service);
        throw error;
    }
    const byName = new Map(flags.map((f) => [f.name, f]));
    const values = new Map([...parsed.values].map(([name, list]) => [byName.get(name)!, list]));
    const switches = new Set([...parsed.switches].map((name) => byName.get(name)!));
    return { values, switches };
}

/** Flags that may repeat: filters and parameters (one per flag); a list flag takes its values comma-separated instead. */
function flagSpecOf(flag: FlagDef): FlagSpec {
    return { name: flag.name, value: flag.value, repeatable: flag.parse === "filter" || flag.repeatable === true };
}

/** "--task-ids is given twice: give it once, with the values separated by commas" for list flags. */
function listHint(message: string): string {
    const twice = /^(--[\w-]+) is given twice: give it once$/.exec(message);
    if (!twice) return message;
    const flag = Object.values(WAIT_COMMANDS)
        .flatMap((c) => flagsOf(c))
        .find((f) => f.name === twice[1]);
    return flag?.parse === "list" ? `${message}, with the values separated by commas` : message;
}

/** The value of a command option (not an input), such as --endpoint. */
export function optionValue(invocation: Extract<Invocation, { kind: "wait" }>, name: string): string | undefined {
    for (const [flag, list] of invocation.values) if (flag.name === name) return list[0];
    return undefined;
}

export function hasSwitch(invocation: Extract<Invocation, { kind: "wait" }>, name: string): boolean {
    return [...invocation.switches].some((f) => f.name === name);
}
