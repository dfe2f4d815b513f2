/**
 * SignatureNonce replay protection. Nonces are remembered for the same 15 minutes a timestamp
 * stays valid: an older replay is already refused for its timestamp. Memory is bounded; past
 * the bound the oldest nonces are forgotten first (a replay of one of those would slip through,
 * which is acceptable for a test double).
 */
export class NonceCache {
    /** nonce -> time it may be forgotten; Map keeps insertion order, i.e. oldest first. */
    private readonly seen = new Map<string, number>();

    constructor(
        private readonly ttlMs = 15 * 60 * 1000,
        private readonly maxEntries = 100_000,
    ) {}

    /** Records the nonce; returns false if it was already used within the window. */
    remember(nonce: string, now: number): boolean {
        this.prune(now);
        const expiry = this.seen.get(nonce);
        if (expiry !== undefined && expiry > now) return false;
        this.seen.delete(nonce);
        this.seen.set(nonce, now + this.ttlMs);
        if (this.seen.size > this.maxEntries) {
            const oldest = this.seen.keys().next().value;
            if (oldest !== undefined) this.seen.delete(oldest);
        }
        return true;
    }

    get size(): number {
        return this.seen.size;
    }

    private prune(now: number): void {
        for (const [nonce, expiry] of this.seen) {
            if (expiry > now) break;
            this.seen.delete(nonce);
        }
    }
}
