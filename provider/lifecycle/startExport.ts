import { toFailure } from "../engine/result";
import type { StartedExport } from "./exportPlan";

/**
 * Starting an export is not idempotent: a retried start can leave two exports behind. Only a
 * throttled start is retried (the server refused it, so nothing started); any other error ends
 * the create, and says whether an export may have started anyway.
 */
export const START_ATTEMPTS = 3;

export interface StartOptions {
    deadline: number;
    /** Delay before attempt n+1 when the server gives no retry-after. */
    delayMs?: (attempt: number) => number;
    sleep?: (ms: number) => Promise<void>;
    now?: () => number;
}

export class StartExportError extends Error {
    override readonly name = "StartExportError";
    constructor(
        message: string,
        readonly code: string | undefined,
        readonly mayHaveStarted: boolean,
    ) {
        super(message);
    }
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startExport(what: string, start: () => Promise<StartedExport>, options: StartOptions): Promise<StartedExport> {
    const sleep = options.sleep ?? defaultSleep;
    const now = options.now ?? Date.now;
    for (let attempt = 1; ; attempt++) {
        try {
            return await start();
        } catch (error) {
            const failure = toFailure(error);
            const delay = Math.max(failure.retryAfterMs ?? 0, options.delayMs?.(attempt) ?? 1000 * attempt);
            if (failure.kind === "throttling" && attempt < START_ATTEMPTS && now() + delay < options.deadline) {
                await sleep(delay);
                continue;
            }
            // a timeout or a dropped connection may have reached the server: say so
            const mayHaveStarted = failure.kind === "transient";
            const after = mayHaveStarted
                ? " The request may have reached the server, so an export may have started anyway; nothing was recorded, and the next `pulumi up` starts another."
                : "";
            throw new StartExportError(`could not start the ${what}: ${failure.message}${after}`, failure.code, mayHaveStarted);
        }
    }
}
