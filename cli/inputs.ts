import { CheckFailure, CheckedWait, ProviderSettings, checkWait } from "../provider/wait";
import { Invocation, UsageError } from "./args";
import { FlagDef, WaitCommand, flagsOf } from "./commands";
import { parseStructured } from "./structuredFlags";

/**
 * Flags -> resource inputs -> the resources' own checks: the same schemas, defaults and
 * cross-field rules as `pulumi preview`. Its failures name inputs ("taskIds[2]"); here they are
 * told as the flags that fill them ("--task-ids, item 3").
 */

type WaitInvocation = Extract<Invocation, { kind: "wait" }>;

/** The raw inputs the flags describe, as a program would pass them to the resource. */
export function rawInputs(invocation: WaitInvocation): Record<string, unknown> {
    const { command } = invocation;
    // ApiWaiter serves any API: it has no `service` input
    const raw: Record<string, unknown> = command.kind === "ApiWaiter" ? {} : { service: command.service };
    for (const [flag, texts] of invocation.values) {
        if (!flag.input) continue;
        const value =
            flag.parse === "list"
                ? texts[0].split(",").map((s) => s.trim())
                : flag.parse === "filter"
                  ? texts.map((t) => parseFilter(command, flag, t))
                  : flag.parse === "keyValue" || flag.parse === "json" || flag.parse === "jsonFile" || flag.parse === "expected"
                    ? parseStructured(command, flag, texts)
                    : texts[0];
        setPath(raw, flag.input, value);
    }
    for (const flag of invocation.switches) if (flag.input) setPath(raw, flag.input, flag.sets);
    return raw;
}

/** KEY=V1,V2 -> { key, values }. */
function parseFilter(command: WaitCommand, flag: FlagDef, text: string): { key: string; values: string[] } {
    const eq = text.indexOf("=");
    if (eq <= 0)
        throw new UsageError(
            `${flag.name}: ${JSON.stringify(text)} is not a filter: write ${flag.value}, such as ${flag.name} RegionId=cn-shanghai`,
            command.service,
        );
    return {
        key: text.slice(0, eq).trim(),
        values: text
            .slice(eq + 1)
            .split(",")
            .map((s) => s.trim()),
    };
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
    const keys = path.split(".");
    let node = target;
    for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[keys[keys.length - 1]] = value;
}

/**
 * Runs the resource's check (which fills the region from the environment when no --region is
 * given); any failure is a usage error that lists every problem at once.
 */
export function checkedInputs(
    command: WaitCommand,
    raw: Record<string, unknown>,
    settings: Pick<ProviderSettings, "defaultRegion" | "endpointOverride">,
    warn: (warning: string) => void = () => undefined,
    endpointOption?: string,
): CheckedWait {
    const checked = checkWait(command.kind, raw, settings, { endpointOption });
    for (const warning of checked.warnings) warn(inFlagWords(command, { property: "", reason: warning }));
    if (checked.wait) return checked.wait;
    if (checked.failures.some((f) => f.property === "region" && f.reason.startsWith("no region"))) {
        throw new UsageError("no region: pass --region, such as --region cn-hangzhou, or set ALIBABA_CLOUD_REGION_ID (or ALICLOUD_REGION)", command.service);
    }
    const lines = checked.failures.map((f) => `  ${describeFailure(command, f)}`);
    throw new UsageError(`invalid arguments for \`wait ${command.service}\`:\n${lines.join("\n")}`, command.service);
}

/** "--task-ids, item 3: "x" is not an ECS task id: ...". */
export function describeFailure(command: WaitCommand, failure: CheckFailure): string {
    return `${flagOfProperty(command, failure.property)}: ${inFlagWords(command, failure)}`;
}

/** The flag that fills an input property; an item's position is counted from 1, as people count. */
export function flagOfProperty(command: WaitCommand, property: string): string {
    const index = /\[(\d+)\]/.exec(property);
    const item = index ? `, item ${Number(index[1]) + 1}` : "";
    const segments = property.replace(/\[\d+\]/g, "").split(".");
    const flags = flagsOf(command);
    for (let n = segments.length; n > 0; n--) {
        const path = segments.slice(0, n).join(".");
        const exact = flags.find((f) => f.input === path);
        if (exact) return exact.name + item;
        // an object input filled by several flags: pollInterval -> --poll-min / --poll-max
        const within = flags.filter((f) => f.input?.startsWith(`${path}.`));
        // "create" is filled by several flags: name the one that starts an export
        if (path === "create" && command.createWords) return command.createWords.split(" ")[0];
        if (within.length > 0) return within.map((f) => f.name).join(" / ");
    }
    return property;
}

/** Input names inside a message, as flags: "set only one of taskId and taskIds" -> "... --task-id and --task-ids". */
function inFlagWords(command: WaitCommand, failure: CheckFailure): string {
    // a switch and the value it sets: 'allowNonReadAction: true' and 'mode "check"' are --allow-non-read-action and --check
    let reason = failure.reason;
    for (const flag of flagsOf(command))
        if (flag.input && flag.sets !== undefined)
            for (const form of [`${flag.input}: ${JSON.stringify(flag.sets)}`, `${flag.input} ${JSON.stringify(flag.sets)}`])
                reason = reason.split(form).join(flag.name);
    // "taskIds[0]" inside a message is an item of a list flag, counted from 1 as the flag's own position is
    const lists = new Set(flagsOf(command).flatMap((f) => (f.input && f.parse === "list" ? [f.input] : [])));
    reason = reason.replace(/\b(\w+)\[(\d+)\]/g, (whole, input: string, index: string) => (lists.has(input) ? `item ${Number(index) + 1}` : whole));
    failure = { ...failure, reason };
    const words = new Map<string, string>();
    for (const flag of flagsOf(command)) if (flag.input && !flag.input.includes(".") && /[A-Z]/.test(flag.input)) words.set(flag.input, flag.name);
    // plain English words are input names only in the messages about those inputs
    if (failure.property === "create" && command.createWords) words.set("create", command.createWords);
    if (failure.property.startsWith("pollInterval")) {
        words.set("min", "--poll-min");
        words.set("max", "--poll-max");
    }
    if (words.size === 0) return failure.reason;
    const names = [...words.keys()].sort((a, b) => b.length - a.length);
    return failure.reason.replace(new RegExp(`\\b(${names.join("|")})\\b`, "g"), (name) => words.get(name)!);
}
