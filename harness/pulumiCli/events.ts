// The engine events a command writes with --event-log (Pulumi's apitype.EngineEvent, one JSON object a line):
// only the fields the tests read.

export interface StepMetadata {
    /** "create", "update", "same", "replace", "delete", "refresh", "read", ... */
    op: string;
    urn: string;
    type: string;
    diffs?: string[];
    keys?: string[];
    old?: { outputs?: Record<string, unknown>; initErrors?: string[] } | null;
    new?: { inputs?: Record<string, unknown>; outputs?: Record<string, unknown>; initErrors?: string[] } | null;
}

export interface EngineEvent {
    sequence: number;
    timestamp: number;
    diagnosticEvent?: { urn?: string; prefix?: string; message: string; severity: string; ephemeral?: boolean };
    resourcePreEvent?: { metadata: StepMetadata; planning?: boolean };
    resOutputsEvent?: { metadata: StepMetadata; planning?: boolean };
    resOpFailedEvent?: { metadata: StepMetadata; status: number; steps: number };
    summaryEvent?: { resourceChanges: Record<string, number>; isPreview: boolean; result?: string };
    cancelEvent?: Record<string, never>;
}

/** The name part of a URN (its last `::` segment). */
export function nameOf(urn: string): string {
    return urn.slice(urn.lastIndexOf("::") + 2);
}

/** What the engine did (or planned) per resource name: "create", "update", "same"... (the step's op). */
export function stepsByName(events: readonly EngineEvent[]): Record<string, string> {
    const steps: Record<string, string> = {};
    for (const e of events) {
        const m = e.resourcePreEvent?.metadata;
        if (m && m.type !== "pulumi:pulumi:Stack" && !m.type.startsWith("pulumi:providers:")) steps[nameOf(m.urn)] = m.op;
    }
    return steps;
}

/** The step metadata of one resource (the last pre-event for it). */
export function stepOf(events: readonly EngineEvent[], name: string): StepMetadata | undefined {
    return events
        .map((e) => e.resourcePreEvent?.metadata)
        .filter((m): m is StepMetadata => m !== undefined && nameOf(m.urn) === name)
        .pop();
}

/** Diagnostic messages, in order, optionally of one severity ("info", "warning", "error", "info#err"). */
export function diagnostics(events: readonly EngineEvent[], severity?: string): string[] {
    return events
        .map((e) => e.diagnosticEvent)
        .filter((d): d is NonNullable<EngineEvent["diagnosticEvent"]> => d !== undefined && (severity === undefined || d.severity === severity))
        .map((d) => d.message);
}

export function summaryOf(events: readonly EngineEvent[]): EngineEvent["summaryEvent"] {
    return events.map((e) => e.summaryEvent).find((s) => s !== undefined);
}
