/**
 * Turning an outcome into the bytes of an answer. Shared by the server and by faults that damage
 * an answer after it was made (a truncated body needs the real one first).
 */
import { errorBody } from "./errors";
import type { RpcCall, RpcOutcome } from "./pipeline";

export const JSON_CONTENT_TYPE = "application/json;charset=utf-8";

export interface RenderedAnswer {
    status: number;
    contentType: string;
    body: Buffer;
    headers: Record<string, string>;
}

/** A success body with its RequestId: the handler's field order is kept (the reference pages' order). */
export function withRequestId(body: object, requestId: string): object {
    return "RequestId" in body ? body : { RequestId: requestId, ...body };
}

export function renderOutcome(call: Pick<RpcCall, "requestId" | "host" | "product">, outcome: Exclude<RpcOutcome, { kind: "reset" }>): RenderedAnswer {
    switch (outcome.kind) {
        case "json":
            return {
                status: outcome.status,
                contentType: JSON_CONTENT_TYPE,
                body: Buffer.from(JSON.stringify(withRequestId(outcome.body, call.requestId)), "utf8"),
                headers: { ...outcome.headers },
            };
        case "error":
            return {
                status: outcome.error.status,
                contentType: JSON_CONTENT_TYPE,
                body: Buffer.from(JSON.stringify(errorBody(outcome.error, call.requestId, call.host, call.product)), "utf8"),
                headers: { ...outcome.error.headers },
            };
        case "raw":
            return {
                status: outcome.status,
                contentType: outcome.contentType,
                body: typeof outcome.body === "string" ? Buffer.from(outcome.body, "utf8") : outcome.body,
                headers: { ...outcome.headers },
            };
    }
}
