import type { ApiClient, CallTarget } from "../../provider/client/call";
import { ApiError } from "../../provider/client/errors";
import { DEFAULT_CADENCE } from "../../provider/engine/cadence";
import { Poller } from "../../provider/engine/poller";
import { sandboxedEvaluator } from "../../provider/services/expressionSandbox";
import { Runtime, createRuntime } from "../../provider/wait/runtime";
import { readSettings } from "../../provider/wait/settings";

/**
 * Unit tests answer API calls with a stub client instead of the network: a test file makes its own
 * (`new StubClient()`), puts it in the service context or runtime it builds, and says how each test
 * answers (`client.answer(handler)`, undone by `restore()`).
 */

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
    /** The AccessKeyId the call would be signed with, and the account its batch key and rate limit name. */
    accessKeyId?: string;
    account?: string;
}

export type CallHandler = (call: RecordedCall) => unknown;

export interface ClientStub {
    calls: RecordedCall[];
    restore(): void;
}

export class StubClient implements ApiClient {
    private handler?: CallHandler;
    private calls: RecordedCall[] = [];

    /** Answers every call with `handler` until `restore()`; the stub records the calls. */
    answer(handler: CallHandler): ClientStub {
        const calls: RecordedCall[] = [];
        this.handler = handler;
        this.calls = calls;
        return { calls, restore: () => (this.handler = undefined) };
    }

    async rpc(target: CallTarget, action: string, params: Record<string, unknown>): Promise<unknown> {
        const signer = await signerOf(target);
        return this.handle({ style: "rpc", api: target.api, endpoint: target.endpoint, apiVersion: target.apiVersion, action, params, ...signer });
    }

    async roa(target: CallTarget, method: string, path: string, query: Record<string, string> = {}): Promise<unknown> {
        const signer = await signerOf(target);
        return this.handle({
            style: "roa",
            api: target.api,
            endpoint: target.endpoint,
            apiVersion: target.apiVersion,
            action: method,
            params: query,
            path,
            ...signer,
        });
    }

    private handle(call: RecordedCall): unknown {
        if (!this.handler) throw new Error(`no answer for ${call.api}: the test did not call answer()`);
        this.calls.push(call);
        return this.handler(call);
    }
}

/** Who a call is signed as: read as the real client reads it, before each call. */
async function signerOf(target: CallTarget): Promise<{ accessKeyId: string; account: string }> {
    const credentials = await target.credentials.getCredentials();
    return { accessKeyId: credentials.accessKeyId, account: target.account };
}

export function apiError(code: string, httpStatus?: number, kind: "permanent" | "transient" | "throttling" = "permanent"): ApiError {
    return new ApiError(kind, "stub", code, `${code} from the stub`, "REQ-STUB", httpStatus);
}

/** One JMESPath worker for every test runtime of a process (each would start its own). */
const testExpressions = sandboxedEvaluator();

/**
 * A runtime as `configure` would set up with static credentials and a default region, on a stub
 * client. Its poller checks a wait first at once: a test's waits follow one another on the same
 * task, where the host's poller would hold the second for up to a second to gather first checks
 * (the poller's own tests hold that).
 */
export function testRuntime(client: ApiClient, options: { poller?: Poller; config?: Record<string, string> } = {}): Runtime {
    const config: Record<string, string> = {
        "alicloud:accessKey": "AKID-TEST",
        "alicloud:secretKey": "SECRET-TEST-VALUE",
        "alicloud:region": "cn-shanghai",
        ...options.config,
    };
    return createRuntime({
        settings: readSettings({ get: (key) => config[key] }, {}),
        client,
        poller: options.poller ?? new Poller(undefined, undefined, { ...DEFAULT_CADENCE, gatherMs: 0 }),
        expressions: testExpressions,
    });
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
