import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import type { ConfigSource, Credentials, CredentialsProvider, Env } from "./credentials";
import { LibraryProvider, adaptLibraryProvider, credentialsLibrary } from "./libraryProviders";

/**
 * Credentials from a profile of the aliyun CLI's configuration file (`~/.aliyun/config.json`).
 * Every mode the CLI writes (AK, StsToken, RamRoleArn, EcsRamRole, OIDC, ChainableRamRoleArn,
 * CloudSSO, OAuth, External) is understood by `@alicloud/credentials`; this file adds what the
 * library leaves out: another file path, and rotation. The library reads the file once and keeps
 * the credentials for the life of the process; here the file is read again before each request
 * and the profile rebuilt when its text changed, so an StsToken profile rewritten by
 * `aliyun configure` or a token-refreshing tool is used from the next request on.
 */

export interface ProfileSelection {
    file: string;
    /** Named in stack config or the environment; otherwise the file's `current`, then "default". */
    profileName?: string;
    /** Whether the file was named explicitly (then a missing file is an error, not a skipped source). */
    explicitFile: boolean;
}

export const PROFILE_SOURCE_NAME =
    "aliyun CLI profile: stack config alicloud:profile, else ALIBABA_CLOUD_PROFILE / ALICLOUD_PROFILE, else the file's current profile, " +
    "in alicloud:sharedCredentialsFile / ALICLOUD_SHARED_CREDENTIALS_FILE, else ~/.aliyun/config.json";

/** Which file and profile; undefined when profiles are switched off (ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true). */
export function selectProfile(config: ConfigSource, env: Env): ProfileSelection | undefined {
    if (env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED?.toLowerCase() === "true") return undefined;
    const named = config.get("alicloud:sharedCredentialsFile") || env.ALICLOUD_SHARED_CREDENTIALS_FILE || undefined;
    const home = env.HOME || env.USERPROFILE || os.homedir();
    return {
        file: named ? expandHome(named, home) : path.join(home, ".aliyun", "config.json"),
        profileName: config.get("alicloud:profile") || env.ALIBABA_CLOUD_PROFILE || env.ALICLOUD_PROFILE || undefined,
        explicitFile: named !== undefined,
    };
}

interface CliConfiguration {
    current?: string;
    profiles?: { name?: string; mode?: string }[];
}

/** Reads the file once to decide whether this source applies; the provider then reads it before each request. */
export async function openProfile(selection: ProfileSelection): Promise<{ provider: ProfileFileProvider; label: string } | { skipped: string }> {
    const text = await readIfExists(selection.file);
    if (text === undefined) {
        if (selection.explicitFile) throw new ProfileFileError(`${selection.file} does not exist`);
        return { skipped: `no file ${selection.file}` };
    }
    const provider = new ProfileFileProvider(selection);
    const profile = provider.parse(text);
    return { provider, label: `profile "${profile.name}" (mode ${profile.mode}) in ${selection.file}` };
}

export class ProfileFileError extends Error {
    override readonly name = "ProfileFileError";
}

export class ProfileFileProvider implements CredentialsProvider {
    private loaded?: { text: string; provider: CredentialsProvider };

    constructor(readonly selection: ProfileSelection) {}

    async getCredentials(): Promise<Credentials> {
        const text = await readIfExists(this.selection.file);
        if (text === undefined) throw new ProfileFileError(`${this.selection.file} no longer exists`);
        if (this.loaded?.text !== text) {
            // a changed file is a new profile; an unchanged one keeps its provider and so its STS session
            this.loaded = { text, provider: this.build(text) };
        }
        return this.loaded.provider.getCredentials();
    }

    /** The selected profile, checked; throws ProfileFileError with what is wrong. */
    parse(text: string): { name: string; mode: string; configuration: CliConfiguration } {
        let configuration: CliConfiguration;
        try {
            configuration = JSON.parse(text) as CliConfiguration;
        } catch {
            // never quote the text: it holds secrets
            throw new ProfileFileError(`${this.selection.file} is not valid JSON`);
        }
        const profiles = Array.isArray(configuration?.profiles) ? configuration.profiles : [];
        const name = this.selection.profileName ?? configuration.current ?? "default";
        const profile = profiles.find((p) => p?.name === name);
        if (!profile) {
            const known = profiles.map((p) => `"${p?.name}"`).join(", ") || "none";
            throw new ProfileFileError(`no profile "${name}" in ${this.selection.file} (profiles: ${known})`);
        }
        return { name, mode: String(profile.mode ?? "unknown"), configuration };
    }

    private build(text: string): CredentialsProvider {
        const { name, configuration } = this.parse(text);
        // The library turns a profile of any mode into a provider; its method for that is not in its typings.
        const cli = credentialsLibrary().CLIProfileCredentialsProvider.builder().withProfileName(name).build() as unknown as {
            getCredentialsProvider(conf: CliConfiguration, profileName: string): LibraryProvider;
        };
        return adaptLibraryProvider(cli.getCredentialsProvider(configuration, name));
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
