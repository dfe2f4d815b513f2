import { Failure, toFailure } from "../engine/result";
import type { StartedExport } from "./exportPlan";

/**
 * Starting an export is not idempotent: a retried start can leave two exports behind. Only a
 * throttled start is retried (the server refused it, so nothing started); any other error ends
 * the wait, and the message says whether an export may have started anyway.
 */
const START_ATTEMPTS = 3;

export type StartResult = { started: StartedExport } | { failure: Failure; message: string };

export async function startExport(what: string, start: (timeLeftMs: number) => Promise<StartedExport>, deadline: number): Promise<StartResult> {
    for (let attempt = 1; ; attempt++) {
        try {
            return { started: await start(Math.max(0, deadline - Date.now())) };
        } catch (error) {
            const failure = toFailure(error);
            const delay = Math.max(failure.retryAfterMs ?? 0, 1000 * attempt);
            if (failure.kind === "throttling" && attempt < START_ATTEMPTS && Date.now() + delay < deadline) {
                await new Promise((resolve) => setTimeout(resolve, delay));
                continue;
            }
            // a timeout or a dropped connection may have reached the server: say so
            const after =
                failure.kind === "transient"
                    ? " The request may have reached the server, so an export may have started anyway; nothing was recorded, and the next run starts another."
                    : "";
            return { failure, message: `could not start the ${what}: ${failure.message}${after}` };
        }
    }
}
