import { KNOWN_REGIONS } from "../client/endpointData";
import { nearest } from "../client/nearest";
import { PRODUCT_CODES } from "../client/productCodes";

/**
 * Regions and product codes held against what Alibaba's data knows, at `check`. A name one typo
 * away from a known one, in its letters, is almost surely that typo: a region fails `check` with
 * a did-you-mean (`cn-hangzou`). A name the data does not know may be newer than it (a region
 * opened since, `ap-southeast-8`, differs from a known one in its digits only): a warning, not a
 * failure. A product code only picks an endpoint, and codes are short and many, so an unknown one
 * always only warns; a typo in it then fails fast when the host does not resolve (client/dnsGrace.ts).
 */

type NameAdvice = { failure: string } | { warning: string } | undefined;

const quoted = (names: string[]) => names.map((n) => JSON.stringify(n)).join(" or ");

export function regionAdvice(region: string): NameAdvice {
    if (KNOWN_REGIONS.includes(region)) return undefined;
    const digitsAside = (name: string) => name.replace(/\d+/g, "#");
    const typo = nearest(region, KNOWN_REGIONS, 1).filter((r) => digitsAside(r) !== digitsAside(region));
    if (typo.length > 0) return { failure: `${JSON.stringify(region)} is not a region: did you mean ${quoted(typo)}? (use a region id of Alibaba Cloud's)` };
    const near = nearest(region, KNOWN_REGIONS, 2);
    return {
        warning: `region ${JSON.stringify(region)} is not in Alibaba's endpoint data that this package holds${near.length ? ` (did you mean ${quoted(near)}?)` : ""}; if it is a newer region, calls go to the endpoint its product's rule names`,
    };
}

export function productAdvice(product: string): NameAdvice {
    if (PRODUCT_CODES.includes(product.toLowerCase())) return undefined;
    const near = nearest(product, PRODUCT_CODES, 1);
    return {
        warning: `product ${JSON.stringify(product)} is not in Alibaba's product list that this package holds${near.length ? ` (did you mean ${quoted(near)}?)` : ""}; if it is a newer product, set \`endpoint\` to be sure where calls go`,
    };
}
