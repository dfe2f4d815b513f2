import { Clock, systemClock } from "../engine/clock";
import { KNOWN_REGIONS } from "./endpointData";
import { ApiError } from "./errors";
import { nearest } from "./nearest";
import { PRODUCT_CODES } from "./productCodes";

/**
 * A host that does not resolve (ENOTFOUND) is most often a typo in the product code or the region
 * that names it (ecz.cn-hangzhou.aliyuncs.com). A resolver can fail for a moment too, so the first
 * failures are retried like any network error; once a host has failed to resolve for DNS_GRACE_MS
 * without an answer in between, it is a permanent error that names the host and what it was
 * probably meant to be, instead of retries until the wait's timeout.
 */
const DNS_GRACE_MS = 20_000;

export class UnresolvedHosts {
    /** When each host that does not resolve first failed (since its last answer). */
    private readonly since = new Map<string, number>();

    constructor(private readonly clock: Clock = systemClock) {}

    /** The error a failed call ends with: an ENOTFOUND past the grace becomes permanent. */
    judge(host: string, error: ApiError): ApiError {
        if (error.code !== "ENOTFOUND") return error;
        const now = this.clock.now();
        const first = this.since.get(host) ?? now;
        this.since.set(host, first);
        if (now - first < DNS_GRACE_MS) return error;
        const meant = likelyHosts(host);
        return new ApiError(
            "permanent",
            error.api,
            "ENOTFOUND",
            `the host ${host} does not resolve (for ${Math.round((now - first) / 1000)}s): ${meant.length ? `did you mean ${meant.join(" or ")}? ` : ""}check the product code and the region (or the endpoint) that name it`,
        );
    }

    /** The host answered: its grace starts over. */
    answered(host: string): void {
        this.since.delete(host);
    }
}

/** The hosts it was likely meant to be: its product label and region mended where they are a typo or two from known ones. */
function likelyHosts(host: string): string[] {
    const match = /^([a-z0-9-]+?)([.-])([a-z]{2,}(?:-[a-z0-9]+)+)\.aliyuncs\.com$/i.exec(host.toLowerCase());
    if (!match) return [];
    const [, product, separator, region] = match;
    const products = PRODUCT_CODES.includes(product) ? [product] : nearest(product, PRODUCT_CODES, 1);
    const regions = KNOWN_REGIONS.includes(region) ? [region] : nearest(region, KNOWN_REGIONS, 2).slice(0, 1);
    const hosts = products.flatMap((p) => regions.map((r) => `${p}${separator}${r}.aliyuncs.com`));
    return hosts.filter((h) => h !== host.toLowerCase());
}
