import { CHAIN_SOURCES, ChainSource, OpenedSource, withoutQuery } from "./chainSources";
import {
    ConfigSource,
    Credentials,
    CredentialsProvider,
    CredentialsSourceError,
    Env,
    MissingCredentialsError,
    ResolvedCredentials,
    STATIC_CREDENTIAL_SOURCES,
    resolveStaticCredentials,
    staticSourceReasons,
} from "./credentials";
import { ApiError } from "./errors";

/**
 * The whole credentials chain: the static sources (stack config, then the two families of
 * environment variables), resolved when the provider is configured since they cost nothing, then
 * Alibaba Cloud's standard chain (chainSources.ts), resolved at the first API call so that
 * configure, check and preview never wait for it.
 */

/** Every source, in the order tried: what the missing-credentials error lists. */
export const CREDENTIAL_SOURCES: readonly string[] = [...STATIC_CREDENTIAL_SOURCES, ...CHAIN_SOURCES.map((s) => s.name)];

/** What batching and rate limits group chain-resolved calls by: one chain per provider process, so one account. */
export const CHAIN_ACCOUNT_LABEL = "credentials-chain";

export interface ChainOptions {
    sources?: readonly ChainSource[];
    /** Called with each set of credentials handed out, so their secrets can be scrubbed from messages. */
    onCredentials?(credentials: Credentials): void;
}

export function resolveCredentials(config: ConfigSource, env: Env, options: ChainOptions = {}): ResolvedCredentials {
    const found = resolveStaticCredentials(config, env);
    if (found) return found;
    const chain = new CredentialChain(config, env, options);
    return {
        provider: chain,
        get source() {
            return chain.chosenLabel ?? "the credentials chain (resolved at the first API call)";
        },
        accessKeyId: CHAIN_ACCOUNT_LABEL,
    };
}

/**
 * Picks the first configured source once, then asks that source before every request. The chosen
 * source's provider is kept, not its credentials: the library's session providers refresh before
 * expiry, and a profile file is read again, so rotated credentials are used without a restart.
 */
export class CredentialChain implements CredentialsProvider {
    private opened?: Promise<OpenedSource>;
    private chosen?: OpenedSource;

    constructor(
        private readonly config: ConfigSource,
        private readonly env: Env,
        private readonly options: ChainOptions = {},
    ) {}

    get chosenLabel(): string | undefined {
        return this.chosen?.label;
    }

    /** The chosen source, opening the chain if needed (exposed for tests that replace a library transport). */
    async source(): Promise<OpenedSource> {
        // concurrent first calls share one selection; a failed one is tried again next time
        this.opened ??= this.select().catch((error) => {
            this.opened = undefined;
            throw error;
        });
        this.chosen = await this.opened;
        return this.chosen;
    }

    async getCredentials(): Promise<Credentials> {
        const source = await this.source();
        let credentials: Credentials;
        try {
            credentials = await source.provider.getCredentials();
        } catch (error) {
            throw asCredentialsError(source.label, error);
        }
        this.options.onCredentials?.(credentials);
        return credentials;
    }

    private async select(): Promise<OpenedSource> {
        const reasons = staticSourceReasons(this.config, this.env);
        for (const source of this.options.sources ?? CHAIN_SOURCES) {
            let opened: OpenedSource | { skipped: string };
            try {
                opened = await source.open(this.config, this.env);
            } catch (error) {
                throw asCredentialsError(source.name.split(":")[0], error);
            }
            if ("provider" in opened) return opened;
            reasons.push(`${source.name} (${opened.skipped})`);
        }
        throw new MissingCredentialsError(reasons);
    }
}

function asCredentialsError(source: string, error: unknown): ApiError {
    if (error instanceof ApiError) return error;
    return new CredentialsSourceError(source, safeDetail(error));
}

/**
 * What a library error may say without leaking: its messages can embed a response body (which,
 * from a credentials URI, may hold the very secrets) or a URL with a token in its query.
 */
export function safeDetail(error: unknown): string {
    const message = error instanceof Error ? error.message : String(error);
    const stsCode = /"Code"\s*:\s*"([^"]+)"/.exec(message)?.[1];
    const requestId = /"RequestId"\s*:\s*"([^"]+)"/.exec(message)?.[1];
    let detail = message.split(/, message = | result: |, result: |: \{|: </)[0];
    detail = detail.replace(/https?:\/\/\S+/g, (url) => withoutQuery(url));
    if (detail.length > 300) detail = `${detail.slice(0, 300)}...`;
    const extra = [stsCode && `code ${stsCode}`, requestId && `RequestId ${requestId}`].filter(Boolean).join(", ");
    return extra ? `${detail} (${extra})` : detail;
}
