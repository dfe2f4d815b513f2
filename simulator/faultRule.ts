/**
 * One installed fault rule: whether a call is the rule's business, whether the rule fires on it
 * (its schedule, rate, count and, for rate limits, the allowance), and its counters.
 */
import type { FaultKind, FaultRule, FaultSpec } from "./faultSpec";
import type { RpcCall } from "./pipeline";
import { seededRandom } from "./random";
import { RateLimiter } from "./rateLimit";

/** A rule and what it has done so far, as GET /__sim/faults shows it. */
export interface FaultRuleView extends FaultRule {
    /** Calls the rule matched (its service/action filter), whether or not it fired. */
    matched: number;
    /** Times it fired. */
    injected: number;
    /** True once count is used up. */
    exhausted: boolean;
}

/** What a rule decided for a call: the fault, and the kind it is counted under in stats. */
export interface FaultDecision {
    fault: FaultSpec;
    statsKind: FaultKind | "rateLimit";
}

export class ActiveFaultRule {
    private matched = 0;
    private injected = 0;
    private readonly random: () => number;
    private readonly limiter: RateLimiter | undefined;

    constructor(
        readonly rule: FaultRule,
        /** When the rule was added, on the simulator clock (windows count from here). */
        private readonly addedAt: number,
    ) {
        this.random = seededRandom(rule.seed);
        this.limiter = rule.rateLimit && new RateLimiter(rule.rateLimit.perSecond);
    }

    appliesTo(call: Pick<RpcCall, "service" | "action">): boolean {
        const { service, action } = this.rule;
        return (service === undefined || service.includes(call.service)) && (action === undefined || action.includes(call.action));
    }

    /**
     * For a call the rule applies to: the fault to inject now, or undefined. A call an earlier
     * rule already answers (preempted) still counts, and still draws from the rate's random source,
     * so that a rule's schedule does not depend on the other rules; it just does not fire.
     */
    decide(call: Pick<RpcCall, "service" | "action">, simNow: number, realNow: number, preempted: boolean): FaultDecision | undefined {
        this.matched++;
        if (!this.scheduled(simNow) || preempted) return undefined;
        let decision: FaultDecision;
        const limit = this.rule.rateLimit;
        if (limit && this.limiter) {
            const waitMs = this.limiter.admit(`${call.service}\u0000${call.action}`, realNow);
            if (waitMs === undefined) return undefined;
            const fault: FaultSpec = { kind: "throttle", code: limit.code, status: limit.status, retryAfterMs: limit.retryAfter ? waitMs : undefined };
            decision = { fault, statsKind: "rateLimit" };
        } else if (this.rule.fault) {
            decision = { fault: this.rule.fault, statsKind: this.rule.fault.kind };
        } else {
            return undefined;
        }
        this.injected++;
        return decision;
    }

    view(): FaultRuleView {
        return { ...structuredClone(this.rule), matched: this.matched, injected: this.injected, exhausted: this.exhausted };
    }

    private get exhausted(): boolean {
        return this.rule.count !== undefined && this.injected >= this.rule.count;
    }

    /** Every condition given must hold; the random draw comes last, so it is made only for eligible calls. */
    private scheduled(simNow: number): boolean {
        const { nth, first, after, window, rate } = this.rule;
        const n = this.matched;
        if (this.exhausted) return false;
        if (nth !== undefined && !nth.includes(n)) return false;
        if (first !== undefined && n > first) return false;
        if (after !== undefined && n <= after) return false;
        if (window !== undefined) {
            const elapsed = simNow - this.addedAt;
            if (window.fromMs !== undefined && elapsed < window.fromMs) return false;
            if (window.toMs !== undefined && elapsed >= window.toMs) return false;
        }
        return rate === undefined || this.random() < rate;
    }
}
