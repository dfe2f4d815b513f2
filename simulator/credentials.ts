/**
 * Fake credentials the simulator accepts. None of them is a real Alibaba Cloud key: the ids are
 * deliberately not shaped like real ones (real long-term ids start with "LTAI"), so a leak in a
 * log or a test fixture is harmless and easy to spot.
 */

/** A long-term AccessKey pair, as a RAM user would have. */
export interface AccessKeyPair {
    readonly accessKeyId: string;
    readonly accessKeySecret: string;
}

/** Temporary STS credentials: a key pair that is only valid together with its security token. */
export interface StsCredentials extends AccessKeyPair {
    readonly securityToken: string;
}

/** What a running simulator hands to its callers. */
export interface SimulatorCredentials {
    readonly accessKey: AccessKeyPair;
    readonly sts: StsCredentials;
}

/** The default long-term key pair. */
export const SIMULATOR_ACCESS_KEY: AccessKeyPair = Object.freeze({
    accessKeyId: "SIMULATORKEYID0001",
    accessKeySecret: "simulator-secret-0001",
});

/**
 * The default STS triple. The id carries the "STS." prefix that real temporary keys have; the secret
 * and the token have the "+", "/" and "=" of real ones (a token starts "CAIS"), so that every
 * encoding they take in a signed request or a server's error is exercised by the tests.
 */
export const SIMULATOR_STS: StsCredentials = Object.freeze({
    accessKeyId: "STS.SIMULATORSTS0001",
    accessKeySecret: "Sim+STS/secret0001==",
    securityToken: "CAIS+fQ/SIMULATOR+security/token0001==",
});

export const SIMULATOR_CREDENTIALS: SimulatorCredentials = Object.freeze({
    accessKey: SIMULATOR_ACCESS_KEY,
    sts: SIMULATOR_STS,
});

/** One key the server knows: its secret and, for STS keys, the token that must accompany it. */
export interface StoredKey {
    readonly accessKeyId: string;
    readonly accessKeySecret: string;
    readonly securityToken?: string;
}

/**
 * The keys the simulator accepts. Starts with the two defaults; tests add more (for example a
 * second STS key, to provoke a token/key mismatch) with add().
 */
export class CredentialStore {
    private readonly keys = new Map<string, StoredKey>();
    private readonly tokens = new Set<string>();

    constructor(initial: readonly StoredKey[] = [SIMULATOR_ACCESS_KEY, SIMULATOR_STS]) {
        for (const key of initial) this.add(key);
    }

    add(key: StoredKey): void {
        if (!key.accessKeyId || !key.accessKeySecret) {
            throw new Error("a simulator key needs an accessKeyId and an accessKeySecret");
        }
        this.keys.set(key.accessKeyId, { ...key });
        if (key.securityToken) this.tokens.add(key.securityToken);
    }

    remove(accessKeyId: string): boolean {
        const key = this.keys.get(accessKeyId);
        if (!key) return false;
        this.keys.delete(accessKeyId);
        if (key.securityToken) this.tokens.delete(key.securityToken);
        return true;
    }

    get(accessKeyId: string): StoredKey | undefined {
        return this.keys.get(accessKeyId);
    }

    /** True when the token was issued with some key (possibly another one than the caller's). */
    isKnownToken(securityToken: string): boolean {
        return this.tokens.has(securityToken);
    }
}
