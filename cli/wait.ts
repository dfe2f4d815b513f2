import type { ProgressSink, WaitCaller } from "../provider/wait";
import type { RerunCommands } from "./commandLine";

/**
 * How the command speaks: every line starts with "wait <service>", and what it tells the user to
 * do next is a command to run, not a `pulumi up`.
 */

/** The label that starts every progress line and message: "wait ecs". */
export function waitLabel(service: string): string {
    return `wait ${service}`;
}

export function cliCaller(service: string, progress: ProgressSink, rerun: RerunCommands, signal?: AbortSignal): WaitCaller {
    return {
        label: waitLabel(service),
        progress,
        signal,
        nextSteps: {
            keepWaiting: `To keep waiting (or with a longer --timeout): ${rerun.again}`,
            resumeExport: (idKey, id) => `To keep waiting on this export: ${rerun.resume(idKey, id)}`,
            freshExport: `to start a fresh export: ${rerun.again}`,
        },
    };
}
