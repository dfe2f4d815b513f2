import type { Failure, FailureKind } from "../engine/result";
import { printable, redactCredentialParameters } from "./redact";

/**
 * Every failure of an Alibaba Cloud call becomes an ApiError: a code, the RequestId, and a kind
 * that says whether waiting may go on. Messages are built from the response body only: the
 * client's own messages embed the signed URL, which carries the AccessKeyId, the signature and
 * the STS token.
 */
export class ApiError extends Error implements Failure {
    override readonly name = "ApiError";
    constructor(
        readonly kind: FailureKind,
        readonly api: string,
        readonly code: string,
        readonly detail: string,
        readonly requestId?: string,
        readonly httpStatus?: number,
        readonly retryAfterMs?: number,
    ) {
        super(`${api} failed: ${code}: ${detail}${requestId ? ` (RequestId ${requestId})` : ""}`);
    }
}

/** A response that parsed but does not have the documented shape: never retried, never `undefined` downstream. */
export class ResponseShapeError extends Error implements Failure {
    override readonly name = "ResponseShapeError";
    readonly kind = "permanent" as const;
    readonly code = "UnexpectedResponseShape";
    constructor(
        readonly api: string,
        readonly field: string,
        readonly problem: string,
        readonly requestId?: string,
    ) {
        super(
            `${api} returned an unexpected response: field ${field}: ${problem}` +
                `${requestId ? ` (RequestId ${requestId})` : ""}. The API may have changed; please report it.`,
        );
    }
}

const THROTTLING_CODES = new Set(["Throttling", "Throttling.User", "Throttling.Api", "Throttling.Resource", "Rejected.Throttling"]);
const TRANSIENT_CODES = new Set([
    "InternalError",
    "ServiceUnavailable",
    "ServiceUnavailable.Temporary",
    "UnknownError",
    "ServerError",
    "RdCheckInnerError",
    "RequestTimeout",
    "Gateway.Timeout",
]);
const NETWORK_CODES = new Set([
    "ECONNRESET",
    "ECONNREFUSED",
    "ETIMEDOUT",
    "EPIPE",
    "EAI_AGAIN",
    "ENOTFOUND",
    "ECONNABORTED",
    "EHOSTUNREACH",
    "ENETUNREACH",
    "UND_ERR_SOCKET",
]);

/** The request's time differs from Alibaba Cloud's by more than the 15 minutes a signature may be old. */
const CLOCK_CODES = new Set(["InvalidTimeStamp.Expired", "RequestTimeTooSkewed", "InvalidTimeStamp.Format"]);
const CLOCK_HINT = " (this machine's clock differs from Alibaba Cloud's by more than 15 minutes: set it right, for example with NTP)";

/** A server's retry-after is honoured up to this long; a longer one (or a nonsense value) is read as this. */
const MAX_RETRY_AFTER_MS = 60_000;

/** An error code that says the request was throttled, so not acted on (a bare HTTP 429 from a proxy does not say so much). */
export function isThrottlingCode(code: string): boolean {
    return THROTTLING_CODES.has(code) || code.startsWith("Throttling");
}

/** Throttling first (it gets its own slow-down), then server-side and network trouble, else permanent. */
function classifyCode(code: string, httpStatus?: number): FailureKind {
    if (isThrottlingCode(code) || httpStatus === 429) return "throttling";
    if (code === "ResponseTooLarge") return "permanent";
    if (TRANSIENT_CODES.has(code) || (httpStatus !== undefined && httpStatus >= 500)) return "transient";
    return "permanent";
}

interface PopCoreError {
    name?: string;
    code?: string;
    message?: string;
    statusCode?: number;
    data?: Record<string, unknown>;
    result?: Record<string, unknown>;
    entry?: { response?: { statusCode?: number; headers?: Record<string, string | string[] | undefined> } };
}

/**
 * Turns whatever pop-core or the network threw into an ApiError, without any of its message text.
 * `host`, when given, is named in network errors: which host failed is most of what they say.
 */
export function toApiError(api: string, thrown: unknown, host?: string): ApiError {
    if (thrown instanceof ApiError) return thrown;
    const e = (thrown ?? {}) as PopCoreError;
    const at = host ? ` reaching ${host}` : "";
    const body = e.data ?? e.result;
    // some ROA products (Container Service) spell the error body's fields in lower case: code, message, requestId
    const field = (name: string): string | undefined => {
        const value = body?.[name] ?? body?.[name[0].toLowerCase() + name.slice(1)];
        return typeof value === "string" && value !== "" ? value : undefined;
    };
    if (body && typeof body === "object" && field("Code") !== undefined) {
        const status = e.statusCode ?? e.entry?.response?.statusCode;
        // server text: never printed raw, never whole
        const code = printable(field("Code")!, 100);
        const retryAfterMs = parseRetryAfter(e.entry?.response?.headers?.["x-acs-retry-after"]);
        // a SignatureDoesNotMatch message quotes the string to sign, token and all: scrubbed before it is cut
        const message = printable(redactCredentialParameters(field("Message") ?? "no message"), 1000);
        const requestId = field("RequestId") && printable(field("RequestId")!, 100);
        const hint = CLOCK_CODES.has(code) ? CLOCK_HINT : "";
        return new ApiError(classifyCode(code, status), api, code, message + hint, requestId, status, retryAfterMs);
    }
    const status = e.statusCode ?? e.entry?.response?.statusCode;
    if (status !== undefined && status >= 400) {
        // an error status whose body has no Code (a gateway page, a bare 404)
        return new ApiError(
            classifyCode(`HTTP${status}`, status),
            api,
            `HTTP${status}`,
            "the server answered with an error status and no error code",
            undefined,
            status,
        );
    }
    if (e.name === "SyntaxError" || e.name === "FormatError") {
        return new ApiError("transient", api, "InvalidResponseBody", "the response body was not valid JSON (truncated or an error page)");
    }
    if (e.name === "TypeError" && typeof e.message === "string" && /of null|of undefined/.test(e.message)) {
        // pop-core reads `Code` off whatever the body parsed to: a body of JSON null ends here
        return new ApiError("transient", api, "InvalidResponseBody", "the response body was JSON null, not an object");
    }
    if (typeof e.name === "string" && e.name.includes("Timeout")) {
        return new ApiError("transient", api, "RequestTimeout", `no response${at} before the client timeout`);
    }
    if (typeof e.code === "string" && NETWORK_CODES.has(e.code)) {
        return new ApiError("transient", api, e.code, `network error${at}`);
    }
    if (typeof e.message === "string" && /socket hang up|ECONNRESET/i.test(e.message)) {
        return new ApiError("transient", api, "ECONNRESET", `network error${at} (connection reset)`);
    }
    return new ApiError("permanent", api, e.code ?? e.name ?? "UnknownClientError", "the request could not be made");
}

/** x-acs-retry-after is in milliseconds, as Alibaba Cloud's own SDKs read it; capped at MAX_RETRY_AFTER_MS. */
export function parseRetryAfter(value: string | string[] | undefined): number | undefined {
    const text = Array.isArray(value) ? value[0] : value;
    if (text === undefined) return undefined;
    const ms = Number(text.trim());
    if (Number.isNaN(ms) || ms <= 0) return undefined;
    return Math.min(ms, MAX_RETRY_AFTER_MS);
}
