import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigSource, Credentials, CredentialsProvider, Env, LibraryProvider, OpenedSource, adaptLibraryProvider, credentialsLibrary } from "./credentials";

/**
 * Credentials from a profile of the aliyun CLI's configuration file. What this adds over the
 * library's CLIProfileCredentialsProvider, which reads only ~/.aliyun/config.json, once: another
 * file (stack config alicloud:sharedCredentialsFile, ALICLOUD_SHARED_CREDENTIALS_FILE), the
 * profile named in stack config or ALICLOUD_PROFILE, and rotation: the file is read again before
 * each request and the profile rebuilt when its text changed, so an StsToken profile rewritten by
 * `aliyun configure` or a token-refreshing tool is used from the next request on.
 */

export const PROFILE_SOURCE_NAME =
    "aliyun CLI profile: stack config alicloud:profile, else ALIBABA_CLOUD_PROFILE / ALICLOUD_PROFILE, else the file's current profile, " +
    "in alicloud:sharedCredentialsFile / ALICLOUD_SHARED_CREDENTIALS_FILE, else ~/.aliyun/config.json";

interface Selection {
    file: string;
    /** Named in stack config or the environment; otherwise the file's `current`, then "default". */
    profileName?: string;
    /** Whether the file was named explicitly (then a missing file is an error, not a skipped source). */
    explicitFile: boolean;
}

/** One profile as the CLI writes it (snake_case keys). */
type Profile = Record<string, unknown> & { name?: string; mode?: string };

class ProfileFileError extends Error {
    override readonly name = "ProfileFileError";
}

/** The profile source of the chain: skipped when switched off or when no file exists, an error when a named one is missing. */
export async function openProfile(config: ConfigSource, env: Env): Promise<OpenedSource | { skipped: string }> {
    if (env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED?.toLowerCase() === "true") return { skipped: "switched off by ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true" };
    const named = config.get("alicloud:sharedCredentialsFile") || env.ALICLOUD_SHARED_CREDENTIALS_FILE || undefined;
    const home = env.HOME || env.USERPROFILE || os.homedir();
    const selection: Selection = {
        file: named ? expandHome(named, home) : path.join(home, ".aliyun", "config.json"),
        profileName: config.get("alicloud:profile") || env.ALIBABA_CLOUD_PROFILE || env.ALICLOUD_PROFILE || undefined,
        explicitFile: named !== undefined,
    };
    const text = await readIfExists(selection.file);
    if (text === undefined) {
        if (selection.explicitFile) throw new ProfileFileError(`${selection.file} does not exist`);
        return { skipped: `no file ${selection.file}` };
    }
    const provider = new ProfileFileProvider(selection);
    const { name, profile } = provider.select(text);
    return { provider, label: `profile "${name}" (mode ${String(profile.mode ?? "unknown")}) in ${selection.file}` };
}

class ProfileFileProvider implements CredentialsProvider {
    private loaded?: { text: string; provider: CredentialsProvider };

    constructor(private readonly selection: Selection) {}

    async getCredentials(): Promise<Credentials> {
        const text = await readIfExists(this.selection.file);
        if (text === undefined) throw new ProfileFileError(`${this.selection.file} no longer exists`);
        if (this.loaded?.text !== text) {
            // a changed file is a new profile; an unchanged one keeps its provider and so its STS session
            const { name, profiles } = this.select(text);
            this.loaded = { text, provider: adaptLibraryProvider(this.build(name, profiles)) };
        }
        return this.loaded.provider.getCredentials();
    }

    /** The selected profile, checked; throws ProfileFileError with what is wrong, never quoting the file. */
    select(text: string): { name: string; profile: Profile; profiles: Profile[] } {
        let parsed: { current?: unknown; profiles?: unknown };
        try {
            parsed = JSON.parse(text);
        } catch {
            throw new ProfileFileError(`${this.selection.file} is not valid JSON`);
        }
        const profiles = (Array.isArray(parsed?.profiles) ? parsed.profiles : []) as Profile[];
        const name = this.selection.profileName ?? (typeof parsed.current === "string" ? parsed.current : undefined) ?? "default";
        const profile = profiles.find((p) => p?.name === name);
        if (!profile) {
            const known = profiles.map((p) => `"${p?.name}"`).join(", ") || "none";
            throw new ProfileFileError(`no profile "${name}" in ${this.selection.file} (profiles: ${known})`);
        }
        return { name, profile, profiles };
    }

    /**
     * The library's provider for a profile, built through its public builders. Modes that only the
     * library's own CLI-profile reader understands (CloudSSO, OAuth, External: they write tokens
     * back to the CLI's file) are read by it, from its file: ~/.aliyun/config.json.
     */
    private build(name: string, profiles: Profile[], depth = 0): LibraryProvider {
        const lib = credentialsLibrary();
        const p = profiles.find((candidate) => candidate?.name === name);
        if (!p) throw new ProfileFileError(`no profile "${name}" in ${this.selection.file}`);
        const text = (key: string) => (typeof p[key] === "string" && p[key] !== "" ? (p[key] as string) : undefined);
        const number = (key: string) => (typeof p[key] === "number" && (p[key] as number) > 0 ? (p[key] as number) : undefined);
        const ak = () =>
            lib.StaticAKCredentialsProvider.builder().withAccessKeyId(text("access_key_id")!).withAccessKeySecret(text("access_key_secret")!).build();
        const assumeRole = (from: LibraryProvider) => {
            const builder = lib.RAMRoleARNCredentialsProvider.builder().withCredentialsProvider(from).withRoleArn(text("ram_role_arn")!);
            if (text("ram_session_name")) builder.withRoleSessionName(text("ram_session_name")!);
            if (number("expired_seconds")) builder.withDurationSeconds(number("expired_seconds")!);
            if (text("sts_region")) builder.withStsRegionId(text("sts_region")!);
            return builder.build();
        };
        switch (p.mode) {
            case "AK":
                return ak();
            case "StsToken":
                return lib.StaticSTSCredentialsProvider.builder()
                    .withAccessKeyId(text("access_key_id")!)
                    .withAccessKeySecret(text("access_key_secret")!)
                    .withSecurityToken(text("sts_token")!)
                    .build();
            case "RamRoleArn":
                return assumeRole(ak());
            case "ChainableRamRoleArn":
                if (depth > 5 || !text("source_profile")) throw new ProfileFileError(`profile "${name}" has no usable source_profile`);
                return assumeRole(this.build(text("source_profile")!, profiles, depth + 1));
            case "EcsRamRole":
                return lib.ECSRAMRoleCredentialsProvider.builder().withRoleName(text("ram_role_name")!).build();
            case "OIDC": {
                const builder = lib.OIDCRoleArnCredentialsProvider.builder()
                    .withRoleArn(text("ram_role_arn")!)
                    .withOIDCProviderArn(text("oidc_provider_arn")!)
                    .withOIDCTokenFilePath(text("oidc_token_file")!);
                if (text("ram_session_name")) builder.withRoleSessionName(text("ram_session_name")!);
                if (text("sts_region")) builder.withStsRegionId(text("sts_region")!);
                return builder.build();
            }
            default:
                if (this.selection.file !== path.join(os.homedir(), ".aliyun", "config.json")) {
                    throw new ProfileFileError(
                        `profile "${name}" has mode ${String(p.mode)}, which is read only from the aliyun CLI's own ~/.aliyun/config.json`,
                    );
                }
                return lib.CLIProfileCredentialsProvider.builder().withProfileName(name).build();
        }
    }
}

async function readIfExists(file: string): Promise<string | undefined> {
    try {
        return await fs.readFile(file, "utf8");
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw new ProfileFileError(`${file} could not be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
    }
}

function expandHome(file: string, home: string): string {
    return file === "~" || file.startsWith("~/") ? path.join(home, file.slice(1)) : path.resolve(file);
}
