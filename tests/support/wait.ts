/**
 * Waiting for something a test can observe (a call the simulator answered, a line a process
 * printed) instead of waiting for time to pass. The time limits here guard against a hang: they
 * never decide whether a working product passes.
 */

/** How long a test waits for something that must happen before it fails with a clear message. */
export const HANG_GUARD_MS = 30_000;

/**
 * The same under the real Pulumi CLI, where what is awaited comes after the CLI, a language host, the
 * program and a provider host have started: on a loaded 2-core machine that took over 30 s.
 */
export const E2E_HANG_GUARD_MS = 180_000;

/** Resolves once `condition()` holds, checking every 10 ms; rejects after `timeoutMs`, saying what did not happen. */
export function until(condition: () => boolean, what: string, timeoutMs = HANG_GUARD_MS): Promise<void> {
    return new Promise((resolve, reject) => {
        const started = Date.now();
        const check = () => {
            let holds: boolean;
            try {
                holds = condition();
            } catch (error) {
                reject(error);
                return;
            }
            if (holds) resolve();
            else if (Date.now() - started > timeoutMs) reject(new Error(`${what}: did not happen within ${timeoutMs / 1000} s`));
            else setTimeout(check, 10);
        };
        check();
    });
}

/** Real time passing: only where the product compares with the real clock (a download URL's expiry). */
export function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}
