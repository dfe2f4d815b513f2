import { randomUUID } from "crypto";
import {
    ChainSource,
    ConfigSource,
    Credentials,
    CredentialsProvider,
    LibraryProvider,
    adaptLibraryProvider,
    credentialsLibrary,
    CredentialsSourceError,
    Env,
    MissingCredentialsError,
    OpenedSource,
    ResolvedCredentials,
    STATIC_CREDENTIAL_SOURCES,
    resolveStaticCredentials,
    staticSourceReasons,
} from "./credentials";
import { ApiError } from "./errors";
import { PROFILE_SOURCE_NAME, openProfile } from "./profileFile";
import { redactUrl } from "./redact";

/**
 * Alibaba Cloud's standard chain after the static sources, through `@alicloud/credentials`: the
 * library builds every provider and reads its own settings (OIDC session name and STS region, the
 * IMDSv1 switch, ...). What this file adds: the Pulumi config keys and ALICLOUD_* aliases; a source
 * is tried only when it is configured, so the ECS metadata service (100.100.100.200) is never
 * probed without a role name; a configured source that is broken is an error, not a reason to
 * fall through to another account; and the whole chain is resolved at the first API call, so that
 * configure, check and preview never wait for it.
 */

function opened(library: LibraryProvider, label: string): OpenedSource {
    return { provider: adaptLibraryProvider(library), library, label };
}

/** A source that is configured, but wrongly: an error, not a reason to try the next source. */
class SourceConfigError extends Error {
    override readonly name = "SourceConfigError";
}

const profileSource: ChainSource = { name: PROFILE_SOURCE_NAME, open: openProfile };

const OIDC_VARIABLES = ["ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE"] as const;

/** RRSA in ACK and other OIDC setups; the library re-reads the token file at each refresh, as the platform rotates it. */
const oidcSource: ChainSource = {
    name: `OIDC role (AssumeRoleWithOIDC): ${OIDC_VARIABLES.join(" + ")}`,
    open: async (_config, env) => {
        const missing = OIDC_VARIABLES.filter((v) => !env[v]);
        if (missing.length === OIDC_VARIABLES.length) return { skipped: "not set" };
        if (missing.length > 0) throw new SourceConfigError(`OIDC is half configured: ${missing.join(", ")} not set`);
        const library = credentialsLibrary().OIDCRoleArnCredentialsProvider.builder().build();
        return opened(library, `OIDC role ${env.ALIBABA_CLOUD_ROLE_ARN}`);
    },
};

/** Only with a role name: without one the library would ask the metadata service which role there is. */
const ecsRoleSource: ChainSource = {
    name: "ECS RAM role: stack config alicloud:ecsRoleName, else ALIBABA_CLOUD_ECS_METADATA / ALICLOUD_ECS_ROLE_NAME",
    open: async (config, env) => {
        const roleName = config.get("alicloud:ecsRoleName") || env.ALIBABA_CLOUD_ECS_METADATA || env.ALICLOUD_ECS_ROLE_NAME;
        if (!roleName) return { skipped: "no role name set" };
        if (env.ALIBABA_CLOUD_ECS_METADATA_DISABLED?.toLowerCase() === "true") return { skipped: "switched off by ALIBABA_CLOUD_ECS_METADATA_DISABLED=true" };
        const library = credentialsLibrary().ECSRAMRoleCredentialsProvider.builder().withRoleName(roleName).build();
        return opened(library, `ECS RAM role "${roleName}" (metadata service)`);
    },
};

/** A local endpoint that hands out STS credentials as JSON (AccessKeyId, AccessKeySecret, SecurityToken, Expiration). */
const credentialsUriSource: ChainSource = {
    name: "credentials URI: stack config alicloud:credentialsUri, else ALIBABA_CLOUD_CREDENTIALS_URI / ALICLOUD_CREDENTIALS_URI",
    open: async (config, env) => {
        const uri = config.get("alicloud:credentialsUri") || env.ALIBABA_CLOUD_CREDENTIALS_URI || env.ALICLOUD_CREDENTIALS_URI;
        if (!uri) return { skipped: "not set" };
        if (!/^https?:\/\//.test(uri)) throw new SourceConfigError(`the credentials URI ${redactUrl(uri)} is not an http(s) URL`);
        const library = credentialsLibrary().URICredentialsProvider.builder().withCredentialsURI(uri).build();
        return opened(library, `credentials URI ${redactUrl(uri)}`);
    },
};

/** After the static sources, in this order: an explicit profile first, then what the machine itself provides. */
export const CHAIN_SOURCES: readonly ChainSource[] = [profileSource, oidcSource, ecsRoleSource, credentialsUriSource];

/** Every source, in the order tried: what the missing-credentials error lists. */
export const CREDENTIAL_SOURCES: readonly string[] = [...STATIC_CREDENTIAL_SOURCES, ...CHAIN_SOURCES.map((s) => s.name)];

/**
 * What batching and rate limits group chain-resolved calls by: the chain itself. Its key is known
 * only at the first call and rotates, while a batch key is fixed when a wait starts; so each chain
 * (each configuration) is an account of its own, and two configurations in one process never share
 * a call, whichever keys they resolve to.
 */
const CHAIN_ACCOUNT_PREFIX = "credentials-chain:";

/** How a Pulumi user sets credentials; the CLI passes its own hint. */
const STACK_CONFIG_HINT = "For example: pulumi config set alicloud:accessKey <id> && pulumi config set --secret alicloud:secretKey <secret>";

export interface ChainOptions {
    sources?: readonly ChainSource[];
    /** Called with each set of credentials handed out, so their secrets can be scrubbed from messages. */
    onCredentials?(credentials: Credentials): void;
    /** The missing-credentials error's last line: how to set them. */
    hint?: string;
    /** false for a caller that reads no stack configuration (the wait command): the error lists only what it reads. */
    stackConfig?: boolean;
}

/**
 * A source's description without its stack-config part, for callers that read none; undefined for
 * a source that is only stack config.
 */
function withoutStackConfig(description: string): string | undefined {
    if (description.startsWith("stack config ")) return undefined;
    return description.replace(/stack config [\w:]+, else /g, "").replace(/alicloud:\w+ \/ /g, "");
}

/** The static sources when one is complete (they cost nothing); else the chain, opened at the first call. */
export function resolveCredentials(config: ConfigSource, env: Env, options: ChainOptions = {}): ResolvedCredentials {
    const found = resolveStaticCredentials(config, env);
    if (found) return found;
    const chain = new CredentialChain(config, env, options);
    return {
        provider: chain,
        get source() {
            return chain.chosenLabel ?? "the credentials chain (resolved at the first API call)";
        },
        account: `${CHAIN_ACCOUNT_PREFIX}${randomUUID()}`,
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

    /** The chosen source, opening the chain if needed. */
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
            let found: OpenedSource | { skipped: string };
            try {
                found = await source.open(this.config, this.env);
            } catch (error) {
                throw asCredentialsError(source.name.split(":")[0], error);
            }
            if ("provider" in found) return found;
            reasons.push(`${source.name} (${found.skipped})`);
        }
        const listed = this.options.stackConfig === false ? reasons.map(withoutStackConfig).filter((r): r is string => r !== undefined) : reasons;
        throw new MissingCredentialsError(listed, this.options.hint ?? STACK_CONFIG_HINT);
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
    detail = detail.replace(/https?:\/\/\S+/g, (url) => redactUrl(url));
    if (detail.length > 300) detail = `${detail.slice(0, 300)}...`;
    const extra = [stsCode && `code ${stsCode}`, requestId && `RequestId ${requestId}`].filter(Boolean).join(", ");
    return extra ? `${detail} (${extra})` : detail;
}
