/**
 * Shared test helpers: real pop-core clients pointed at a simulator, raw HTTP requests, and RPC
 * and ROA signers written independently of simulator/signature.ts (so a bug there cannot hide
 * itself).
 */
import { createHash, createHmac } from "node:crypto";
import * as http from "node:http";
import RPCClient = require("@alicloud/pop-core");
import type { AccessKeyPair, Simulator, StsCredentials } from "../../simulator";

export const ECS_API_VERSION = "2014-05-26";
export const BDRC_API_VERSION = "2023-08-08";
export const ECD_API_VERSION = "2020-09-30";
export const SAS_API_VERSION = "2018-12-03";

type Keys = AccessKeyPair | StsCredentials | { accessKeyId: string; accessKeySecret: string; securityToken?: string };

/** A pop-core RPC client for one API version, exactly as an application would build it. */
/**
 * The clients' request timeout unless a call gives its own: pop-core's default (3 s) is shorter than a burst of
 * hundreds of calls, or one call on a loaded machine, may take. A guard against a hang, not a time limit under test.
 */
const CLIENT_OPTIONS = { timeout: 30_000 };

export function rpcClient(sim: Simulator, apiVersion: string, keys: Keys = sim.credentials.accessKey): RPCClient {
    return new RPCClient({
        endpoint: sim.url,
        apiVersion,
        accessKeyId: keys.accessKeyId,
        accessKeySecret: keys.accessKeySecret,
        securityToken: "securityToken" in keys ? keys.securityToken : undefined,
        opts: CLIENT_OPTIONS,
    });
}

/** A pop-core RPC client for ECS. */
export function ecsClient(sim: Simulator, keys: AccessKeyPair | StsCredentials = sim.credentials.accessKey): RPCClient {
    return rpcClient(sim, ECS_API_VERSION, keys);
}

/** pop-core's ROAClient, which its type definitions leave out. */
export interface RoaClient {
    request<T = unknown>(method: string, path: string, query?: object, body?: string, headers?: object, opts?: object): Promise<T>;
}
type RoaClientConstructor = new (config: {
    endpoint: string;
    apiVersion: string;
    accessKeyId: string;
    accessKeySecret: string;
    securityToken?: string;
    opts?: object;
}) => RoaClient;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ROAClient = (require("@alicloud/pop-core") as { ROAClient: RoaClientConstructor }).ROAClient;

/** A pop-core ROA client for bdrc. */
export function bdrcClient(sim: Simulator, keys: Keys = sim.credentials.accessKey): RoaClient {
    return new ROAClient({
        endpoint: sim.url,
        apiVersion: BDRC_API_VERSION,
        accessKeyId: keys.accessKeyId,
        accessKeySecret: keys.accessKeySecret,
        securityToken: "securityToken" in keys ? keys.securityToken : undefined,
        opts: CLIENT_OPTIONS,
    });
}

/** bdrc DescribeTask, as the brief's reference call makes it. */
export function describeBdrcTask<T = unknown>(client: RoaClient, taskId: string, opts: object = {}): Promise<T> {
    return client.request<T>("GET", "/api/v1/tasks/" + taskId, {}, "", {}, opts);
}

/** What pop-core's ROAClient throws for a JSON error with status >= 400. */
export interface RoaError {
    name: string;
    code: string;
    statusCode: number;
    result: Record<string, unknown>;
}

export async function expectRoaError(call: Promise<unknown>): Promise<RoaError> {
    const e = (await expectFailure(call)) as Partial<RoaError>;
    if (typeof e.code !== "string" || typeof e.statusCode !== "number") throw e;
    return e as RoaError;
}

/** Runs a call that must fail and returns whatever it threw (network errors, SyntaxError, ...). */
export async function expectFailure(call: Promise<unknown>): Promise<Error & Record<string, unknown>> {
    try {
        await call;
    } catch (err) {
        return err as Error & Record<string, unknown>;
    }
    throw new Error("expected the call to fail");
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
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read raw bodies field by field
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

/** PUTs JSON to a control endpoint. */
export function putJson(baseUrl: string, path: string, body: unknown): Promise<RawResponse> {
    return rawRequest(baseUrl, path, { method: "PUT", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
}

/** Builds the headers of a signed ROA request by hand: the test's own copy of the acs algorithm. */
export function signedRoaHeaders(
    method: string,
    path: string,
    keys: { accessKeyId: string; accessKeySecret: string; securityToken?: string },
    overrides: {
        date?: string;
        nonce?: string;
        version?: string;
        body?: string;
        contentMd5?: string;
        signatureMethod?: string;
        signatureVersion?: string;
    } = {},
): Record<string, string> {
    const body = overrides.body ?? "";
    const headers: Record<string, string> = {
        accept: "application/json",
        date: overrides.date ?? new Date().toUTCString(),
        "content-md5": overrides.contentMd5 ?? createHash("md5").update(body).digest("base64"),
        "x-acs-signature-nonce": overrides.nonce ?? `nonce-${Math.random().toString(36).slice(2)}-${Date.now()}`,
        "x-acs-version": overrides.version ?? BDRC_API_VERSION,
        "x-acs-signature-method": overrides.signatureMethod ?? "HMAC-SHA1",
        "x-acs-signature-version": overrides.signatureVersion ?? "1.0",
        ...(keys.securityToken ? { "x-acs-accesskey-id": keys.accessKeyId, "x-acs-security-token": keys.securityToken } : {}),
    };
    const acs = Object.keys(headers)
        .filter((h) => h.startsWith("x-acs-"))
        .sort()
        .map((h) => `${h}:${headers[h]}\n`)
        .join("");
    const stringToSign = `${method}\n${headers.accept}\n${headers["content-md5"]}\n\n${headers.date}\n${acs}${path}`;
    const signature = createHmac("sha1", keys.accessKeySecret).update(stringToSign).digest("base64");
    return { ...headers, authorization: `acs ${keys.accessKeyId}:${signature}` };
}
