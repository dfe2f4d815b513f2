/**
 * The tests' own ACS3-HMAC-SHA256 signer, written from Alibaba's description of the V3 signature and
 * independently of simulator/v3Signature.ts (so a bug there cannot hide itself). The official
 * SDK clients are the other check.
 */
import { createHash, createHmac } from "node:crypto";
import type { RawResponse } from "./helpers";
import { rawRequest } from "./helpers";

export interface V3Keys {
    accessKeyId: string;
    accessKeySecret: string;
    securityToken?: string;
}

export interface V3Request {
    method: string;
    /** "/" for RPC, the resource path for ROA. */
    path: string;
    action: string;
    version: string;
    query?: Record<string, string>;
    body?: string;
    contentType?: string;
    /** Headers to add and sign; undefined values remove a default one. */
    headers?: Record<string, string | undefined>;
    /** Changes made after signing, to tamper with a request. */
    after?: { query?: Record<string, string>; body?: string; headers?: Record<string, string> };
    date?: string;
    nonce?: string;
    /** Sign with this hash of the body instead of the real one. */
    contentSha256?: string;
    algorithm?: string;
    /** Leave these header names out of SignedHeaders (they are still sent). */
    unsigned?: string[];
}

const sha256 = (data: string) => createHash("sha256").update(data, "utf8").digest("hex");
const encode = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());

export function v3Timestamp(ms = Date.now()): string {
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

let nonceCounter = 0;

/** Signs a request; returns the path with its query and the headers to send. */
export function signV3(host: string, req: V3Request, keys: V3Keys): { path: string; headers: Record<string, string>; body?: string; canonicalRequest: string } {
    const body = req.body ?? "";
    const headers: Record<string, string> = {
        host,
        "x-acs-action": req.action,
        "x-acs-version": req.version,
        "x-acs-date": req.date ?? v3Timestamp(),
        "x-acs-signature-nonce": req.nonce ?? `v3-nonce-${process.pid}-${++nonceCounter}-${Date.now()}`,
        "x-acs-content-sha256": req.contentSha256 ?? sha256(body),
        ...(req.contentType ? { "content-type": req.contentType } : {}),
        ...(keys.securityToken ? { "x-acs-security-token": keys.securityToken } : {}),
    };
    for (const [name, value] of Object.entries(req.headers ?? {})) {
        if (value === undefined) delete headers[name];
        else headers[name] = value;
    }
    const query = req.query ?? {};
    const canonicalQuery = Object.keys(query)
        .sort()
        .map((k) => `${encode(k)}=${encode(query[k])}`)
        .join("&");
    const signed = Object.keys(headers)
        .filter((h) => !(req.unsigned ?? []).includes(h))
        .sort();
    const canonicalHeaders = signed.map((h) => `${h}:${headers[h].trim()}\n`).join("");
    const canonicalRequest = [req.method, req.path, canonicalQuery, canonicalHeaders, signed.join(";"), req.contentSha256 ?? sha256(body)].join("\n");
    const algorithm = req.algorithm ?? "ACS3-HMAC-SHA256";
    const stringToSign = `${algorithm}\n${sha256(canonicalRequest)}`;
    const signature = createHmac("sha256", keys.accessKeySecret).update(stringToSign).digest("hex");
    const sent = { ...query, ...req.after?.query };
    const queryString = Object.keys(sent)
        .map((k) => `${encode(k)}=${encode(sent[k])}`)
        .join("&");
    return {
        path: req.path + (queryString ? `?${queryString}` : ""),
        headers: {
            ...headers,
            ...req.after?.headers,
            authorization: `${algorithm} Credential=${keys.accessKeyId},SignedHeaders=${signed.join(";")},Signature=${signature}`,
        },
        body: req.after?.body ?? req.body,
        canonicalRequest,
    };
}

/** Signs and sends a V3 request to the simulator; also returns the canonical request the test signed. */
export async function sendV3(baseUrl: string, req: V3Request, keys: V3Keys): Promise<RawResponse & { canonicalRequest: string }> {
    const signed = signV3(new URL(baseUrl).host, req, keys);
    const res = await rawRequest(baseUrl, signed.path, { method: req.method, headers: signed.headers, body: signed.body });
    return { ...res, canonicalRequest: signed.canonicalRequest };
}

export function sha256Of(text: string): string {
    return sha256(text);
}
