/**
 * The path an API request (RPC or ROA) takes between parsing and the HTTP answer: a chain of
 * layers around the handler. Fault injection is the first layer, authentication the next; more
 * can be slotted in with Simulator/SimServer.addLayer(). Layers never see exceptions: a SimError
 * thrown anywhere becomes an "error" outcome, so a layer can inspect or replace any answer,
 * including refusals.
 */
import type { IncomingHttpHeaders } from "node:http";
import { internalError, SimError } from "./errors";
import type { RequestParams } from "./signature";

/** RPC: at "/", the action named by a parameter (V2) or the x-acs-action header (V3). ROA: a resource path. */
export type ApiStyle = "rpc" | "roa";

/** One parsed API request (the name dates from when there was only RPC). */
export interface RpcCall {
    readonly requestId: string;
    readonly style: ApiStyle;
    /** GET, POST, ... */
    readonly method: string;
    /** The request path without the query: "/" for RPC, e.g. /api/v1/tasks/t-1 for ROA. */
    readonly path: string;
    /** The query string as sent (V3 signs it canonicalised). */
    readonly rawQuery: string;
    /** The Host header, echoed as HostId in errors. */
    readonly host: string;
    readonly headers: IncomingHttpHeaders;
    /** RPC: every parameter (query, and a form or JSON body). ROA: the query. Decoded. */
    readonly params: RequestParams;
    /** ROA path parameters, e.g. { TaskId: "t-1" }; empty for RPC. */
    readonly pathParams: Readonly<Record<string, string>>;
    /** The raw request body (ROA signs its MD5). */
    readonly body: Buffer;
    /** The service the action belongs to ("ecs", "bdrc", ...); "" when no action was found. */
    readonly service: string;
    readonly action: string;
    readonly version: string;
    /** Product code for Recommend links ("Ecs"); "" when the version is unknown. */
    readonly product: string;
    /** Aborted when the client goes away before the answer: layers that wait should stop. */
    readonly signal: AbortSignal;
}

/** How the server answers. */
export type RpcOutcome =
    /** A JSON success body; status 200 unless a layer says otherwise. */
    | { kind: "json"; status: number; body: object; headers?: Record<string, string> }
    /** An API error, rendered as the Alibaba error body with error.status. */
    | { kind: "error"; error: SimError }
    /** Arbitrary bytes, e.g. an HTML gateway page or truncated JSON. */
    | { kind: "raw"; status: number; contentType: string; body: string | Buffer; headers?: Record<string, string> }
    /** Drop the connection without answering. */
    | { kind: "reset" };

export type RpcNext = () => Promise<RpcOutcome>;

/** Wraps the rest of the chain: call next() to go on, or answer without calling it. */
export type RpcLayer = (call: RpcCall, next: RpcNext) => Promise<RpcOutcome>;

export function errorOutcome(thrown: unknown): RpcOutcome {
    if (thrown instanceof SimError) return { kind: "error", error: thrown };
    // A bug in the simulator itself: answer like a real 500 and leave a trace for whoever debugs it.
    console.error("simulator: unexpected error in request handling:", thrown);
    return { kind: "error", error: internalError() };
}

async function guarded(step: () => Promise<RpcOutcome>): Promise<RpcOutcome> {
    try {
        return await step();
    } catch (thrown) {
        return errorOutcome(thrown);
    }
}

/** Runs the layers in order, innermost the final step (normally the action handler). */
export function runLayers(call: RpcCall, layers: readonly RpcLayer[], final: RpcNext): Promise<RpcOutcome> {
    const step = (index: number): Promise<RpcOutcome> => (index === layers.length ? guarded(final) : guarded(() => layers[index](call, () => step(index + 1))));
    return step(0);
}
