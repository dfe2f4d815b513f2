/** Call counters: every RPC call by Action, answered or refused, plus refusals by error code. */

export interface SimStats {
  /** Calls per Action parameter ("(none)" when a request had no Action). */
  calls: Record<string, number>;
  /** Error answers per error Code (including authentication failures and injected faults). */
  errors: Record<string, number>;
  total: number;
}

export class CallStats {
  private calls = new Map<string, number>();
  private errors = new Map<string, number>();
  private total = 0;

  recordCall(action: string): void {
    const key = action === "" ? "(none)" : action;
    this.calls.set(key, (this.calls.get(key) ?? 0) + 1);
    this.total++;
  }

  recordError(code: string): void {
    this.errors.set(code, (this.errors.get(code) ?? 0) + 1);
  }

  snapshot(): SimStats {
    return { calls: Object.fromEntries(this.calls), errors: Object.fromEntries(this.errors), total: this.total };
  }

  reset(): void {
    this.calls = new Map();
    this.errors = new Map();
    this.total = 0;
  }
}
