/**
 * Authentication of V2 RPC requests (ROA: roaAuth.ts; V3: v3Auth.ts), and the checks they
 * share. Checks, in order: the signing parameters are present, SignatureMethod is HMAC-SHA1 and
 * SignatureVersion 1.0, the AccessKeyId is known, an STS key comes with its own token, the
 * signature matches, the Timestamp is within 15 minutes of the REAL clock, and the
 * SignatureNonce has not been used before.
 */
import type { CredentialStore, StoredKey } from "./credentials";
import { incompleteSignature, invalidSignatureMethod, missingParameter, SimError } from "./errors";
import type { NonceCache } from "./nonces";
import { verifyRpcSignature, type RequestParams } from "./signature";

/** How far a request Timestamp may be from the real clock, either way. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

const SIGNING_PARAMETERS = ["AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp"] as const;
const TIMESTAMP_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

export interface AuthDependencies {
    credentials: CredentialStore;
    nonces: NonceCache;
    /** The real wall clock; never the task clock, since clients sign with their real time. */
    realNow?: () => number;
}

export function checkSecurityToken(credentials: CredentialStore, expected: string | undefined, sent: string | undefined): void {
    if (expected === sent) return;
    if (sent !== undefined && sent !== "" && credentials.isKnownToken(sent)) {
        throw new SimError(400, "InvalidSecurityToken.MismatchWithAccessKey", "Specified SecurityToken mismatch with the AccessKey.");
    }
    throw new SimError(400, "InvalidSecurityToken.Malformed", "Specified SecurityToken is malformed.");
}

/** A request time (ms, NaN when unreadable) must be within MAX_CLOCK_SKEW_MS of the real clock. */
export function checkRequestTime(time: number, now: number): void {
    if (Number.isNaN(time)) {
        throw new SimError(400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.");
    }
    if (Math.abs(now - time) > MAX_CLOCK_SKEW_MS) throw clockSkewError();
}

export function clockSkewError(): SimError {
    return new SimError(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.");
}

export function unknownKeyError(): SimError {
    return new SimError(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
}

export function signatureMismatch(stringToSign: string): SimError {
    return new SimError(400, "SignatureDoesNotMatch", `Specified signature is not matched with our calculation. server string to sign is:${stringToSign}`);
}

/** Nonces are per key: two callers may pick the same one without interfering. */
export function checkNonce(nonces: NonceCache, key: StoredKey, nonce: string, now: number): void {
    if (!nonces.remember(`${key.accessKeyId}\u0000${nonce}`, now)) {
        throw new SimError(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
    }
}

/** Throws the SimError a real endpoint would answer with, or returns when the request is genuine. */
export function authenticateRpc(method: string, params: RequestParams, deps: AuthDependencies): void {
    for (const name of SIGNING_PARAMETERS) {
        if (!params[name]) throw missingParameter(name);
    }
    // The only method V2 has: a SHA-1 signature labelled anything else is not taken on trust.
    if (params.SignatureMethod !== "HMAC-SHA1") throw invalidSignatureMethod();
    if (params.SignatureVersion !== "1.0") throw incompleteSignature("SignatureVersion must be 1.0.");
    const key = deps.credentials.get(params.AccessKeyId);
    if (!key) throw unknownKeyError();

    checkSecurityToken(deps.credentials, key.securityToken, params.SecurityToken);

    const check = verifyRpcSignature(method, params, key.accessKeySecret);
    if (!check.ok) throw signatureMismatch(check.stringToSign);

    const now = (deps.realNow ?? Date.now)();
    checkRequestTime(TIMESTAMP_FORMAT.test(params.Timestamp) ? Date.parse(params.Timestamp) : NaN, now);
    checkNonce(deps.nonces, key, params.SignatureNonce, now);
}
