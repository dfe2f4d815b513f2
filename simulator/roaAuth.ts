/**
 * Authentication of ROA requests (the "acs" Authorization header), as pop-core's ROAClient signs
 * them. Checks, in order: the Authorization header has the acs shape and the signing headers are
 * there, the AccessKeyId is known, an STS key comes with its own x-acs-security-token, the
 * signature matches, content-md5 matches the body, the Date header is within 15 minutes of the
 * REAL clock, and the x-acs-signature-nonce has not been used before.
 */
import { checkNonce, checkRequestTime, checkSecurityToken, signatureMismatch, unknownKeyError, type AuthDependencies } from "./auth";
import { incompleteSignature, invalidSignatureMethod, missingParameter, SimError } from "./errors";
import type { RpcCall } from "./pipeline";
import { parseAcsAuthorization, verifyRoaSignature } from "./signature";

type RoaRequest = Pick<RpcCall, "method" | "path" | "params" | "headers" | "body">;

const REQUIRED_HEADERS = ["date", "x-acs-signature-nonce", "x-acs-signature-method", "x-acs-signature-version"] as const;
/** What each signing header must say, when pop-core is the client. */
const FIXED_HEADERS: Readonly<Record<string, string>> = { "x-acs-signature-method": "HMAC-SHA1", "x-acs-signature-version": "1.0" };

function header(req: RoaRequest, name: string): string | undefined {
    const value = req.headers[name];
    return Array.isArray(value) ? value.join(",") : value;
}

/** The AccessKeyId an ROA request claims (checked by authenticateRoa). */
export function roaAccessKeyId(req: Pick<RpcCall, "headers">): string {
    const value = req.headers.authorization;
    return parseAcsAuthorization(Array.isArray(value) ? value[0] : value)?.accessKeyId ?? "";
}

/** Throws the SimError a real endpoint would answer with, or returns when the request is genuine. */
export function authenticateRoa(req: RoaRequest, deps: AuthDependencies): void {
    const auth = parseAcsAuthorization(header(req, "authorization"));
    if (!auth) throw incompleteSignature("The Authorization header must be: acs <AccessKeyId>:<Signature>.");
    for (const name of REQUIRED_HEADERS) {
        const value = header(req, name);
        if (!value) throw missingParameter(name);
        if (name === "x-acs-signature-method" && value !== FIXED_HEADERS[name]) throw invalidSignatureMethod();
        if (name in FIXED_HEADERS && value !== FIXED_HEADERS[name]) throw incompleteSignature(`${name} must be ${FIXED_HEADERS[name]}.`);
    }

    const key = deps.credentials.get(auth.accessKeyId);
    if (!key) throw unknownKeyError();
    const claimedId = header(req, "x-acs-accesskey-id");
    if (claimedId !== undefined && claimedId !== auth.accessKeyId) {
        throw new SimError(400, "InvalidParameter", "The x-acs-accesskey-id header does not match the AccessKeyId of the Authorization header.");
    }
    checkSecurityToken(deps.credentials, key.securityToken, header(req, "x-acs-security-token"));

    const check = verifyRoaSignature({ method: req.method, path: req.path, query: req.params, headers: req.headers }, req.body, key.accessKeySecret);
    if (!check.ok) throw signatureMismatch(check.stringToSign);
    if (!check.bodyIntact) throw new SimError(400, "ContentMD5NotMatched", "The Content-MD5 of the request body does not match the content-md5 header.");

    const now = (deps.realNow ?? Date.now)();
    const date = header(req, "date") ?? "";
    checkRequestTime(/GMT$/.test(date) ? Date.parse(date) : NaN, now);
    checkNonce(deps.nonces, key, header(req, "x-acs-signature-nonce") ?? "", now);
}
