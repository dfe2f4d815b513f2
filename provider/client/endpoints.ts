import { PRODUCT_ENDPOINTS, ProductEndpoints } from "./endpointData";

/**
 * (product code, region) -> endpoint, as Alibaba Cloud's SDKs resolve it: the product's map entry
 * for the region, else its rule. A product this package has no data for follows the rule most
 * products have, regional (<code>.<region>.aliyuncs.com): an ApiWaiter on such a product may name
 * its `endpoint` instead. A configured endpoint override (the simulator, a private endpoint) is
 * applied by the caller, before any of this.
 */

type EndpointChoice = { url: string } | { unsupported: string };

const BY_CODE = new Map(PRODUCT_ENDPOINTS.map((p) => [p.code.toLowerCase(), p]));

/** The data for a product code ("Ecs", "ecs" and "ECS" alike); undefined when this package has none. */
export function productEndpoints(code: string): ProductEndpoints | undefined {
    return BY_CODE.get(code.trim().toLowerCase());
}

/** The region quoted in a message, cut short: a region input can be anything until it is checked. */
function quoted(region: string): string {
    return JSON.stringify(region.length > 40 ? `${region.slice(0, 40)}...` : region);
}

/** The https endpoint of a product in a region, or why the product cannot be reached there. */
export function productEndpoint(code: string, region: string): EndpointChoice {
    const product = productEndpoints(code);
    if (!product) return { url: `https://${code.trim().toLowerCase()}.${region}.aliyuncs.com` };
    if (product.offeredIn && !product.offeredIn.includes(region)) {
        return {
            unsupported: `${product.name} is offered only in ${product.offeredIn.join(", ")}: ${quoted(region)} has no ${product.code} endpoint: use one of those regions`,
        };
    }
    return { url: `https://${hostOf(product, region)}` };
}

function hostOf(product: ProductEndpoints, region: string): string {
    const exception = Object.prototype.hasOwnProperty.call(product.exceptions, region) ? product.exceptions[region] : undefined;
    if (exception) return exception;
    if (product.otherRegions) return product.otherRegions(region);
    return product.rule === "regional" ? `${product.host}.${region}.aliyuncs.com` : `${product.host}.aliyuncs.com`;
}

/**
 * The domains Alibaba Cloud's endpoint data puts its APIs under: every host the data names (rules,
 * exceptions, other-region rules), to its last two labels. Today that is aliyuncs.com alone.
 */
const TRUSTED_API_DOMAINS: readonly string[] = [
    ...new Set(
        PRODUCT_ENDPOINTS.flatMap((p) => [
            `${p.host}.aliyuncs.com`,
            ...Object.values(p.exceptions),
            ...(p.otherRegions ? [p.otherRegions("cn-hangzhou"), p.otherRegions("eu-west-1")] : []),
        ]).map((host) => host.split(".").slice(-2).join(".")),
    ),
];

/** What a resource's `endpoint` may be, in words: messages and the docs say exactly this. */
export const TRUSTED_ENDPOINT_RULE = `an https URL or a host name (https is implied) under ${TRUSTED_API_DOMAINS.join(", ")}, Alibaba Cloud's API domain in its endpoint data`;

/**
 * Why an endpoint given as a resource input may not receive the credentials, or undefined when it
 * may: a value in a program (and in its state) must not send the signature, the AccessKeyId and the
 * STS token anywhere but Alibaba Cloud, nor in clear. The operator's endpoint override (stack config
 * or environment) is not judged here: it is the operator's own choice, and how tests reach the simulator.
 */
export function untrustedEndpointProblem(endpoint: string): string | undefined {
    const text = endpoint.trim();
    if (/^http:\/\//i.test(text)) return "is plain http: the signature, the AccessKeyId and the STS token would travel in clear";
    let host: string;
    try {
        host = new URL(endpointUrl(text)).hostname.toLowerCase();
    } catch {
        return "is not a URL or host name";
    }
    if (TRUSTED_API_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`))) return undefined;
    return `is not under ${TRUSTED_API_DOMAINS.join(", ")}: the request's credentials would go to ${JSON.stringify(host)}`;
}

/** localhost, 127.0.0.0/8, ::1: plain http to these stays on this machine. */
export function isLoopbackHost(hostname: string): boolean {
    const host = hostname.toLowerCase().replace(/^\[|\]$/g, "");
    return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Why an endpoint override cannot be used as written, or undefined. A host name without a scheme is
 * called over https (endpointUrl); on this machine that is a simulator, which serves plain http, and
 * the wait would fail later on a TLS error that does not say why.
 */
export function endpointOverrideProblem(endpoint: string): string | undefined {
    const trimmed = endpoint.trim();
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) return undefined;
    let host: string;
    try {
        host = new URL(`https://${trimmed}`).hostname;
    } catch {
        return `${JSON.stringify(endpoint)} is not a URL or host name`;
    }
    if (!isLoopbackHost(host)) return undefined;
    return `${JSON.stringify(endpoint)} has no scheme, so https would be used: a simulator on this machine serves plain http, write http://${trimmed}`;
}

/** An endpoint as a user writes it ("ecs.cn-hangzhou.aliyuncs.com" or a URL) as the base URL calls go to. */
export function endpointUrl(endpoint: string): string {
    const trimmed = endpoint.trim().replace(/\/+$/, "");
    return /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
}
