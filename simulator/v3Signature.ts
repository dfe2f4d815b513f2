/**
 * The V3 signature, ACS3-HMAC-SHA256, that Alibaba's official SDKs send by default for RPC and ROA
 * alike (Alibaba's "V3 request structure and signature"):
 *
 *   canonical request = METHOD \n canonical URI \n canonical query \n canonical headers \n
 *                       signed header names (;) \n hex SHA-256 of the body
 *   string to sign    = ACS3-HMAC-SHA256 \n hex SHA-256 of the canonical request
 *   Authorization     = ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=<a;b>,Signature=<hex HMAC-SHA256>
 *
 * The canonical query sorts the decoded parameters by name and percent-encodes names and values the
 * way V2 does; the canonical headers are the signed ones, lower case, sorted, as name:trimmed value.
 */
import { createHash, createHmac } from "node:crypto";
import { percentEncode, sameSignature } from "./signature";

export const ACS3_ALGORITHM = "ACS3-HMAC-SHA256";

export interface Acs3Authorization {
    /** ACS3-HMAC-SHA256, or another ACS3 algorithm (SM3, RSA) the simulator does not verify. */
    algorithm: string;
    accessKeyId: string;
    /** As sent: lower-case header names. */
    signedHeaders: string[];
    signature: string;
}

/** True when the Authorization header claims a V3 signature (any ACS3 algorithm). */
export function isAcs3Authorization(header: string | undefined): boolean {
    return header !== undefined && header.startsWith("ACS3-");
}

/** Splits "ACS3-HMAC-SHA256 Credential=...,SignedHeaders=...,Signature=..."; undefined when not of that shape. */
export function parseAcs3Authorization(header: string | undefined): Acs3Authorization | undefined {
    const match = /^(ACS3-[A-Z0-9-]+) (.*)$/.exec(header ?? "");
    if (!match) return undefined;
    const fields = new Map<string, string>();
    for (const part of match[2].split(",")) {
        const eq = part.indexOf("=");
        if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
    }
    const accessKeyId = fields.get("Credential");
    const signedHeaders = fields.get("SignedHeaders");
    const signature = fields.get("Signature");
    if (!accessKeyId || !signedHeaders || !signature) return undefined;
    return { algorithm: match[1], accessKeyId, signedHeaders: signedHeaders.split(";"), signature };
}

export function sha256Hex(data: Buffer | string): string {
    return createHash("sha256").update(data).digest("hex");
}

/** The parts of a request a V3 signature covers, as they arrived. */
export interface V3RequestParts {
    method: string;
    /** The path as sent, still percent-encoded, without the query. */
    path: string;
    /** The query string as sent, without "?". */
    rawQuery: string;
    headers: Readonly<Record<string, string | string[] | undefined>>;
}

/**
 * The path as the client signs it: as sent, with the few spellings the SDKs normalise ('+' and
 * '*' encoded, '~' not).
 */
export function canonicalUri(path: string): string {
    return (path === "" ? "/" : path).replace(/\+/g, "%20").replace(/\*/g, "%2A").replace(/%7E/gi, "~");
}

/** name=value pairs sorted by (decoded) name, re-encoded. A '+' is a literal plus, as the SDKs send a space as %20. Throws URIError. */
export function canonicalQuery(rawQuery: string): string {
    const pairs: Array<[string, string]> = [];
    for (const pair of rawQuery.split("&")) {
        if (pair === "") continue;
        const eq = pair.indexOf("=");
        pairs.push([decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq)), eq < 0 ? "" : decodeURIComponent(pair.slice(eq + 1))]);
    }
    pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    return pairs.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`).join("&");
}

function headerValue(headers: V3RequestParts["headers"], name: string): string {
    const value = headers[name];
    return (Array.isArray(value) ? value.join(",") : (value ?? "")).trim();
}

/** METHOD\nURI\nquery\nheaders\nnames\npayload hash: what the signature's hash covers. */
export function canonicalRequest(req: V3RequestParts, signedHeaders: readonly string[], payloadHash: string): string {
    const names = [...signedHeaders].sort();
    const headers = names.map((name) => `${name}:${headerValue(req.headers, name)}\n`).join("");
    return [req.method.toUpperCase(), canonicalUri(req.path), canonicalQuery(req.rawQuery), headers, names.join(";"), payloadHash].join("\n");
}

export function acs3StringToSign(canonical: string): string {
    return `${ACS3_ALGORITHM}\n${sha256Hex(canonical)}`;
}

export function acs3Signature(stringToSign: string, secret: string): string {
    return createHmac("sha256", secret).update(stringToSign, "utf8").digest("hex");
}

export interface V3SignatureCheck {
    ok: boolean;
    /** What the server signed, quoted in SignatureDoesNotMatch. */
    stringToSign: string;
}

/** Checks the signature over the request as it arrived, the body hashed as received. */
export function verifyAcs3Signature(req: V3RequestParts, body: Buffer, auth: Acs3Authorization, secret: string): V3SignatureCheck {
    const stringToSign = acs3StringToSign(canonicalRequest(req, auth.signedHeaders, sha256Hex(body)));
    return { ok: sameSignature(acs3Signature(stringToSign, secret), auth.signature), stringToSign };
}
