/**
 * Authentication of V3 requests (ACS3-HMAC-SHA256, RPC and ROA alike), as the official SDKs sign
 * them by default. Checks, in order: the Authorization header has the ACS3 shape and names
 * ACS3-HMAC-SHA256, the signing headers are there and signed (host, content-type and every
 * x-acs-* header), the AccessKeyId is known, an STS key comes with its own x-acs-security-token,
 * x-acs-content-sha256 is the hash of the body and the signature matches, x-acs-date is within 15
 * minutes of the REAL clock, and x-acs-signature-nonce has not been used before (V2's nonce
 * cache: a nonce is spent whichever signature version used it).
 */
import { checkNonce, checkRequestTime, checkSecurityToken, unknownKeyError, type AuthDependencies } from "./auth";
import { incompleteSignature, missingParameter, SimError } from "./errors";
import type { RpcCall } from "./pipeline";
import { ACS3_ALGORITHM, parseAcs3Authorization, sha256Hex, verifyAcs3Signature } from "./v3Signature";

type V3Request = Pick<RpcCall, "method" | "path" | "rawQuery" | "headers" | "body">;

const REQUIRED_HEADERS = ["x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"] as const;
const X_ACS_DATE_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

function header(req: V3Request, name: string): string | undefined {
    const value = req.headers[name];
    return Array.isArray(value) ? value.join(",") : value;
}

/** V3's SignatureDoesNotMatch: the message quotes the server's string to sign in brackets. */
export function v3SignatureMismatch(stringToSign: string): SimError {
    return new SimError(400, "SignatureDoesNotMatch", `Specified signature does not match our calculation. server StringToSign is [${stringToSign}]`);
}

/** The headers a V3 signature must cover and does not. */
function unsignedHeaders(req: V3Request, signed: readonly string[]): string[] {
    const mustSign = Object.keys(req.headers).filter((name) => name === "host" || name === "content-type" || name.startsWith("x-acs-"));
    return mustSign.filter((name) => !signed.includes(name)).sort();
}

/** The AccessKeyId a V3 request claims (checked by authenticateV3). */
export function v3AccessKeyId(req: Pick<RpcCall, "headers">): string {
    const value = req.headers.authorization;
    return parseAcs3Authorization(Array.isArray(value) ? value[0] : value)?.accessKeyId ?? "";
}

/** Throws the SimError a real endpoint would answer with, or returns when the request is genuine. */
export function authenticateV3(req: V3Request, deps: AuthDependencies): void {
    const auth = parseAcs3Authorization(header(req, "authorization"));
    if (!auth) throw incompleteSignature(`The Authorization header must be: ${ACS3_ALGORITHM} Credential=<AccessKeyId>,SignedHeaders=<names>,Signature=<hex>.`);
    if (auth.algorithm !== ACS3_ALGORITHM) {
        throw new SimError(400, "InvalidSignatureMethod", `Specified signature method is not valid. (The simulator verifies ${ACS3_ALGORITHM} only.)`);
    }
    for (const name of REQUIRED_HEADERS) {
        if (!header(req, name)) throw missingParameter(name);
    }
    const unsigned = unsignedHeaders(req, auth.signedHeaders);
    if (unsigned.length > 0)
        throw incompleteSignature(`SignedHeaders must include host, content-type and every x-acs-* header sent; missing: ${unsigned.join(";")}.`);

    const key = deps.credentials.get(auth.accessKeyId);
    if (!key) throw unknownKeyError();
    const claimedId = header(req, "x-acs-accesskey-id");
    if (claimedId !== undefined && claimedId !== auth.accessKeyId) {
        throw new SimError(400, "InvalidParameter", "The x-acs-accesskey-id header does not match the Credential of the Authorization header.");
    }
    checkSecurityToken(deps.credentials, key.securityToken, header(req, "x-acs-security-token"));

    const check = verifyAcs3Signature(
        { method: req.method, path: req.path, rawQuery: req.rawQuery, headers: req.headers },
        req.body,
        auth,
        key.accessKeySecret,
    );
    // A body changed on the way (or a wrong x-acs-content-sha256) fails like a wrong signature: the server hashes what arrived.
    if (!check.ok || header(req, "x-acs-content-sha256") !== sha256Hex(req.body)) throw v3SignatureMismatch(check.stringToSign);

    const now = (deps.realNow ?? Date.now)();
    const date = header(req, "x-acs-date") ?? "";
    checkRequestTime(X_ACS_DATE_FORMAT.test(date) ? Date.parse(date) : NaN, now);
    checkNonce(deps.nonces, key, header(req, "x-acs-signature-nonce") ?? "", now);
}
