/**
 * Fake pre-signed object-storage URLs, shaped like the download links ECD (DownloadUrl) and
 * Security Center (Link) hand out: Expires, OSSAccessKeyId, Signature and, for STS-signed links,
 * security-token in the query. The "credentials" are derived from the task id, so the same task
 * always gets the same link, and none of them is shaped like a real key (no LTAI prefix). Real
 * links are credentials; these are deliberately recognisable, so a client test can assert that
 * they never reach a log or an error message.
 */
import { createHash } from "node:crypto";

export interface PresignedUrlParts {
    /** Bucket name, e.g. cn-shanghai-ecd-report-files. */
    bucket: string;
    /** OSS region, e.g. cn-shanghai (the host is <bucket>.oss-<region>.aliyuncs.com). */
    region: string;
    /** Object key without a leading slash. */
    objectKey: string;
    /** When the link stops working (ms since the epoch); the URL carries it in seconds. */
    expiresAtMs: number;
    /** Anything unique to the task: the fake key, signature and token are derived from it. */
    seed: string;
    /** Signed with a temporary STS key: adds security-token. */
    sts: boolean;
}

export function presignedUrl(parts: PresignedUrlParts): string {
    const digest = createHash("sha256").update(`simulated-oss-link\u0000${parts.seed}`).digest();
    const keyId = `${parts.sts ? "STS." : ""}SIMOSS${digest.subarray(0, 8).toString("hex").toUpperCase()}`;
    // 20 bytes of base64 end in one "=", which shows up as %3D like a real HMAC-SHA1 signature.
    const signature = digest.subarray(8, 28).toString("base64");
    const query = [
        `Expires=${Math.floor(parts.expiresAtMs / 1000)}`,
        `OSSAccessKeyId=${encodeURIComponent(keyId)}`,
        `Signature=${encodeURIComponent(signature)}`,
    ];
    if (parts.sts) query.push(`security-token=${encodeURIComponent(`SIMULATED-STS-TOKEN-${digest.subarray(28).toString("hex")}`)}`);
    const path = parts.objectKey.split("/").map(encodeURIComponent).join("/");
    return `https://${parts.bucket}.oss-${parts.region}.aliyuncs.com/${path}?${query.join("&")}`;
}

/** 20250709140932: the compact UTC stamp report file names carry. */
export function compactUtc(ms: number): string {
    return new Date(ms).toISOString().replace(/[-:T]/g, "").slice(0, 14);
}
