import type { Invocation } from "./args";

/**
 * The commands the wait command tells its user to run next, whole and ready to paste: every flag
 * given, with --region and --endpoint added when they came from the environment (a CI step's next
 * shell may not have it).
 */

type WaitInvocation = Extract<Invocation, { kind: "wait" }>;

export interface RerunCommands {
    /** The command again, as typed (plus where it went): to keep waiting, or to start a fresh export. */
    again: string;
    /** The command that waits on an export this run started, instead of starting another. */
    resume(idKey: "taskId" | "exportId", id: string): string;
}

/** A word as a POSIX shell reads it back: quoted unless it is plain. */
export function shellQuote(word: string): string {
    return /^[\w./:=,@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export function rerunCommands(invocation: WaitInvocation, where: { region: string; endpoint?: string }): RerunCommands {
    const head = ["alicloud-tasks", "wait", invocation.command.service];
    const words = (skipCreate: boolean): string[] => {
        const out: string[] = [];
        for (const [flag, values] of invocation.values) {
            if (skipCreate && flag.input?.startsWith("create.")) continue;
            for (const value of values) out.push(flag.name, value);
        }
        for (const flag of invocation.switches) out.push(flag.name);
        if (!invocation.values.has(flagNamed(invocation, "--region")!)) out.push("--region", where.region);
        if (where.endpoint && !invocation.values.has(flagNamed(invocation, "--endpoint")!)) out.push("--endpoint", where.endpoint);
        return out;
    };
    const line = (list: string[]) => list.map(shellQuote).join(" ");
    return {
        again: line([...head, ...words(false)]),
        resume: (idKey, id) => line([...head, idKey === "taskId" ? "--task-id" : "--export-id", id, ...words(true)]),
    };
}

function flagNamed(invocation: WaitInvocation, name: string) {
    return [...invocation.values.keys()].find((f) => f.name === name);
}
