/**
 * What ApiWaiter calls without being told otherwise: reads. A wait sends its request on every poll,
 * and a check on every `pulumi up` and `pulumi refresh`, so a request that changes something would
 * be repeated; one whose answer was lost (a 5xx, a timeout) may have acted already.
 *
 * Alibaba Cloud names what an RPC action does by its first word. Counted over the actions of the
 * 316 products in Alibaba's OpenAPI metadata (api.aliyun.com/meta, December 2025), these read:
 * Describe (some 4,300 actions), List (3,100), Get (2,800), Query (630), Check (140: availability and
 * pre-checks such as CheckCreateDBInstance), Search (100), Count (20), Lookup, and their Batch forms
 * (BatchGet, BatchDescribe, BatchQuery, BatchCheck). Verbs that often act were left out: Verify and
 * Validate (VerifyCaptcha consumes the captcha), Fetch (FetchArtifactTempBucketToken issues a token),
 * Preview, Export, Download. ROA APIs say it with the HTTP method: GET and HEAD read.
 */

export const READ_VERBS = ["Describe", "List", "Get", "Query", "Check", "Search", "Count", "Lookup"] as const;
const BATCH_READ_VERBS = ["BatchGet", "BatchDescribe", "BatchQuery", "BatchCheck"];
export const READ_METHODS = ["GET", "HEAD"] as const;

/** The verb must be a whole word: "Getaway" or "Listen" would not be a Get or a List. */
const READ_ACTION = new RegExp(`^(${[...BATCH_READ_VERBS, ...READ_VERBS].join("|")})([A-Z0-9]|$)`);

export function isReadAction(action: string): boolean {
    return READ_ACTION.test(action);
}

export function isReadMethod(method: string): boolean {
    return (READ_METHODS as readonly string[]).includes(method.toUpperCase());
}

/** The input that opts in to anything else, named for its risk. */
export const NON_READ_OPT_IN = "allowNonReadAction";

/**
 * Parameters the RPC signer sets (pop-core's defaults, then the signature): one given as a request
 * parameter would replace the signer's on the wire (`Action` would swap the action that was checked).
 */
const RPC_SIGNER_PARAMETERS = [
    "Action",
    "Version",
    "Format",
    "Timestamp",
    "SignatureMethod",
    "SignatureVersion",
    "SignatureNonce",
    "SignatureType",
    "Signature",
    "AccessKeyId",
    "SecurityToken",
    "BearerToken",
] as const;

/** What the ROA and V3 signers put in headers: never a query parameter or a body field of the user's. */
const SIGNER_HEADERS = [
    "Authorization",
    "x-acs-action",
    "x-acs-version",
    "x-acs-date",
    "x-acs-signature-nonce",
    "x-acs-signature-method",
    "x-acs-signature-version",
    "x-acs-content-sha256",
    "x-acs-security-token",
    "x-acs-accesskey-id",
    "x-acs-bearer-token",
] as const;

const SIGNER_NAMES = new Set([...RPC_SIGNER_PARAMETERS, ...SIGNER_HEADERS].map((n) => n.toLowerCase()));

/** Whether a parameter, query or body name is one the signer sets (case-insensitive: gateways are). */
export function isSignerName(name: string): boolean {
    return SIGNER_NAMES.has(name.trim().toLowerCase());
}
