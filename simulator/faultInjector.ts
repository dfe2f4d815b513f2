/**
 * Fault injection: the rules installed in a simulator, and the pipeline layer (first in the
 * chain, before authentication, as a gateway would sit) that applies them. Every rule counts the
 * calls it matches (so nth: [2] is the second call of its service/action, whatever other rules
 * did). Rules are checked in the order they were added: latency faults add up and the check
 * goes on; the first other rule that fires decides the answer, and later ones do not fire.
 */
import type { SimClock } from "./clock";
import { applyFault, waitUnlessAborted } from "./faultApply";
import { ActiveFaultRule, type FaultDecision, type FaultRuleView } from "./faultRule";
import { parseFaultRules } from "./faultParse";
import { checkBudget, jsonBytes, type Budget } from "./limits";
import type { FaultRuleSpec } from "./faultSpec";
import type { RpcCall, RpcLayer, RpcNext, RpcOutcome } from "./pipeline";
import type { CallStats } from "./stats";
import type { TaskStore } from "./tasks";

/** The in-process face of fault injection (Simulator.faults); POST/GET/DELETE /__sim/faults use the same. */
export interface FaultController {
    /**
     * Validates and installs rules (all or none). Throws InvalidFaultRuleError, or LimitError past
     * MAX_FAULT_RULES, MAX_FAULT_RULE_BYTES or MAX_FAULT_RULES_BYTES.
     */
    add(rule: FaultRuleSpec): FaultRuleView;
    add(rules: readonly FaultRuleSpec[]): FaultRuleView[];
    list(): FaultRuleView[];
    /** Removes one rule by id; false when there is none. */
    remove(id: string): boolean;
    /** Removes every rule; returns how many there were. */
    clear(): number;
}

export interface FaultInjectorDependencies {
    clock: SimClock;
    tasks: TaskStore;
    stats: CallStats;
    /** Real time for rate limits (a gateway counts real seconds). */
    realNow?: () => number;
}

/**
 * How many rules may be installed, how large one may be and how much they take in all (JSON
 * bytes): every call is checked against every rule, and a mutate rule's values are kept.
 */
export const MAX_FAULT_RULES = 1000;
export const MAX_FAULT_RULE_BYTES = 64 * 1024;
export const MAX_FAULT_RULES_BYTES = 4 * 1024 * 1024;
const BUDGET: Budget = {
    what: "fault rule",
    maxItems: MAX_FAULT_RULES,
    maxItemBytes: MAX_FAULT_RULE_BYTES,
    maxBytes: MAX_FAULT_RULES_BYTES,
    remove: "remove some first (DELETE /__sim/faults/<id>, DELETE /__sim/faults)",
};

export class FaultInjector implements FaultController {
    private rules: ActiveFaultRule[] = [];
    /** Each installed rule's JSON bytes, by id. */
    private readonly sizes = new Map<string, number>();
    private nextNumber = 1;
    readonly layer: RpcLayer = (call, next) => this.inject(call, next);

    constructor(private readonly deps: FaultInjectorDependencies) {}

    add(rule: FaultRuleSpec): FaultRuleView;
    add(rules: readonly FaultRuleSpec[]): FaultRuleView[];
    add(input: FaultRuleSpec | readonly FaultRuleSpec[]): FaultRuleView | FaultRuleView[] {
        return this.install(input);
    }

    /** add() for untrusted JSON: one rule, or a list (installed all or none). Throws InvalidFaultRuleError. */
    install(input: unknown): FaultRuleView | FaultRuleView[] {
        const many = Array.isArray(input);
        const specs: unknown[] = many ? input : [input];
        const ids = specs.map((_, i) => `fault-${this.nextNumber + i}`);
        const parsed = parseFaultRules(specs, ids, many, new Set(this.rules.map((r) => r.rule.id)));
        const sizes = parsed.map((rule) => jsonBytes(rule));
        const keptBytes = [...this.sizes.values()].reduce((sum, size) => sum + size, 0);
        checkBudget(BUDGET, { count: this.rules.length, bytes: keptBytes }, sizes, many ? (i) => `[${i}]` : undefined);
        parsed.forEach((rule, i) => this.sizes.set(rule.id, sizes[i]));
        this.nextNumber += specs.length;
        const now = this.deps.clock.now();
        const added = parsed.map((rule) => new ActiveFaultRule(rule, now));
        this.rules.push(...added);
        const views = added.map((r) => r.view());
        return many ? views : views[0];
    }

    list(): FaultRuleView[] {
        return this.rules.map((r) => r.view());
    }

    remove(id: string): boolean {
        const before = this.rules.length;
        this.rules = this.rules.filter((r) => r.rule.id !== id);
        this.sizes.delete(id);
        return this.rules.length < before;
    }

    clear(): number {
        const count = this.rules.length;
        this.rules = [];
        this.sizes.clear();
        return count;
    }

    private async inject(call: RpcCall, next: RpcNext): Promise<RpcOutcome> {
        if (this.rules.length === 0) return next();
        const simNow = this.deps.clock.now();
        const realNow = (this.deps.realNow ?? Date.now)();
        let delayMs = 0;
        let chosen: FaultDecision | undefined;
        for (const rule of this.rules) {
            if (!rule.appliesTo(call)) continue;
            const decision = rule.decide(call, simNow, realNow, chosen !== undefined);
            if (!decision) continue;
            this.deps.stats.recordFault(decision.statsKind);
            if (decision.fault.kind === "latency") {
                delayMs += decision.fault.ms;
                continue;
            }
            chosen = decision;
        }
        if (delayMs > 0 && !(await waitUnlessAborted(delayMs, call.signal))) return { kind: "reset" };
        return chosen ? applyFault(chosen.fault, call, next, this.deps.tasks) : next();
    }
}
