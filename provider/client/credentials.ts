import { ApiError } from "./errors";

/**
 * Credentials are read where the provider is configured, never from resource inputs (which the
 * state file stores). The first complete source wins: the static sources here, then Alibaba
 * Cloud's standard chain (credentialChain.ts), resolved at the first API call.
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

interface StaticSource {
    name: string;
    read(config: ConfigSource, env: Env): Partial<Credentials>;
}

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

export interface ResolvedCredentials {
    provider: CredentialsProvider;
    /** Which source supplied them: safe to print, it names no value. */
    source: string;
    /**
     * Tells accounts apart for batching and rate limits (never the secret): the AccessKeyId of a
     * static source; for the chain, whose key is known only later and rotates, a fixed label.
     */
    accessKeyId: string;
}

const CREDENTIALS_API = "Alibaba Cloud credentials";

/**
 * No source had credentials. An ApiError of kind "permanent" so that the client passes it through
 * unchanged and a wait stops at once instead of retrying until its deadline.
 */
export class MissingCredentialsError extends ApiError {
    constructor(tried: readonly string[], extra = "") {
        const text =
            "No Alibaba Cloud credentials found. Set one of these (checked in this order):\n" +
            tried.map((s, i) => `  ${i + 1}. ${s}`).join("\n") +
            (extra ? `\n${extra}` : "") +
            "\nFor example: pulumi config set alicloud:accessKey <id> && pulumi config set --secret alicloud:secretKey <secret>";
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

/** The first source with both a key id and a secret; undefined when none has. */
export function resolveStaticCredentials(config: ConfigSource, env: Env): ResolvedCredentials | undefined {
    for (const source of STATIC_SOURCES) {
        const found = source.read(config, env);
        if (found.accessKeyId && found.accessKeySecret) {
            const credentials: Credentials = {
                accessKeyId: found.accessKeyId,
                accessKeySecret: found.accessKeySecret,
                ...(found.securityToken ? { securityToken: found.securityToken } : {}),
            };
            return {
                provider: { getCredentials: async () => credentials },
                source: source.name,
                accessKeyId: credentials.accessKeyId,
            };
        }
    }
    return undefined;
}

/**
 * Removes every occurrence of the given secret values from a text: the last line of defence for
 * messages and log lines that quote something a server or library said.
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
    let result = text;
    for (const secret of secrets) {
        if (secret && secret.length >= 4) result = result.split(secret).join("***");
        if (secret && secret.length >= 4) result = result.split(encodeURIComponent(secret)).join("***");
    }
    return result;
}

const URL_WITH_QUERY = /\bhttps?:\/\/[^\s"'<>()?#]+[?#][^\s"'<>()]*/gi;

/**
 * Drops the query of every URL in a text: a query in a message that quotes a server is more
 * likely a credential (a pre-signed link's Signature and security-token) than anything useful.
 * The result has no URL with a query left, so applying it twice changes nothing.
 */
export function stripUrlQueries(text: string): string {
    return text.replace(URL_WITH_QUERY, (url) => `${url.replace(/[?#].*$/, "")} (query removed)`);
}
