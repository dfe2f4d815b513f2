/**
 * Call counters: every API call by action, answered or refused, refusals by error code, and
 * injected faults by kind. Keys are bounded: an action is counted by name only when the simulator
 * knows it (a built-in API or a script); any other under UNKNOWN_ACTION, whether the request is
 * signed or not, so that made-up names (the API is open to anyone who can reach the port) cannot
 * grow the counters.
 */

/** The key of calls naming an action the simulator neither models nor has a script for. */
export const UNKNOWN_ACTION = "(unknown)";

export interface SimStats {
    /**
     * Calls per known action: RPC Action, ROA action of the route; "(none)" when a request named
     * no action, "(unknown)" when it named one the simulator does not serve.
     */
    calls: Record<string, number>;
    /** Error answers per error Code (including authentication failures and injected faults). */
    errors: Record<string, number>;
    /** Faults injected per kind ("throttle", "reset", ..., "rateLimit" for rate-limit refusals). */
    faults: Record<string, number>;
    total: number;
}

export class CallStats {
    private calls = new Map<string, number>();
    private errors = new Map<string, number>();
    private faults = new Map<string, number>();
    private total = 0;

    recordCall(action: string): void {
        const key = action === "" ? "(none)" : action;
        this.calls.set(key, (this.calls.get(key) ?? 0) + 1);
        this.total++;
    }

    recordError(code: string): void {
        this.errors.set(code, (this.errors.get(code) ?? 0) + 1);
    }

    recordFault(kind: string): void {
        this.faults.set(kind, (this.faults.get(kind) ?? 0) + 1);
    }

    snapshot(): SimStats {
        return {
            calls: Object.fromEntries(this.calls),
            errors: Object.fromEntries(this.errors),
            faults: Object.fromEntries(this.faults),
            total: this.total,
        };
    }

    reset(): void {
        this.calls = new Map();
        this.errors = new Map();
        this.faults = new Map();
        this.total = 0;
    }
}
