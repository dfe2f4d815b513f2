import type { Credentials, CredentialsProvider } from "./credentials";

/**
 * The few things this package takes from `@alicloud/credentials`: the providers it builds for
 * OIDC, ECS RAM roles, credentials URIs and CLI profiles. The library is required only when the
 * chain is first consulted (at the first API call), so configure, check and preview never load it.
 */
export type CredentialsLibrary = typeof import("@alicloud/credentials");

/** What every provider of the library has: it refreshes session credentials itself before they expire. */
export interface LibraryProvider {
    getCredentials(): Promise<{ accessKeyId?: string; accessKeySecret?: string; securityToken?: string }>;
    getProviderName(): string;
}

let library: CredentialsLibrary | undefined;

export function credentialsLibrary(): CredentialsLibrary {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    library ??= require("@alicloud/credentials") as CredentialsLibrary;
    return library;
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
