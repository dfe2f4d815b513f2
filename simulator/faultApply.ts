/**
 * What each kind of fault does to a call: answer with an error instead, wait, drop the
 * connection, or let the call go on and damage its answer.
 */
import { STATUS_CODES } from "node:http";
import { clockSkewError } from "./auth";
import { internalError, SimError } from "./errors";
import type { FaultSpec } from "./faultSpec";
import { removeAtPath, setAtPath } from "./jsonPath";
import type { RpcCall, RpcNext, RpcOutcome } from "./pipeline";
import { JSON_CONTENT_TYPE, renderOutcome, withRequestId } from "./render";
import type { TaskStore } from "./tasks";

const THROTTLING_MESSAGES: Record<string, string> = {
    Throttling: "Request was denied due to request throttling.",
    "Throttling.User": "Request was denied due to user flow control.",
    "Throttling.Api": "Request was denied due to api flow control.",
    "Rejected.Throttling": "Request was denied due to throttling.",
};

function retryAfterHeader(ms: number | undefined): Record<string, string> {
    // Alibaba Cloud's SDKs read x-acs-retry-after as milliseconds.
    return ms === undefined ? {} : { "x-acs-retry-after": String(ms) };
}

/** Waits ms of real time (forever when undefined); false when the client left first. */
export function waitUnlessAborted(ms: number | undefined, signal: AbortSignal): Promise<boolean> {
    if (signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
        const onAbort = () => {
            if (timer) clearTimeout(timer);
            resolve(false);
        };
        const timer =
            ms === undefined
                ? undefined
                : setTimeout(() => {
                      signal.removeEventListener("abort", onAbort);
                      resolve(true);
                  }, ms);
        signal.addEventListener("abort", onAbort, { once: true });
    });
}

function gatewayPage(status: number): string {
    const title = `${status} ${STATUS_CODES[status] ?? "Error"}`;
    return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n`;
}

/** The ids of the tasks a call is about: TaskId (RPC or ROA path), ExportId, TaskIds. */
function taskIdsOf(call: RpcCall): string[] {
    const ids = [call.params.TaskId, call.params.ExportId, call.pathParams.TaskId, ...(call.params.TaskIds ?? "").split(",")];
    return ids.map((id) => id?.trim()).filter((id): id is string => !!id);
}

async function truncated(call: RpcCall, next: RpcNext, fraction: number): Promise<RpcOutcome> {
    const outcome = await next();
    if (outcome.kind === "reset") return outcome;
    const answer = renderOutcome(call, outcome);
    const body = answer.body.subarray(0, Math.floor(answer.body.length * fraction));
    return { kind: "raw", status: answer.status, contentType: answer.contentType, body, headers: answer.headers };
}

async function mutated(call: RpcCall, next: RpcNext, remove: readonly string[], set: Readonly<Record<string, unknown>>): Promise<RpcOutcome> {
    const outcome = await next();
    if (outcome.kind !== "json") return outcome;
    // Serialised here, so that a removed RequestId stays removed.
    const body = JSON.parse(JSON.stringify(withRequestId(outcome.body, call.requestId))) as unknown;
    for (const path of remove) removeAtPath(body, path);
    for (const [path, value] of Object.entries(set)) setAtPath(body, path, value);
    return { kind: "raw", status: outcome.status, contentType: JSON_CONTENT_TYPE, body: JSON.stringify(body), headers: outcome.headers };
}

export async function applyFault(fault: FaultSpec, call: RpcCall, next: RpcNext, tasks: TaskStore): Promise<RpcOutcome> {
    switch (fault.kind) {
        case "throttle": {
            const code = fault.code ?? "Throttling.User";
            throw new SimError(fault.status ?? 400, code, THROTTLING_MESSAGES[code], retryAfterHeader(fault.retryAfterMs));
        }
        case "internalError":
            throw internalError();
        case "serviceUnavailable":
            throw new SimError(
                503,
                "ServiceUnavailable",
                "The request has failed due to a temporary failure of the server.",
                retryAfterHeader(fault.retryAfterMs),
            );
        case "error":
            throw new SimError(fault.status, fault.code, fault.message ?? fault.code, retryAfterHeader(fault.retryAfterMs));
        case "clockSkew":
            throw clockSkewError();
        case "latency":
        case "hang":
            // A client that leaves while we wait gets nothing (the server writes no answer to a closed socket).
            return (await waitUnlessAborted(fault.ms, call.signal)) ? next() : { kind: "reset" };
        case "reset":
            return { kind: "reset" };
        case "truncate":
            return truncated(call, next, fault.fraction ?? 0.5);
        case "html": {
            const status = fault.status ?? 502;
            return { kind: "raw", status, contentType: "text/html", body: gatewayPage(status) };
        }
        case "mutate":
            return mutated(call, next, fault.remove ?? [], fault.set ?? {});
        case "vanish":
            for (const id of fault.taskId === undefined ? taskIdsOf(call) : [fault.taskId]) tasks.remove(id);
            return next();
    }
}
