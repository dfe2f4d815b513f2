/**
 * Who may use the control API. It is unsigned, so a web page the user has open must not reach it:
 * - DNS rebinding: a page on evil.example whose name now resolves to 127.0.0.1 sends Host:
 *   evil.example. Only loopback Host values with the simulator's own port are taken.
 * - Cross-site requests (CSRF): a browser sends Origin (and Sec-Fetch-Site) with them. Only the
 *   simulator's own origin is taken; Node clients and curl send neither.
 * - A form or a no-cors fetch can only send text/plain, urlencoded or multipart bodies without a
 *   preflight: a POST or PUT with a body must say application/json.
 * The signed API is left alone: real clients send the real service's Host.
 */
import type { IncomingHttpHeaders } from "node:http";

export interface ControlRefusal {
    status: number;
    message: string;
}

const LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]"];

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
    const value = headers[name];
    return Array.isArray(value) ? value.join(",") : value;
}

/** The Host values (lower case) the control API answers to on this port. */
function loopbackHosts(port: number): Set<string> {
    const hosts = LOOPBACK_NAMES.map((name) => `${name}:${port}`);
    // A client leaves out the default port.
    if (port === 80) hosts.push(...LOOPBACK_NAMES);
    return new Set(hosts);
}

function isJson(contentType: string | undefined): boolean {
    const mediaType = (contentType ?? "").split(";")[0].trim().toLowerCase();
    return mediaType === "application/json";
}

/** http://<loopback host>:<port>: what a page served by the simulator itself would send. */
function isOwnOrigin(origin: string, hosts: Set<string>): boolean {
    const lower = origin.toLowerCase();
    return lower.startsWith("http://") && hosts.has(lower.slice("http://".length));
}

/** Why a control request is refused, or undefined when it may go on. */
export function controlRefusal(method: string, headers: IncomingHttpHeaders, body: Buffer, port: number): ControlRefusal | undefined {
    const hosts = loopbackHosts(port);
    const host = (header(headers, "host") ?? "").toLowerCase();
    if (!hosts.has(host)) {
        return {
            status: 403,
            message: `the control API answers only to a loopback Host (127.0.0.1:${port}, localhost:${port} or [::1]:${port}), not "${host}"`,
        };
    }
    const origin = header(headers, "origin");
    if (origin !== undefined && !isOwnOrigin(origin, hosts)) {
        return { status: 403, message: `the control API refuses cross-origin requests (Origin ${origin}): only the simulator's own origin may use it` };
    }
    const fetchSite = header(headers, "sec-fetch-site");
    if (fetchSite !== undefined && fetchSite !== "same-origin" && fetchSite !== "none") {
        return { status: 403, message: `the control API refuses cross-origin requests (Sec-Fetch-Site ${fetchSite})` };
    }
    const contentType = header(headers, "content-type");
    if ((method === "POST" || method === "PUT") && (body.length > 0 || contentType !== undefined) && !isJson(contentType)) {
        return { status: 415, message: `a control ${method} takes a JSON body: send Content-Type application/json (got ${contentType ?? "none"})` };
    }
    return undefined;
}
