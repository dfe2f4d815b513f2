import type { Face } from "../provider/waits/outcome";
import type { ProgressSink } from "../provider/waits/progress";
import type { ServiceName } from "./commands";

/**
 * How the command speaks: every line starts with "wait <service>", and what it tells the user to
 * do next is a command to run, not a `pulumi up`.
 */

/** The label that starts every progress line and message: "wait ecs". */
export function waitLabel(service: string): string {
    return `wait ${service}`;
}

export function cliFace(service: ServiceName, progress: ProgressSink): Face {
    return {
        label: waitLabel(service),
        progress,
        words: {
            keepWaiting: "Run the command again to keep waiting, or raise --timeout.",
            resumeExport: (idKey, id) =>
                `To keep waiting on this export: alicloud-tasks wait ${service} --${idKey === "taskId" ? "task-id" : "export-id"} ${id}.`,
            freshExport: "run the command again to start a fresh export",
        },
    };
}
