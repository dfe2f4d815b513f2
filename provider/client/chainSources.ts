import type { ConfigSource, CredentialsProvider, Env } from "./credentials";
import { LibraryProvider, adaptLibraryProvider, credentialsLibrary } from "./libraryProviders";
import { PROFILE_SOURCE_NAME, openProfile, selectProfile } from "./profileFile";

/**
 * The sources of Alibaba Cloud's standard chain that come after the static ones, in the order
 * they are tried. A source applies only when it is configured: deciding that reads environment
 * variables and stack config, and at most a local file, never the network. In particular the ECS
 * metadata service (100.100.100.200) is asked only when a RAM role name is configured: the
 * library's own default chain probes it whenever nothing else matched, which costs seconds off
 * ECS and sends traffic where none is wanted.
 */
export interface ChainSource {
    /** How to select the source: listed, in order, in the error when no source applies. */
    readonly name: string;
    /** A provider and a label naming what was chosen (no secret), or why the source does not apply. */
    open(config: ConfigSource, env: Env): Promise<OpenedSource | { skipped: string }>;
}

export interface OpenedSource {
    provider: CredentialsProvider;
    label: string;
    /** The library's own provider, when there is one: tests replace its transport (`doRequest`). */
    library?: LibraryProvider;
}

export const profileSource: ChainSource = {
    name: PROFILE_SOURCE_NAME,
    open: async (config, env) => {
        const selection = selectProfile(config, env);
        if (!selection) return { skipped: "switched off by ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true" };
        return openProfile(selection);
    },
};

const OIDC_VARIABLES = ["ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE"] as const;

/** RRSA in ACK and other OIDC setups: the token file is read again at each refresh, as the platform rotates it. */
export const oidcSource: ChainSource = {
    name: `OIDC role (AssumeRoleWithOIDC): ${OIDC_VARIABLES.join(" + ")}`,
    open: async (_config, env) => {
        const missing = OIDC_VARIABLES.filter((v) => !env[v]);
        if (missing.length === OIDC_VARIABLES.length) return { skipped: "not set" };
        if (missing.length > 0) throw new SourceConfigError(`OIDC is half configured: ${missing.join(", ")} not set`);
        const builder = credentialsLibrary()
            .OIDCRoleArnCredentialsProvider.builder()
            .withRoleArn(env.ALIBABA_CLOUD_ROLE_ARN!)
            .withOIDCProviderArn(env.ALIBABA_CLOUD_OIDC_PROVIDER_ARN!)
            .withOIDCTokenFilePath(env.ALIBABA_CLOUD_OIDC_TOKEN_FILE!)
            .withRoleSessionName(env.ALIBABA_CLOUD_ROLE_SESSION_NAME || `pulumi-alicloud-tasks-${Date.now()}`);
        if (env.ALIBABA_CLOUD_STS_REGION) builder.withStsRegionId(env.ALIBABA_CLOUD_STS_REGION);
        if (env.ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED?.toLowerCase() === "true") builder.withEnableVpc(true);
        const library = builder.build() as unknown as LibraryProvider;
        return { provider: adaptLibraryProvider(library), library, label: `OIDC role ${env.ALIBABA_CLOUD_ROLE_ARN}` };
    },
};

/** Only with a role name: without one the library would ask the metadata service which role there is. */
export const ecsRoleSource: ChainSource = {
    name: "ECS RAM role: stack config alicloud:ecsRoleName, else ALIBABA_CLOUD_ECS_METADATA / ALICLOUD_ECS_ROLE_NAME",
    open: async (config, env) => {
        const roleName = config.get("alicloud:ecsRoleName") || env.ALIBABA_CLOUD_ECS_METADATA || env.ALICLOUD_ECS_ROLE_NAME;
        if (!roleName) return { skipped: "no role name set" };
        if (env.ALIBABA_CLOUD_ECS_METADATA_DISABLED?.toLowerCase() === "true") return { skipped: "switched off by ALIBABA_CLOUD_ECS_METADATA_DISABLED=true" };
        const builder = credentialsLibrary().ECSRAMRoleCredentialsProvider.builder().withRoleName(roleName);
        if (env.ALIBABA_CLOUD_IMDSV1_DISABLED?.toLowerCase() === "true") builder.withDisableIMDSv1(true);
        const library = builder.build() as unknown as LibraryProvider;
        return { provider: adaptLibraryProvider(library), library, label: `ECS RAM role "${roleName}" (metadata service)` };
    },
};

/** A local endpoint that hands out STS credentials as JSON (AccessKeyId, AccessKeySecret, SecurityToken, Expiration). */
export const credentialsUriSource: ChainSource = {
    name: "credentials URI: stack config alicloud:credentialsUri, else ALIBABA_CLOUD_CREDENTIALS_URI / ALICLOUD_CREDENTIALS_URI",
    open: async (config, env) => {
        const uri = config.get("alicloud:credentialsUri") || env.ALIBABA_CLOUD_CREDENTIALS_URI || env.ALICLOUD_CREDENTIALS_URI;
        if (!uri) return { skipped: "not set" };
        if (!/^https?:\/\//.test(uri)) throw new SourceConfigError(`the credentials URI ${withoutQuery(uri)} is not an http(s) URL`);
        const library = credentialsLibrary().URICredentialsProvider.builder().withCredentialsURI(uri).build() as unknown as LibraryProvider;
        return { provider: adaptLibraryProvider(library), library, label: `credentials URI ${withoutQuery(uri)}` };
    },
};

/** After the static sources, in this order: an explicit profile first, then what the machine itself provides. */
export const CHAIN_SOURCES: readonly ChainSource[] = [profileSource, oidcSource, ecsRoleSource, credentialsUriSource];

/** A source that is configured, but wrongly: an error, not a reason to try the next source. */
export class SourceConfigError extends Error {
    override readonly name = "SourceConfigError";
}

/** A URL's query can carry a token: print scheme, host and path only. */
export function withoutQuery(url: string): string {
    return url.replace(/[?#].*$/, "");
}
