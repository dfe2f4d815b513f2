/**
 * The simulator's HTTP server. Paths under /__sim/ go to the control API; everything else is an
 * RPC call (GET with a query, or POST with a form body) routed by (Version, Action) through the
 * service registry, behind a chain of layers: [before-auth layers] -> authentication ->
 * [after-auth layers] -> handler. Fault injection plugs in with addLayer().
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { rpcAuthenticationLayer } from "./auth";
import { CONTROL_PREFIX, handleControl } from "./control";
import { errorBody, invalidAction, missingParameter, newRequestId, SimError } from "./errors";
import { BodyTooLargeError, readBody, sendBody, sendJson } from "./http-io";
import { errorOutcome, runLayers, type RpcCall, type RpcLayer, type RpcOutcome } from "./pipeline";
import { emptyParams, parseEncodedParams, type RequestParams } from "./signature";
import type { SimulatorState } from "./state";

export type LayerPosition = "beforeAuth" | "afterAuth";

/** Idle keep-alive sockets are kept longer than clients tend to, so a reused socket is rarely closed under a request. */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export class SimServer {
  private readonly server: Server;
  private readonly layers: Record<LayerPosition, RpcLayer[]> = { beforeAuth: [], afterAuth: [] };
  private readonly authenticate: RpcLayer;
  private baseUrl: string | undefined;

  constructor(private readonly state: SimulatorState) {
    this.authenticate = rpcAuthenticationLayer({ credentials: state.credentials, nonces: state.nonces });
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  }

  /** Inserts a layer into the RPC chain (appended within its position). Returns a remover. */
  addLayer(layer: RpcLayer, position: LayerPosition = "beforeAuth"): () => void {
    this.layers[position].push(layer);
    return () => {
      const list = this.layers[position];
      const index = list.indexOf(layer);
      if (index >= 0) list.splice(index, 1);
    };
  }

  /** Listens on 127.0.0.1 (port 0: any free port) and resolves to the base URL. */
  listen(port = 0): Promise<string> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, "127.0.0.1", () => {
        this.server.off("error", reject);
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
      if (path.startsWith(CONTROL_PREFIX)) return handleControl(req, res, path, body, this.state);
      await this.handleRpc(req, res, path, rawQuery, body);
    } catch (err) {
      if (res.headersSent) return void res.destroy();
      if (err instanceof BodyTooLargeError) return sendJson(res, 413, { message: err.message });
      if (err instanceof URIError) return sendJson(res, 400, { message: "malformed percent-encoding in the URL" });
      console.error("simulator: unexpected error:", err);
      sendJson(res, 500, { message: "internal simulator error" });
    }
  }

  private async handleRpc(req: IncomingMessage, res: ServerResponse, path: string, rawQuery: string, body: Buffer): Promise<void> {
    const requestId = newRequestId();
    const host = req.headers.host ?? "127.0.0.1";
    let params: RequestParams;
    try {
      params = parseRpcParams(req, rawQuery, body);
    } catch {
      this.state.stats.recordCall("");
      const err = new SimError(400, "InvalidParameter", "The request contains a malformed percent-encoded parameter.");
      return this.write(req, res, { requestId, host, product: "" }, { kind: "error", error: err });
    }
    const action = params.Action ?? "";
    const version = params.Version ?? "";
    this.state.stats.recordCall(action);
    const call: RpcCall = {
      requestId,
      method: (req.method ?? "GET").toUpperCase(),
      host,
      headers: req.headers,
      params,
      action,
      version,
      product: this.state.registry.productOf(version) ?? "",
    };

    let outcome: RpcOutcome;
    try {
      if (path !== "/") throw new SimError(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.");
      if (action === "") throw missingParameter("Action");
      if (version === "") throw missingParameter("Version");
      const definition = this.state.registry.findRpcAction(version, action);
      if (!definition) throw invalidAction(action, version);
      const chain = [...this.layers.beforeAuth, this.authenticate, ...this.layers.afterAuth];
      outcome = await runLayers(call, chain, async () => {
        const body = await definition.handler({
          action,
          version,
          params,
          requestId,
          accessKeyId: params.AccessKeyId,
          now: this.state.clock.now(),
          tasks: this.state.tasks,
        });
        return { kind: "json", status: 200, body };
      });
    } catch (thrown) {
      outcome = errorOutcome(thrown);
    }
    this.write(req, res, call, outcome);
  }

  private write(req: IncomingMessage, res: ServerResponse, call: Pick<RpcCall, "requestId" | "host" | "product">, outcome: RpcOutcome): void {
    const requestHeader = { "x-acs-request-id": call.requestId };
    switch (outcome.kind) {
      case "json":
      {
        // Keep the handler's field order (the reference pages' order); add RequestId only if missing.
        const body = "RequestId" in outcome.body ? outcome.body : { RequestId: call.requestId, ...outcome.body };
        return sendJson(res, outcome.status, body, { ...outcome.headers, ...requestHeader });
      }
      case "error":
        this.state.stats.recordError(outcome.error.code);
        return sendJson(res, outcome.error.status, errorBody(outcome.error, call.requestId, call.host, call.product), {
          ...outcome.error.headers,
          ...requestHeader,
        });
      case "raw":
        return sendBody(res, outcome.status, outcome.contentType, outcome.body, { ...outcome.headers, ...requestHeader });
      case "reset":
        req.socket.resetAndDestroy();
        return;
    }
  }
}

/** Query parameters, plus the form body of a POST (pop-core puts everything there). */
function parseRpcParams(req: IncomingMessage, rawQuery: string, body: Buffer): RequestParams {
  const params = parseEncodedParams(rawQuery, emptyParams());
  const contentType = req.headers["content-type"] ?? "";
  if (req.method === "POST" && contentType.startsWith("application/x-www-form-urlencoded")) {
    parseEncodedParams(body.toString("utf8"), params);
  }
  return params;
}
