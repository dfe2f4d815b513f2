import { ApiError } from "../../provider/client/errors";
import type { CallTarget } from "../../provider/client/call";
import { configureProvider } from "../../provider/waits/settings";

/**
 * Unit tests stub the client layer (client/call.ts) instead of the network: the service modules
 * look callRpc / callRoa up on the module at call time, so replacing them here is enough.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const callModule: Record<string, unknown> = require("../../provider/client/call");

export interface RecordedCall {
    style: "rpc" | "roa";
    api: string;
    endpoint: string;
    apiVersion: string;
    /** RPC action, or ROA method. */
    action: string;
    params: Record<string, unknown>;
    /** ROA path. */
    path?: string;
}

export type CallHandler = (call: RecordedCall) => unknown;

export interface ClientStub {
    calls: RecordedCall[];
    restore(): void;
}

export function stubClient(handler: CallHandler): ClientStub {
    const original = { callRpc: callModule.callRpc, callRoa: callModule.callRoa };
    const calls: RecordedCall[] = [];
    callModule.callRpc = async (target: CallTarget, action: string, params: Record<string, unknown>) => {
        const call: RecordedCall = { style: "rpc", api: target.api, endpoint: target.endpoint, apiVersion: target.apiVersion, action, params };
        calls.push(call);
        return handler(call);
    };
    callModule.callRoa = async (target: CallTarget, method: string, path: string, query: Record<string, string> = {}) => {
        const call: RecordedCall = {
            style: "roa",
            api: target.api,
            endpoint: target.endpoint,
            apiVersion: target.apiVersion,
            action: method,
            params: query,
            path,
        };
        calls.push(call);
        return handler(call);
    };
    return {
        calls,
        restore() {
            callModule.callRpc = original.callRpc;
            callModule.callRoa = original.callRoa;
        },
    };
}

export function apiError(code: string, httpStatus?: number, kind: "permanent" | "transient" | "throttling" = "permanent"): ApiError {
    return new ApiError(kind, "stub", code, `${code} from the stub`, "REQ-STUB", httpStatus);
}

/** Provider settings as `configure` would read them: static credentials and a default region. */
export function configureForTests(extra: Record<string, string> = {}): void {
    const config: Record<string, string> = {
        "alicloud:accessKey": "AKID-TEST",
        "alicloud:secretKey": "SECRET-TEST-VALUE",
        "alicloud:region": "cn-shanghai",
        ...extra,
    };
    configureProvider({ get: (key) => config[key] }, {});
}

/** Lines written to stdout while `run` runs (progress lines, warnings). */
export async function captureStdout<T>(run: () => Promise<T>): Promise<{ value?: T; error?: unknown; lines: string[] }> {
    const lines: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array) => {
        lines.push(...String(chunk).split("\n").filter(Boolean));
        return true;
    }) as typeof process.stdout.write;
    try {
        return { value: await run(), lines };
    } catch (error) {
        return { error, lines };
    } finally {
        process.stdout.write = write;
    }
}
