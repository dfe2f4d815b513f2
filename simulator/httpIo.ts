/** Small helpers for reading requests and writing answers with node:http. */
import type { IncomingMessage, ServerResponse } from "node:http";

/** Bodies larger than this are refused: no API the simulator serves takes more. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * How much more of an oversized body is read (and thrown away) before the connection is dropped.
 * Reading it all lets the 413 reach the client: closing a socket with unread data makes TCP answer
 * with a reset, which the client sees instead of the status.
 */
export const MAX_DISCARDED_BYTES = 16 * 1024 * 1024;

export class BodyTooLargeError extends Error {}

/** The whole body, or BodyTooLargeError once it has been read to its end (drained, not kept). */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        req.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size <= limit) return void chunks.push(chunk);
            chunks.length = 0;
            if (size > limit + MAX_DISCARDED_BYTES) {
                reject(new BodyTooLargeError(`request body over ${limit + MAX_DISCARDED_BYTES} bytes`));
                req.destroy();
            }
        });
        req.on("end", () => (size > limit ? reject(new BodyTooLargeError(`request body over ${limit} bytes`)) : resolve(Buffer.concat(chunks))));
        req.on("error", reject);
    });
}

export function sendBody(res: ServerResponse, status: number, contentType: string, body: string | Buffer, headers: Record<string, string> = {}): void {
    const payload = typeof body === "string" ? Buffer.from(body, "utf8") : body;
    res.writeHead(status, { ...headers, "content-type": contentType, "content-length": String(payload.length) });
    res.end(payload);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    sendBody(res, status, "application/json;charset=utf-8", JSON.stringify(body), headers);
}
