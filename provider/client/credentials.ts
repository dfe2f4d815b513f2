import type * as Library from "@alicloud/credentials";
import { ApiError } from "./errors";

/**
 * Credentials are read where the provider is configured, never from resource inputs (which the
 * state file stores). The first complete source wins: the static sources here (stack config, then
 * the two families of environment variables), then Alibaba Cloud's standard chain
 * (credentialChain.ts), resolved at the first API call.
 */
export interface Credentials {
    accessKeyId: string;
    accessKeySecret: string;
    securityToken?: string;
}

/** The interface pop-core 1.8 calls before each request, so rotated STS credentials are picked up. */
export interface CredentialsProvider {
    getCredentials(): Promise<Credentials>;
}

export interface ConfigSource {
    get(key: string): string | undefined;
}

export type Env = Readonly<Record<string, string | undefined>>;

export interface ResolvedCredentials {
    provider: CredentialsProvider;
    /** Which source supplied them: safe to print, it names no value. */
    source: string;
    /**
     * What batching and rate limits tell accounts apart by, never a secret: a static source's
     * AccessKeyId; for the chain, whose key is known only later and rotates, one label (a provider
     * process has one chain, so one account).
     */
    account: string;
}

export interface ChainSource {
    /** How to select the source: listed, in order, in the error when no source applies. */
    readonly name: string;
    /** A provider and a label naming what was chosen (no secret), or why the source does not apply. */
    open(config: ConfigSource, env: Env): Promise<OpenedSource | { skipped: string }>;
}

export interface OpenedSource {
    provider: CredentialsProvider;
    label: string;
    /** The library's own provider, when there is one (tests replace its transport, `doRequest`). */
    library?: LibraryProvider;
}

/** A provider of the library: it refreshes session credentials itself before they expire. */
export type LibraryProvider = Library.CredentialsProvider;

interface StaticSource {
    name: string;
    read(config: ConfigSource, env: Env): Partial<Credentials>;
}

/** The Pulumi config keys that @pulumi/alicloud users already set, then the environment, then its ALICLOUD_* aliases. */
const STATIC_SOURCES: StaticSource[] = [
    {
        name: "stack config alicloud:accessKey / alicloud:secretKey / alicloud:securityToken",
        read: (config) => ({
            accessKeyId: config.get("alicloud:accessKey"),
            accessKeySecret: config.get("alicloud:secretKey"),
            securityToken: config.get("alicloud:securityToken"),
        }),
    },
    {
        name: "environment ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET / ALIBABA_CLOUD_SECURITY_TOKEN",
        read: (_config, env) => ({
            accessKeyId: env.ALIBABA_CLOUD_ACCESS_KEY_ID,
            accessKeySecret: env.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
            securityToken: env.ALIBABA_CLOUD_SECURITY_TOKEN,
        }),
    },
    {
        name: "environment ALICLOUD_ACCESS_KEY / ALICLOUD_SECRET_KEY / ALICLOUD_SECURITY_TOKEN",
        read: (_config, env) => ({
            accessKeyId: env.ALICLOUD_ACCESS_KEY,
            accessKeySecret: env.ALICLOUD_SECRET_KEY,
            securityToken: env.ALICLOUD_SECURITY_TOKEN,
        }),
    },
];

export const STATIC_CREDENTIAL_SOURCES: readonly string[] = STATIC_SOURCES.map((s) => s.name);

/** Each static source with why it was passed over: unset, or half set (which half; never a value). */
export function staticSourceReasons(config: ConfigSource, env: Env): string[] {
    return STATIC_SOURCES.map((source) => {
        const found = source.read(config, env);
        if (!found.accessKeyId && !found.accessKeySecret) return `${source.name} (not set)`;
        return `${source.name} (incomplete: the ${found.accessKeyId ? "secret" : "key id"} is missing)`;
    });
}

/** The first static source with both a key id and a secret; undefined when none has. */
export function resolveStaticCredentials(config: ConfigSource, env: Env): ResolvedCredentials | undefined {
    for (const source of STATIC_SOURCES) {
        const found = source.read(config, env);
        if (!found.accessKeyId || !found.accessKeySecret) continue;
        const credentials: Credentials = {
            accessKeyId: found.accessKeyId,
            accessKeySecret: found.accessKeySecret,
            ...(found.securityToken ? { securityToken: found.securityToken } : {}),
        };
        return { provider: { getCredentials: async () => credentials }, source: source.name, account: credentials.accessKeyId };
    }
    return undefined;
}

const CREDENTIALS_API = "Alibaba Cloud credentials";

/**
 * No source had credentials. An ApiError of kind "permanent" so that the client passes it through
 * unchanged and a wait stops at once instead of retrying until its deadline. `hint`, the last line,
 * says how to set credentials where the caller runs (stack config for a provider, the environment for the CLI).
 */
export class MissingCredentialsError extends ApiError {
    constructor(tried: readonly string[], hint: string) {
        const text =
            "No Alibaba Cloud credentials found. Set one of these (checked in this order):\n" +
            tried.map((s, i) => `  ${i + 1}. ${s}`).join("\n") +
            `\n${hint}`;
        super("permanent", CREDENTIALS_API, "MissingCredentials", text);
        this.message = text;
    }
}

/** A configured source that could not deliver (unreadable profile, STS refused, URI down): permanent, as above. */
export class CredentialsSourceError extends ApiError {
    constructor(source: string, detail: string) {
        const text = `Alibaba Cloud credentials from ${source} could not be obtained: ${detail}`;
        super("permanent", CREDENTIALS_API, "CredentialsUnavailable", text);
        this.message = text;
    }
}

/** Loaded at the first API call that needs the chain, never by configure, check or preview. */
export function credentialsLibrary(): typeof Library {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily, see above
    return require("@alicloud/credentials") as typeof Library;
}

/** Adapts a library provider to the interface pop-core calls before each request. */
export function adaptLibraryProvider(provider: LibraryProvider): CredentialsProvider {
    return {
        getCredentials: async (): Promise<Credentials> => {
            const found = await provider.getCredentials();
            if (!found.accessKeyId || !found.accessKeySecret) throw new Error(`${provider.getProviderName()} returned no key pair`);
            return {
                accessKeyId: found.accessKeyId,
                accessKeySecret: found.accessKeySecret,
                ...(found.securityToken ? { securityToken: found.securityToken } : {}),
            };
        },
    };
}
