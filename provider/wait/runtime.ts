import { ApiClient, popCoreClient } from "../client/call";
import { RateLimiter } from "../client/limiter";
import { redact as redactWith, redactSecrets } from "../client/redact";
import { Poller } from "../engine/poller";
import { ExpressionEvaluator, sandboxedEvaluator } from "../services/expressionSandbox";
import type { ServiceContext } from "../services/context";
import { ListedFacts } from "../services/ecs";
import { LineWriter, writeLine } from "./progress";
import { ProviderSettings, readSettings } from "./settings";

/**
 * Everything a wait shares with the other waits of its process: the settings `configure` read, the
 * one poller (concurrent waits share requests), the rate limiter and the client behind it, what ECS
 * lists showed, the JMESPath evaluator. Built once by the provider host (lifecycle/host.ts) or the CLI and passed down;
 * no module keeps one of its own. Tests build theirs (a fake clock, a stub client).
 */
export interface Runtime {
    readonly settings: ProviderSettings;
    readonly poller: Poller;
    readonly limiter: RateLimiter;
    readonly client: ApiClient;
    readonly ecsListed: ListedFacts;
    /** Ends every wait of the runtime at once, as aborted (the provider plugin on the engine's Cancel). */
    readonly signal?: AbortSignal;
    /** Where progress lines and warnings go: stdout (the dynamic provider, the CLI), or the engine's log (the plugin). */
    readonly writeLine?: LineWriter;
    /** Where JMESPath runs: a worker, within a time and size budget (expressionSandbox.ts). */
    readonly expressions: ExpressionEvaluator;
}

/** The runtime's line writer: its own, else stdout. */
export function linesOf(runtime: Runtime): LineWriter {
    return runtime.writeLine ?? writeLine;
}

export function createRuntime(parts: Partial<Runtime> = {}): Runtime {
    const limiter = parts.limiter ?? new RateLimiter();
    return {
        settings: parts.settings ?? readSettings(),
        poller: parts.poller ?? new Poller(),
        limiter,
        client: parts.client ?? popCoreClient(limiter),
        ecsListed: parts.ecsListed ?? new ListedFacts(),
        signal: parts.signal,
        writeLine: parts.writeLine,
        expressions: parts.expressions ?? sandboxedEvaluator(),
    };
}

/** Where a wait's API calls go and as whom: the one way every definition builds its service context. */
export function serviceContext(runtime: Runtime, region: string): ServiceContext {
    const { credentials, endpointOverride } = runtime.settings;
    return { region, client: runtime.client, credentials, endpointOverride };
}

/** Scrubs every known secret in any encoding, credential parameters and every URL's query from a text. */
export function redact(runtime: Runtime, text: string): string {
    return redactWith(text, runtime.settings.secrets);
}

/** `redact` bound to a runtime: what a progress reporter scrubs its lines with. */
export function redactor(runtime: Runtime): (text: string) => string {
    return (text) => redactWith(text, runtime.settings.secrets);
}

/**
 * A record as it may leave the process (the state, --json): plain JSON (no undefined values, which
 * fail or vanish in the host, no class instances), and no known secret in any string, in any
 * encoding, whatever a server echoed into it. The download URL is a secret output of its own and
 * is kept whole.
 */
export function plainJson<T>(runtime: Runtime, value: T): T {
    const secrets = runtime.settings.secrets;
    return JSON.parse(JSON.stringify(value, (key, v: unknown) => (typeof v === "string" && key !== "downloadUrl" ? redactSecrets(v, secrets) : v))) as T;
}
