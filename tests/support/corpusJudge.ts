// How a bad-input case's `check` answer is judged: every failure names the offending property (or a
// parent of it) and says how to fix it, without a stack trace, "undefined", "[object Object]", or a
// wall of the user's own oversized value. Shared by the in-process corpus test and the host's.
import type { CheckFailure } from "../../provider/inputs/validate";
import type { Lifecycle } from "../../provider/lifecycle/host";
import type { BadCase } from "./badInputCorpus";

/** No endpoint override: region rules apply as for real endpoints. */
export const CONFIG = { "alicloud:region": "cn-hangzhou" };
const STACK_FRAME = /\n\s*at |\bat \S+ \(\S*:\d+:\d+\)|\.(js|ts):\d+/;
const FIX = /\b(use|must|set|remove|at most|at least|such as|one of|required)\b/i;
const MAX_REASON = 400;

export interface Judged {
    c: BadCase;
    failures: CheckFailure[];
    clearProperty: boolean;
    goodReasons: boolean;
    problems: string[];
}

function related(property: string, expected: string): boolean {
    const under = (a: string, b: string) => a.startsWith(`${b}.`) || a.startsWith(`${b}[`);
    return property === expected || under(property, expected) || under(expected, property);
}

export function judge(c: BadCase, failures: CheckFailure[] | undefined, thrown?: unknown): Judged {
    const problems: string[] = [];
    if (thrown !== undefined) problems.push(`check threw: ${thrown instanceof Error ? thrown.message : String(thrown)}`);
    const list = failures ?? [];
    if (thrown === undefined && list.length === 0) problems.push("accepted: no failure");
    const unrelated = list.filter((f) => !c.expect.some((e) => related(f.property, e)));
    const uncovered = c.expect.filter((e) => !list.some((f) => related(f.property, e)));
    for (const f of unrelated) problems.push(`names ${JSON.stringify(f.property)}, not ${c.expect.join(" or ")}: ${f.reason}`);
    if (list.length > 0) for (const e of uncovered) problems.push(`no failure names ${e}`);
    let goodReasons = list.length > 0;
    for (const f of list) {
        const bad = [
            typeof f.property !== "string" || f.property === "" ? "no property" : "",
            STACK_FRAME.test(f.reason) ? "a stack frame" : "",
            /undefined/.test(f.reason) ? '"undefined"' : "",
            f.reason.includes("[object Object]") ? '"[object Object]"' : "",
            FIX.test(f.reason) ? "" : "no fix",
            f.reason.length > MAX_REASON ? `${f.reason.length} characters` : "",
        ].filter(Boolean);
        if (bad.length) {
            goodReasons = false;
            problems.push(`${f.property}: ${bad.join(", ")}: ${f.reason.slice(0, 160)}`);
        }
    }
    return { c, failures: list, clearProperty: list.length > 0 && unrelated.length === 0 && uncovered.length === 0, goodReasons, problems };
}

export async function checkInProcess(lifecycles: Record<BadCase["kind"], Lifecycle>, c: BadCase): Promise<Judged> {
    try {
        const result = await lifecycles[c.kind].check({}, { __provider: "serialized provider", ...structuredClone(c.inputs) });
        return judge(c, result.failures);
    } catch (error) {
        return judge(c, undefined, error);
    }
}

export function sorted(failures: readonly CheckFailure[]): CheckFailure[] {
    return [...failures]
        .map((f) => ({ property: f.property, reason: f.reason }))
        .sort((a, b) => `${a.property}${a.reason}`.localeCompare(`${b.property}${b.reason}`));
}

/** "TaskWaiter ecs", "ReportExport sas start", ...: the resource and service a case is about. */
export function groupOf(c: BadCase): string {
    const [kind, rest] = [c.kind, c.name.slice(c.kind.length + 1)];
    const label = rest.split(":")[0];
    if (/^(no service|empty inputs)$/.test(label)) return `${kind} (service)`;
    return `${kind} ${label.replace(/ (taskIds|resourceIds|adopt|start)$/, "")}`;
}
