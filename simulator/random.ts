/** A small seedable random source, so that a fault rule with a rate gives the same run twice. */
import { randomInt } from "node:crypto";

/** mulberry32: uniform floats in [0, 1) from a 32-bit seed. Not for anything secret. */
export function seededRandom(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/** A fresh seed, reported back with the rule so that a run can be repeated. */
export function randomSeed(): number {
    return randomInt(2 ** 32 - 1);
}
