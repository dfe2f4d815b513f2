/**
 * Alibaba-shaped API errors. Handlers and the authentication layer throw SimError; the server
 * turns it into the body real endpoints return, with the matching HTTP status.
 */
import { randomUUID } from "node:crypto";

/** An API error with the status and code the real service would answer with. */
export class SimError extends Error {
    constructor(
        readonly status: number,
        readonly code: string,
        message: string,
        /** Extra response headers, e.g. x-acs-retry-after for throttling. */
        readonly headers: Readonly<Record<string, string>> = {},
    ) {
        super(message);
        this.name = "SimError";
    }
}

/** The JSON body of an error, field for field as Alibaba Cloud returns it. */
export interface ErrorBody {
    RequestId: string;
    HostId: string;
    Code: string;
    Message: string;
    Recommend: string;
}

/** Request ids are uppercase UUIDs, like 473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E. */
export function newRequestId(): string {
    return randomUUID().toUpperCase();
}

/** The troubleshooting link real errors carry in Recommend. */
export function recommendUrl(code: string, product: string, requestId: string): string {
    const q = encodeURIComponent(code);
    return `https://api.aliyun.com/troubleshoot?q=${q}&product=${encodeURIComponent(product)}&requestId=${requestId}`;
}

export function errorBody(err: SimError, requestId: string, hostId: string, product: string): ErrorBody {
    return {
        RequestId: requestId,
        HostId: hostId,
        Code: err.code,
        Message: err.message,
        Recommend: recommendUrl(err.code, product, requestId),
    };
}

// Constructors for the errors the simulator raises, with the messages the real services use.

export function missingParameter(name: string): SimError {
    return new SimError(400, "MissingParameter", `An input parameter "${name}" that is mandatory for processing the request is not supplied.`);
}

export function invalidParameter(name: string, detail: string): SimError {
    return new SimError(400, "InvalidParameter", `The specified parameter "${name}" is not valid. ${detail}`);
}

/**
 * A value outside a parameter's enumeration, refused by the API gateway before the service sees it:
 * Invalid{ParameterName}, as in the gateway's table of common errors.
 */
export function invalidEnumValue(name: string): SimError {
    return new SimError(400, `Invalid${name}`, `Specified parameter ${name} is not valid.`);
}

/** A SignatureMethod (RPC) or x-acs-signature-method (ROA) other than HMAC-SHA1. */
export function invalidSignatureMethod(): SimError {
    return new SimError(400, "InvalidSignatureMethod", "Specified signature method is not valid.");
}

export function incompleteSignature(detail: string): SimError {
    return new SimError(400, "IncompleteSignature", `The request signature does not conform to Aliyun standards. ${detail}`);
}

export function invalidAction(action: string, version: string): SimError {
    return new SimError(404, "InvalidAction.NotFound", `Specified api is not found, please check your url and method. (Action=${action}, Version=${version})`);
}

export function internalError(): SimError {
    return new SimError(500, "InternalError", "The request processing has failed due to some unknown error, exception or failure.");
}
