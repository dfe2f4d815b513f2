import { ChainOptions, resolveCredentials } from "../client/credentialChain";
import { ConfigSource, Credentials, Env, ResolvedCredentials } from "../client/credentials";
import { redact as redactWith } from "../client/redact";
import { Poller } from "../engine/poller";
import type { ServiceContext } from "../services/context";

/**
 * The process's settings and its one poller. This module is loaded once per process (the
 * serialized provider requires the lifecycle, which requires this, at call time; the CLI imports
 * it once), so everything here is shared by every wait the process runs: the settings read in
 * `configure`, and one poller.
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

/** Bounded: a long-lived process sees a new STS secret at every refresh; the newest ones are what matter. */
const MAX_REMEMBERED_SECRETS = 64;

let current: ProviderSettings | undefined;
let sharedPoller = new Poller();

/** The process's one poller: every wait of every resource this process serves goes through it. */
export function poller(): Poller {
    return sharedPoller;
}

/** Replaces the shared poller, e.g. with one on a compressed clock for a benchmark. */
export function usePoller(replacement: Poller): void {
    sharedPoller = replacement;
}

const emptyConfig: ConfigSource = { get: () => undefined };

/** Reads credentials, region and endpoint from the stack config (as the host hands it over) and the environment. */
export function configureProvider(
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
    const remember = (found: Credentials) => {
        for (const value of [found.accessKeySecret, found.securityToken]) {
            if (!value || secrets.includes(value)) continue;
            secrets.push(value);
            if (secrets.length > configured + MAX_REMEMBERED_SECRETS) secrets.splice(configured, 1);
        }
    };
    current = {
        config: safeConfig,
        env,
        endpointOverride: safeConfig.get(ENDPOINT_CONFIG_KEY) ?? (env[ENDPOINT_ENV] || undefined),
        defaultRegion: safeConfig.get("alicloud:region") ?? (env.ALIBABA_CLOUD_REGION_ID || undefined) ?? (env.ALICLOUD_REGION || undefined),
        credentials: resolveCredentials(safeConfig, env, { ...chain, onCredentials: remember }),
        secrets,
    };
    return current;
}

export function providerSettings(): ProviderSettings {
    return current ?? configureProvider();
}

/** Where a wait's API calls go and as whom: the one way every plan builds its service context. */
export function serviceContext(region: string): ServiceContext {
    const settings = providerSettings();
    return { region, credentials: settings.credentials, endpointOverride: settings.endpointOverride };
}

/** Scrubs every known secret in any encoding, credential parameters and every URL's query from a text. */
export function redact(text: string): string {
    return redactWith(text, providerSettings().secrets);
}
