/**
 * What a report's download URL says about itself: when it stops working and which file it is. It
 * is a pre-signed object-storage URL (Expires, OSSAccessKeyId, Signature, security-token in its
 * query), a credential until it expires: client/redact.ts shows it without its query.
 */

function queryOf(url: string): URLSearchParams | undefined {
    try {
        return new URL(url).searchParams;
    } catch {
        return undefined;
    }
}

function param(query: URLSearchParams, name: string): string | undefined {
    for (const [key, value] of query) if (key.toLowerCase() === name) return value;
    return undefined;
}

/** 20250709T140932Z, as OSS V4 signatures spell x-oss-date. */
function parseCompactUtc(text: string): number | undefined {
    const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
    return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : undefined;
}

/**
 * When a pre-signed URL stops working, as an ISO time: its `Expires` query value (Unix seconds,
 * OSS V1 signatures), or x-oss-date plus x-oss-expires seconds (V4). Undefined when the URL says
 * nothing (a plain link, or a masked value such as "Expires=*****").
 */
export function urlExpiry(url: string | undefined): string | undefined {
    if (!url) return undefined;
    const query = queryOf(url);
    if (!query) return undefined;
    const expires = param(query, "expires");
    if (expires !== undefined && /^\d{9,11}$/.test(expires.trim())) return new Date(Number(expires.trim()) * 1000).toISOString();
    const signedAt = parseCompactUtc(param(query, "x-oss-date") ?? "");
    const lifetime = param(query, "x-oss-expires");
    if (signedAt !== undefined && lifetime !== undefined && /^\d+$/.test(lifetime)) return new Date(signedAt + Number(lifetime) * 1000).toISOString();
    return undefined;
}

/** Whether an expiry time (ISO) has passed; an unknown or unreadable expiry never has. */
export function hasExpired(expiresAt: unknown, now: number = Date.now()): boolean {
    if (typeof expiresAt !== "string") return false;
    const at = Date.parse(expiresAt);
    return Number.isFinite(at) && at <= now;
}

/** The file a URL points at, decoded: "DESKTOP_20250709140932_1.xlsx". */
export function fileNameOfUrl(url: string | undefined): string | undefined {
    if (!url) return undefined;
    try {
        const last = new URL(url).pathname.split("/").filter(Boolean).pop();
        return last ? decodeURIComponent(last) : undefined;
    } catch {
        return undefined;
    }
}
