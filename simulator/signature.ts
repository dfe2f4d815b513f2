/**
 * Signature checks, computed exactly as @alicloud/pop-core 1.8 computes them (lib/rpc.js and
 * lib/roa.js), so the unmodified client is accepted and any deviation is rejected.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/** Decoded request parameters. Null-prototype, so a key like "__proto__" is just a key. */
export type RequestParams = Record<string, string>;

export function emptyParams(): RequestParams {
    return Object.create(null) as RequestParams;
}

/** Alibaba's percent-encoding: encodeURIComponent plus ! ' ( ) *. */
export function percentEncode(value: string): string {
    return encodeURIComponent(value).replace(/!/g, "%21").replace(/'/g, "%27").replace(/\(/g, "%28").replace(/\)/g, "%29").replace(/\*/g, "%2A");
}

/**
 * Parses a query string or an x-www-form-urlencoded body. Done by hand rather than with
 * URLSearchParams because that turns '+' into a space, while pop-core sends a literal '+' only
 * as %2B and a space only as %20. Throws URIError on a malformed escape. A repeated key keeps its
 * last value.
 */
export function parseEncodedParams(raw: string, into: RequestParams = emptyParams()): RequestParams {
    if (raw === "") return into;
    for (const pair of raw.split("&")) {
        if (pair === "") continue;
        const eq = pair.indexOf("=");
        const key = decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq));
        into[key] = eq < 0 ? "" : decodeURIComponent(pair.slice(eq + 1));
    }
    return into;
}

function hmacSha1Base64(key: string, data: string): string {
    return createHmac("sha1", key).update(data, "utf8").digest("base64");
}

/** Constant-time comparison of two signatures, so timing does not leak how much matched. */
export function sameSignature(a: string, b: string): boolean {
    const x = Buffer.from(a, "utf8");
    const y = Buffer.from(b, "utf8");
    return x.length === y.length && timingSafeEqual(x, y);
}

// ---------------------------------------------------------------------------------------------
// RPC style: HMAC-SHA1 over the sorted, percent-encoded parameters.

/** The RPC string to sign: METHOD&%2F&encode(k=v&... sorted by key, Signature left out). */
export function rpcStringToSign(method: string, params: RequestParams): string {
    // pop-core sorts the raw keys with the default sort, then encodes; do the same.
    const keys = Object.keys(params)
        .filter((k) => k !== "Signature")
        .sort();
    const canonical = keys.map((k) => `${percentEncode(k)}=${percentEncode(params[k])}`).join("&");
    return `${method.toUpperCase()}&${percentEncode("/")}&${percentEncode(canonical)}`;
}

/** The RPC signature: base64 HMAC-SHA1 keyed with secret + "&". */
export function rpcSignature(method: string, params: RequestParams, secret: string): string {
    return hmacSha1Base64(`${secret}&`, rpcStringToSign(method, params));
}

export interface SignatureCheck {
    ok: boolean;
    /** What the server signed; real endpoints echo it in SignatureDoesNotMatch to help debugging. */
    stringToSign: string;
}

export function verifyRpcSignature(method: string, params: RequestParams, secret: string): SignatureCheck {
    const stringToSign = rpcStringToSign(method, params);
    const expected = hmacSha1Base64(`${secret}&`, stringToSign);
    return { ok: sameSignature(expected, params.Signature ?? ""), stringToSign };
}

// ---------------------------------------------------------------------------------------------
// ROA style: "acs" Authorization header over method, a few headers, x-acs-* headers and resource.

/** The parts of a ROA request that are signed. Header names must be lower-case (as Node gives). */
export interface RoaRequestParts {
    method: string;
    /** The path as sent, without the query (pop-core signs its uriPattern, e.g. /api/v1/tasks/t-1). */
    path: string;
    /** Decoded query parameters. */
    query: RequestParams;
    headers: Readonly<Record<string, string | string[] | undefined>>;
}

function headerValue(headers: RoaRequestParts["headers"], name: string): string {
    const value = headers[name];
    return Array.isArray(value) ? value.join(",") : (value ?? "");
}

/**
 * METHOD\naccept\ncontent-md5\ncontent-type\ndate\n, then the sorted x-acs-* headers as
 * name:value\n, then path?k=v&... with the sorted query keys and the raw (decoded) values.
 */
export function roaStringToSign(req: RoaRequestParts): string {
    const h = req.headers;
    let result =
        `${req.method.toUpperCase()}\n${headerValue(h, "accept")}\n${headerValue(h, "content-md5")}\n` +
        `${headerValue(h, "content-type")}\n${headerValue(h, "date")}\n`;
    const acsNames = Object.keys(h)
        .filter((n) => n.startsWith("x-acs-"))
        .sort();
    for (const name of acsNames) {
        result += `${name}:${headerValue(h, name)
            .replace(/[\t\n\r\f]/g, " ")
            .trim()}\n`;
    }
    const queryKeys = Object.keys(req.query).sort();
    result += req.path;
    if (queryKeys.length > 0) result += "?" + queryKeys.map((k) => `${k}=${req.query[k]}`).join("&");
    return result;
}

/** The ROA signature: base64 HMAC-SHA1 keyed with the plain secret (no trailing "&"). */
export function roaSignature(stringToSign: string, secret: string): string {
    return hmacSha1Base64(secret, stringToSign);
}

/** Splits "acs <AccessKeyId>:<signature>"; undefined when the header is not of that shape. */
export function parseAcsAuthorization(header: string | undefined): { accessKeyId: string; signature: string } | undefined {
    const match = /^acs ([^:\s]+):(\S+)$/.exec(header ?? "");
    return match ? { accessKeyId: match[1], signature: match[2] } : undefined;
}

/** Base64 MD5 of the body, as pop-core sends in content-md5. */
export function contentMd5(body: Buffer): string {
    return createHash("md5").update(body).digest("base64");
}

export interface RoaSignatureCheck extends SignatureCheck {
    /** False when a content-md5 header was sent and does not match the body. */
    bodyIntact: boolean;
}

export function verifyRoaSignature(req: RoaRequestParts, body: Buffer, secret: string): RoaSignatureCheck {
    const stringToSign = roaStringToSign(req);
    const auth = parseAcsAuthorization(headerValue(req.headers, "authorization"));
    const ok = auth !== undefined && sameSignature(roaSignature(stringToSign, secret), auth.signature);
    const md5 = headerValue(req.headers, "content-md5");
    return { ok, stringToSign, bodyIntact: md5 === "" || md5 === contentMd5(body) };
}
