import { CREDENTIAL_SOURCES, resolveCredentials } from "../client/credentialChain";
import { ConfigSource, Credentials, Env, MissingCredentialsError, ResolvedCredentials, redactSecrets, stripUrlQueries } from "../client/credentials";
import { Poller } from "../engine/poller";

/**
 * The provider process's state. This module is loaded once per provider process (the serialized
 * provider requires it at call time), so everything here is shared by every resource the
 * process serves: the settings read in `configure`, and one poller.
 */
export interface ProviderSettings {
    config: ConfigSource;
    env: Env;
    endpointOverride?: string;
    defaultRegion?: string;
    /**
     * A static source found at configure time, or the standard chain, which is resolved at the first
     * API call (and raises the missing-credentials error there, listing every source).
     */
    credentials?: ResolvedCredentials;
    /** Secret values to scrub from anything printed or thrown. */
    secrets: string[];
}

export const ENDPOINT_CONFIG_KEY = "alicloud-tasks:endpoint";
export const ENDPOINT_ENV = "ALICLOUD_TASKS_ENDPOINT";
export const REGION_SOURCES = [
    "the resource's `region` input",
    "stack config alicloud:region",
    "environment ALIBABA_CLOUD_REGION_ID",
    "environment ALICLOUD_REGION",
];

let current: ProviderSettings | undefined;

let sharedPoller = new Poller();

/** The process's one poller: every wait of every resource this process serves goes through it. */
export function poller(): Poller {
    return sharedPoller;
}

/** Replaces the shared poller, e.g. with one on a compressed clock for a benchmark. Not for providers. */
export function usePoller(replacement: Poller): void {
    sharedPoller = replacement;
}

const emptyConfig: ConfigSource = { get: () => undefined };

/** Reads credentials, region and endpoint from the stack config (as the host hands it over) and the environment. */
export function configureProvider(config: ConfigSource = emptyConfig, env: Env = process.env): ProviderSettings {
    const safeConfig: ConfigSource = {
        get: (key) => {
            try {
                const value = config.get(key);
                return value === undefined || value === "" ? undefined : String(value);
            } catch {
                return undefined; // the host's Config throws when configure was never called
            }
        },
    };
    const secretValues = [
        safeConfig.get("alicloud:secretKey"),
        safeConfig.get("alicloud:securityToken"),
        env.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
        env.ALIBABA_CLOUD_SECURITY_TOKEN,
        env.ALICLOUD_SECRET_KEY,
        env.ALICLOUD_SECURITY_TOKEN,
    ].filter((s): s is string => typeof s === "string" && s.length > 0);
    // chain credentials arrive later (and rotate): their secrets join the list to scrub as they come
    const configured = secretValues.length;
    const credentials = resolveCredentials(safeConfig, env, { onCredentials: (found) => rememberSecrets(secretValues, configured, found) });
    current = {
        config: safeConfig,
        env,
        endpointOverride: safeConfig.get(ENDPOINT_CONFIG_KEY) ?? (env[ENDPOINT_ENV] || undefined),
        defaultRegion: safeConfig.get("alicloud:region") ?? (env.ALIBABA_CLOUD_REGION_ID || undefined) ?? (env.ALICLOUD_REGION || undefined),
        credentials,
        secrets: secretValues,
    };
    return current;
}

export function providerSettings(): ProviderSettings {
    return current ?? configureProvider();
}

/** Bounded: a long-lived process sees a new STS secret at every refresh; the newest ones are what matter. */
const MAX_REMEMBERED_SECRETS = 64;

/** Adds the secret and token after the `keep` configured values, dropping the oldest remembered ones. */
function rememberSecrets(secrets: string[], keep: number, credentials: Credentials): void {
    for (const value of [credentials.accessKeySecret, credentials.securityToken]) {
        if (!value || secrets.includes(value)) continue;
        secrets.push(value);
        if (secrets.length > keep + MAX_REMEMBERED_SECRETS) secrets.splice(keep, 1);
    }
}

export function requireCredentials(): ResolvedCredentials {
    const settings = providerSettings();
    if (!settings.credentials) throw new MissingCredentialsError(CREDENTIAL_SOURCES);
    return settings.credentials;
}

/** Scrubs every known secret, and every URL's query, from a text before it is printed or thrown. */
export function redact(text: string): string {
    return stripUrlQueries(redactSecrets(text, providerSettings().secrets));
}
