/**
 * Shared test helpers: real pop-core clients pointed at a simulator, raw HTTP requests, and an
 * RPC signer written independently of simulator/signature.ts (so a bug there cannot hide itself).
 */
import { createHmac } from "node:crypto";
import * as http from "node:http";
import RPCClient = require("@alicloud/pop-core");
import type { AccessKeyPair, Simulator, StsCredentials } from "../../simulator";

export const ECS_API_VERSION = "2014-05-26";

/** A pop-core RPC client for ECS, exactly as an application would build it. */
export function ecsClient(sim: Simulator, keys: AccessKeyPair | StsCredentials = sim.credentials.accessKey): RPCClient {
  return new RPCClient({
    endpoint: sim.url,
    apiVersion: ECS_API_VERSION,
    accessKeyId: keys.accessKeyId,
    accessKeySecret: keys.accessKeySecret,
    securityToken: "securityToken" in keys ? keys.securityToken : undefined,
  });
}

/** pop-core parses with json-bigint, whose objects have no prototype; deepEqual wants plain ones. */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** What pop-core throws for an error body. */
export interface PopCoreError {
  code: string;
  data: Record<string, unknown>;
}

/** Runs a call that must fail and returns pop-core's error. */
export async function expectApiError(call: Promise<unknown>): Promise<PopCoreError> {
  try {
    await call;
  } catch (err) {
    const e = err as Partial<PopCoreError>;
    if (typeof e.code !== "string") throw err;
    return e as PopCoreError;
  }
  throw new Error("expected the call to fail with an API error");
}

/** pop-core's Timestamp format: UTC, whole seconds. */
export function signingTimestamp(ms = Date.now()): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function encode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}

/** Builds a signed RPC query string by hand: the test's own copy of Alibaba's algorithm. */
export function signedQuery(
  method: string,
  params: Record<string, string>,
  keys: { accessKeyId: string; accessKeySecret: string; securityToken?: string },
  overrides: { timestamp?: string; nonce?: string } = {},
): string {
  const all: Record<string, string> = {
    Format: "JSON",
    Version: ECS_API_VERSION,
    AccessKeyId: keys.accessKeyId,
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
    SignatureNonce: overrides.nonce ?? `nonce-${Math.random().toString(36).slice(2)}-${Date.now()}`,
    Timestamp: overrides.timestamp ?? signingTimestamp(),
    ...(keys.securityToken ? { SecurityToken: keys.securityToken } : {}),
    ...params,
  };
  const canonical = Object.keys(all)
    .sort()
    .map((k) => `${encode(k)}=${encode(all[k])}`)
    .join("&");
  const stringToSign = `${method}&${encode("/")}&${encode(canonical)}`;
  const signature = createHmac("sha1", `${keys.accessKeySecret}&`).update(stringToSign).digest("base64");
  return `${canonical}&Signature=${encode(signature)}`;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json(): any;
}

/** A plain HTTP request (no keep-alive), to see what pop-core hides: statuses and headers. */
export function rawRequest(
  baseUrl: string,
  path: string,
  options: { method?: string; body?: string; headers?: Record<string, string>; agent?: http.Agent } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${baseUrl}${path}`,
      { method: options.method ?? "GET", headers: options.headers, agent: options.agent ?? new http.Agent({ keepAlive: false }) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

/** POSTs JSON to a control endpoint. */
export function postJson(baseUrl: string, path: string, body: unknown): Promise<RawResponse> {
  return rawRequest(baseUrl, path, {
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "content-type": "application/json" },
  });
}
