/**
 * Credentials are read where the provider is configured, never from resource inputs (which the
 * state file stores). The first complete source wins.
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

export const CREDENTIAL_SOURCES: readonly string[] = STATIC_SOURCES.map((s) => s.name);

export interface ResolvedCredentials {
    provider: CredentialsProvider;
    /** Which source supplied them: safe to print, it names no value. */
    source: string;
    /** The AccessKeyId, to tell accounts apart for batching and rate limits (never the secret). */
    accessKeyId: string;
}

export class MissingCredentialsError extends Error {
    override readonly name = "MissingCredentialsError";
    readonly kind = "permanent" as const;
    readonly code = "MissingCredentials";
    constructor(tried: readonly string[], extra = "") {
        super(
            "No Alibaba Cloud credentials found. Set one of these (checked in this order):\n" +
                tried.map((s, i) => `  ${i + 1}. ${s}`).join("\n") +
                (extra ? `\n${extra}` : "") +
                "\nFor example: pulumi config set alicloud:accessKey <id> && pulumi config set --secret alicloud:secretKey <secret>",
        );
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
