import { ChainOptions, resolveCredentials } from "../client/credentialChain";
import type { ConfigSource, Credentials, Env, ResolvedCredentials } from "../client/credentials";

/**
 * What the provider reads where it is configured (stack config as the host hands it over, and the
 * environment): credentials, the default region and the endpoint override. Read once by the host's
 * `configure` or by the CLI, and kept in the runtime.
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
    credentials: ResolvedCredentials;
    /** Secret values to scrub from anything printed or thrown; chain credentials join it as they arrive. */
    secrets: string[];
    /** The AccessKeyIds in use (chain ones as they arrive): scrubbed from answers that are recorded (an echoed request). */
    keyIds: string[];
}

export const ENDPOINT_CONFIG_KEY = "alicloud-tasks:endpoint";
export const ENDPOINT_ENV = "ALICLOUD_TASKS_ENDPOINT";
export const REGION_SOURCES = [
    "the resource's `region` input",
    "stack config alicloud:region",
    "environment ALIBABA_CLOUD_REGION_ID",
    "environment ALICLOUD_REGION",
];

/** Bounded: a long-lived process sees a new STS secret at every refresh; the newest ones are what matter. */
const MAX_REMEMBERED_SECRETS = 64;

const emptyConfig: ConfigSource = { get: () => undefined };

/** Where waits go unless their inputs say otherwise: the endpoint override and the default region, from config or environment. */
export function placement(config: ConfigSource, env: Env = process.env): Pick<ProviderSettings, "defaultRegion" | "endpointOverride"> {
    const get = (key: string) => config.get(key) || undefined;
    return {
        endpointOverride: get(ENDPOINT_CONFIG_KEY) ?? (env[ENDPOINT_ENV] || undefined),
        defaultRegion: get("alicloud:region") ?? (env.ALIBABA_CLOUD_REGION_ID || undefined) ?? (env.ALICLOUD_REGION || undefined),
    };
}

export function readSettings(
    config: ConfigSource = emptyConfig,
    env: Env = process.env,
    chain: Pick<ChainOptions, "hint" | "stackConfig"> = {},
): ProviderSettings {
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
    const secrets = [
        safeConfig.get("alicloud:secretKey"),
        safeConfig.get("alicloud:securityToken"),
        env.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
        env.ALIBABA_CLOUD_SECURITY_TOKEN,
        env.ALICLOUD_SECRET_KEY,
        env.ALICLOUD_SECURITY_TOKEN,
    ].filter((s): s is string => typeof s === "string" && s.length > 0);
    // chain credentials arrive later (and rotate): their secrets join the list to scrub as they come
    const configured = secrets.length;
    const keyIds = [safeConfig.get("alicloud:accessKey"), env.ALIBABA_CLOUD_ACCESS_KEY_ID, env.ALICLOUD_ACCESS_KEY].filter(
        (s): s is string => typeof s === "string" && s.length > 0,
    );
    const configuredKeyIds = keyIds.length;
    const remember = (found: Credentials) => {
        if (found.accessKeyId && !keyIds.includes(found.accessKeyId)) keyIds.push(found.accessKeyId);
        if (keyIds.length > configuredKeyIds + MAX_REMEMBERED_SECRETS) keyIds.splice(configuredKeyIds, 1);
        for (const value of [found.accessKeySecret, found.securityToken]) {
            if (!value || secrets.includes(value)) continue;
            secrets.push(value);
            if (secrets.length > configured + MAX_REMEMBERED_SECRETS) secrets.splice(configured, 1);
        }
    };
    return {
        config: safeConfig,
        env,
        ...placement(safeConfig, env),
        credentials: resolveCredentials(safeConfig, env, { ...chain, onCredentials: remember }),
        secrets,
        keyIds,
    };
}
