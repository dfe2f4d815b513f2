import * as http from "http";
import * as https from "https";

/**
 * The sockets under pop-core. Its client reads a whole response into memory and parses it as JSON
 * whatever the status says. These agents look at each response first, and when it cannot be an API
 * answer they hand pop-core an API error body instead of it, so that the error is classified like
 * any other: a body larger than MAX_RESPONSE_BYTES (a 50 MB RequestId once cost half a gigabyte)
 * is read and dropped, never held; an error status with a body that is not JSON (a gateway's HTML
 * page, an empty 403) becomes "HTTP<status>", whose status decides whether to retry, instead of a
 * failed parse that is retried until the deadline.
 */
const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/** The error body pop-core gets in place of an answer that could not be one. */
interface Substitute {
    status: number;
    body: { Code: string; Message: string };
}

function guard(response: http.IncomingMessage): void {
    const status = response.statusCode ?? 0;
    const type = String(response.headers["content-type"] ?? "");
    const declared = Number(response.headers["content-length"] ?? NaN);
    const tooLarge = (): Substitute => ({
        status: 413,
        body: { Code: "ResponseTooLarge", Message: `the response is larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MiB: not an API answer (dropped unread)` },
    });
    let substitute: Substitute | undefined;
    if (declared > MAX_RESPONSE_BYTES) substitute = tooLarge();
    else if (status >= 400 && !/json|xml/i.test(type)) {
        const what = /html/i.test(type)
            ? "an HTML page (a gateway or proxy answered, not the API)"
            : declared === 0 || !type
              ? "an empty body"
              : `a ${type} body`;
        substitute = { status, body: { Code: `HTTP${status}`, Message: `the server answered HTTP ${status} with ${what}` } };
    }
    // The parser hands the body over through push(): it is held here (up to the limit) and passed on
    // at its end, so that a body found too large part way is never half delivered.
    const held: Buffer[] = [];
    let received = 0;
    const push = response.push.bind(response);
    response.push = (chunk: unknown, encoding?: BufferEncoding) => {
        if (chunk !== null && chunk !== undefined) {
            if (substitute) return true;
            const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), encoding);
            received += bytes.length;
            if (received > MAX_RESPONSE_BYTES) {
                substitute = tooLarge();
                held.length = 0;
            } else held.push(bytes);
            return true;
        }
        if (substitute) {
            response.statusCode = substitute.status;
            response.headers["content-type"] = "application/json";
            push(Buffer.from(JSON.stringify(substitute.body)));
        } else if (held.length > 0) push(Buffer.concat(held));
        return push(null);
    };
}

/** The method through which a ClientRequest obtains its socket: the one proxy agents override too; not in Node's typings. */
interface AgentInternals {
    addRequest(req: http.ClientRequest, options: unknown): void;
}

/** An agent whose every response passes `guard` before anyone reads it. */
function guarded<A extends http.Agent>(agent: A): A {
    const addRequest = (agent as unknown as AgentInternals).addRequest.bind(agent);
    Object.assign(agent, {
        addRequest(req: http.ClientRequest, options: unknown) {
            req.once("response", guard);
            addRequest(req, options);
        },
    });
    return agent;
}

/** One keep-alive agent per protocol: a client per call must not mean a socket per call. */
export interface Agents {
    http: http.Agent;
    https: http.Agent;
}

/** The agents of one ApiClient (one per runtime: the provider process's, or a CLI run's). */
export function guardedAgents(): Agents {
    return {
        http: guarded(new http.Agent({ keepAlive: true, maxSockets: 64 })),
        https: guarded(new https.Agent({ keepAlive: true, maxSockets: 64 })),
    };
}

export function agentFor(agents: Agents, endpoint: string): http.Agent {
    return endpoint.startsWith("https://") ? agents.https : agents.http;
}
