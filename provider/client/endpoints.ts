import { PRODUCT_ENDPOINTS, ProductEndpoints } from "./endpointData";

/**
 * (product code, region) -> endpoint, as Alibaba Cloud's SDKs resolve it: the product's map entry
 * for the region, else its rule. A product this package has no data for follows the rule most
 * products have, regional (<code>.<region>.aliyuncs.com): an ApiWaiter on such a product may name
 * its `endpoint` instead. A configured endpoint override (the simulator, a private endpoint) is
 * applied by the caller, before any of this.
 */

export type EndpointChoice = { url: string } | { unsupported: string };

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

/** An endpoint as a user writes it ("ecs.cn-hangzhou.aliyuncs.com" or a URL) as the base URL calls go to. */
export function endpointUrl(endpoint: string): string {
    const trimmed = endpoint.trim().replace(/\/+$/, "");
    return /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
}
