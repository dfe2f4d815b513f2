/**
 * The simulator's HTTP server. Paths under /__sim/ go to the control API; everything else is an
 * API call: RPC at "/" (parameters in the query, a form or a JSON body) routed by (Version, Action)
 * or, signed V3, by the x-acs-version and x-acs-action headers; ROA anywhere else routed by
 * (x-acs-version, method, path). Every call passes a chain of layers:
 * fault injection -> [before-auth layers] -> authentication -> [after-auth layers] -> handler.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { authenticationLayer, callerAccessKeyId } from "./authLayer";
import { CONTROL_PREFIX, handleControl } from "./control";
import { internalError, newRequestId } from "./errors";
import { BodyTooLargeError, readBody, sendBody, sendJson } from "./httpIo";
import { runLayers, type RpcCall, type RpcLayer, type RpcOutcome } from "./pipeline";
import type { ApiActionDefinition } from "./registry";
import { regionOfHost } from "./regions";
import { renderOutcome } from "./render";
import { routeRequest } from "./routing";
import type { SimulatorState } from "./state";
import { UNKNOWN_ACTION } from "./stats";

export type LayerPosition = "beforeAuth" | "afterAuth";

/**
 * The port asked for cannot be had: taken by another process (EADDRINUSE) or reserved (EACCES).
 * The bare system error names neither the port nor the way out, port 0.
 */
export class PortUnavailableError extends Error {
    override readonly name = "PortUnavailableError";

    private constructor(
        readonly port: number,
        /** The system's code, as on the error it replaces. */
        readonly code: "EADDRINUSE" | "EACCES",
    ) {
        const why = code === "EADDRINUSE" ? "is in use by another process" : "needs privileges this process does not have";
        super(`port ${port} on 127.0.0.1 ${why} (${code}): give another port, or port 0 for any free one`);
    }

    static from(err: NodeJS.ErrnoException, port: number): PortUnavailableError | undefined {
        return err.code === "EADDRINUSE" || err.code === "EACCES" ? new PortUnavailableError(port, err.code) : undefined;
    }
}

/** Idle keep-alive sockets are kept longer than clients tend to, so a reused socket is rarely closed under a request. */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export class SimServer {
    private readonly server: Server;
    private readonly layers: Record<LayerPosition, RpcLayer[]> = { beforeAuth: [], afterAuth: [] };
    private readonly authenticate: RpcLayer;
    private baseUrl: string | undefined;

    constructor(private readonly state: SimulatorState) {
        this.authenticate = authenticationLayer({ credentials: state.credentials, nonces: state.nonces });
        this.server = createServer((req, res) => void this.handle(req, res));
        this.server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
    }

    /** Inserts a layer into the chain (appended within its position, after fault injection). Returns a remover. */
    addLayer(layer: RpcLayer, position: LayerPosition = "beforeAuth"): () => void {
        this.layers[position].push(layer);
        return () => {
            const list = this.layers[position];
            const index = list.indexOf(layer);
            if (index >= 0) list.splice(index, 1);
        };
    }

    /** Listens on 127.0.0.1 (port 0: any free port) and resolves to the base URL. Rejects with PortUnavailableError. */
    listen(port = 0): Promise<string> {
        return new Promise((resolve, reject) => {
            const refused = (err: NodeJS.ErrnoException) => reject(PortUnavailableError.from(err, port) ?? err);
            this.server.once("error", refused);
            this.server.listen(port, "127.0.0.1", () => {
                this.server.off("error", refused);
                const address = this.server.address() as AddressInfo;
                this.baseUrl = `http://127.0.0.1:${address.port}`;
                resolve(this.baseUrl);
            });
        });
    }

    get url(): string {
        if (this.baseUrl === undefined) throw new Error("the simulator is not listening");
        return this.baseUrl;
    }

    /** Stops listening and drops every connection at once, idle keep-alive ones included. */
    close(): Promise<void> {
        if (!this.server.listening) return Promise.resolve();
        return new Promise((resolve, reject) => {
            this.server.close((err) => (err ? reject(err) : resolve()));
            this.server.closeAllConnections();
        });
    }

    private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
        try {
            const url = req.url ?? "/";
            const queryStart = url.indexOf("?");
            const path = queryStart < 0 ? url : url.slice(0, queryStart);
            const rawQuery = queryStart < 0 ? "" : url.slice(queryStart + 1);
            const body = await readBody(req);
            if (path.startsWith(CONTROL_PREFIX)) return handleControl(req, res, path, body, this.state, req.socket.localPort ?? 0);
            await this.handleApi(req, res, path, rawQuery, body);
        } catch (err) {
            if (res.headersSent) return void res.destroy();
            if (err instanceof BodyTooLargeError) return sendJson(res, 413, { message: err.message });
            if (err instanceof URIError) return sendJson(res, 400, { message: "malformed percent-encoding in the URL" });
            console.error("simulator: unexpected error:", err);
            sendJson(res, 500, { message: "internal simulator error" });
        }
    }

    private async handleApi(req: IncomingMessage, res: ServerResponse, path: string, rawQuery: string, body: Buffer): Promise<void> {
        const aborter = new AbortController();
        // Fires after a normal answer too, when nobody is listening any more; before one, it means the client left.
        res.once("close", () => aborter.abort());
        const { call, definition, refusal } = routeRequest(
            { requestId: newRequestId(), method: (req.method ?? "GET").toUpperCase(), path, rawQuery, headers: req.headers, body, signal: aborter.signal },
            this.state.registry,
        );
        // Counted by name only when routed: a made-up action would otherwise add a key per request.
        this.state.stats.recordCall(definition ? call.action : call.style === "rpc" && call.action === "" ? "" : UNKNOWN_ACTION);
        let outcome: RpcOutcome;
        if (!definition) {
            outcome = { kind: "error", error: refusal ?? internalError() };
        } else {
            const chain = [this.state.faults.layer, ...this.layers.beforeAuth, this.authenticate, ...this.layers.afterAuth];
            outcome = await runLayers(call, chain, () => this.runHandler(call, definition));
        }
        this.write(req, res, call, outcome);
    }

    private async runHandler(call: RpcCall, definition: ApiActionDefinition): Promise<RpcOutcome> {
        const body = await definition.handler({
            service: definition.service,
            action: call.action,
            version: call.version,
            params: call.params,
            pathParams: call.pathParams,
            requestId: call.requestId,
            accessKeyId: callerAccessKeyId(call),
            now: this.state.clock.now(),
            tasks: this.state.tasks,
            startTask: (fields) => this.state.startApiTask(definition.service, fields, regionOfHost(call.host)),
        });
        return { kind: "json", status: 200, body };
    }

    private write(req: IncomingMessage, res: ServerResponse, call: RpcCall, outcome: RpcOutcome): void {
        // A client that gave up (a timeout during an injected hang) gets nothing more.
        if (call.signal.aborted || res.destroyed) return;
        if (outcome.kind === "reset") return void req.socket.resetAndDestroy();
        if (outcome.kind === "error") this.state.stats.recordError(outcome.error.code);
        const answer = renderOutcome(call, outcome);
        sendBody(res, answer.status, answer.contentType, answer.body, { ...answer.headers, "x-acs-request-id": call.requestId });
    }
}
