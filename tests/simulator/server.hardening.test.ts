/**
 * Hardening at the HTTP edge: an oversized body is answered 413 (not a reset), the control API only
 * listens to loopback Host values and same-origin JSON requests (no DNS rebinding, no CSRF from a web
 * page), and the clock cannot be pushed past what a date can hold.
 */
import { strict as assert } from "node:assert";
import * as http from "node:http";
import { ManualClock, SIMULATOR_ACCESS_KEY, startSimulator, type Simulator } from "../../simulator";
import { rawRequest, signedQuery, type RawResponse } from "./helpers";

const TASK = JSON.stringify({ service: "ecs", action: "ImportImage", durationMs: 1_000, outcome: "success" });

/** Sends a body of `size` bytes with Content-Length and reads the answer; a reset rejects. */
function sendLargeBody(url: string, path: string, size: number, headers: Record<string, string> = {}): Promise<RawResponse> {
    return rawRequest(url, path, { method: "POST", body: "a".repeat(size), headers: { "content-type": "application/x-www-form-urlencoded", ...headers } });
}

/** Streams a chunked body (no Content-Length) of `size` bytes. */
function sendChunkedBody(url: string, size: number): Promise<number> {
    return new Promise((resolve, reject) => {
        const req = http.request(
            `${url}/`,
            { method: "POST", agent: new http.Agent({ keepAlive: false }), headers: { "content-type": "application/json" } },
            (res) => {
                res.resume();
                res.on("end", () => resolve(res.statusCode ?? 0));
            },
        );
        req.on("error", reject);
        const chunk = "b".repeat(64 * 1024);
        for (let sent = 0; sent < size; sent += chunk.length) req.write(chunk);
        req.end();
    });
}

describe("simulator: hardening at the HTTP edge", () => {
    let sim: Simulator;
    let port: string;

    before(async () => {
        sim = await startSimulator({ clock: new ManualClock(Date.UTC(2024, 4, 1)) });
        port = new URL(sim.url).port;
    });
    after(() => sim.close());

    describe("request bodies over 1 MiB", () => {
        it("answers 413 with a JSON message, on API and control paths, instead of resetting the connection", async () => {
            for (const path of ["/", "/api/v1/tasks/t-1", "/__sim/tasks"]) {
                const res = await sendLargeBody(sim.url, path, 1024 * 1024 + 1);
                assert.equal(res.status, 413, path);
                assert.match(res.json().message, /over 1048576 bytes/);
            }
            assert.equal(await sendChunkedBody(sim.url, 3 * 1024 * 1024), 413);
        });

        it("still takes a body of exactly 1 MiB", async () => {
            const query = signedQuery("POST", { Action: "DescribeTasks", RegionId: "cn-hangzhou" }, SIMULATOR_ACCESS_KEY);
            const res = await rawRequest(sim.url, "/", { method: "POST", body: query + "&Pad=" + "p".repeat(1024 * 1024 - query.length - 5) });
            assert.notEqual(res.status, 413);
        });
    });

    describe("the control API refuses what a web page could send it", () => {
        const post = (headers: Record<string, string>, body = TASK) => rawRequest(sim.url, "/__sim/tasks", { method: "POST", body, headers });

        it("accepts loopback Host values with the simulator's port", async () => {
            for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`]) {
                assert.equal((await post({ host, "content-type": "application/json" })).status, 201, host);
                assert.equal((await rawRequest(sim.url, "/__sim/stats", { headers: { host } })).status, 200, host);
            }
        });

        it("refuses any other Host (DNS rebinding), for reads too", async () => {
            for (const host of ["evil.example", `evil.example:${port}`, "127.0.0.1", `127.0.0.1:1`, `127.0.0.1.evil.example:${port}`, `localhost.:${port}`]) {
                const res = await post({ host, "content-type": "application/json" });
                assert.equal(res.status, 403, host);
                assert.match(res.json().message, /Host/);
                assert.equal((await rawRequest(sim.url, "/__sim/tasks", { headers: { host } })).status, 403, host);
            }
        });

        it("refuses a browser's cross-origin requests, and accepts its own origin", async () => {
            const json = { "content-type": "application/json" };
            for (const origin of ["http://evil.example", "null", `http://localhost:${Number(port) + 1}`, `https://127.0.0.1:${port}`]) {
                const res = await post({ ...json, origin });
                assert.equal(res.status, 403, origin);
                assert.match(res.json().message, /origin/i);
            }
            assert.equal((await post({ ...json, "sec-fetch-site": "cross-site" })).status, 403);
            assert.equal((await post({ ...json, origin: sim.url })).status, 201);
            assert.equal((await post({ ...json, origin: `http://localhost:${port}`, host: `localhost:${port}` })).status, 201);
        });

        it("takes only application/json bodies on POST and PUT (a text/plain form is a CSRF)", async () => {
            for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
                const res = await post({ "content-type": type });
                assert.equal(res.status, 415, type);
            }
            assert.equal((await post({})).status, 415, "a body without a content type");
            const put = await rawRequest(sim.url, "/__sim/task-templates/ecd", { method: "PUT", body: "{}", headers: { "content-type": "text/plain" } });
            assert.equal(put.status, 415);
            assert.equal((await post({ "content-type": "application/json; charset=utf-8" })).status, 201);
            // A POST with no body at all needs no type.
            assert.equal((await rawRequest(sim.url, "/__sim/stats/reset", { method: "POST" })).status, 200);
        });

        it("leaves the signed API alone: any Host, no Origin rule", async () => {
            const query = signedQuery("GET", { Action: "DescribeTasks", RegionId: "cn-hangzhou" }, SIMULATOR_ACCESS_KEY);
            const res = await rawRequest(sim.url, `/?${query}`, { headers: { host: "ecs.cn-hangzhou.aliyuncs.com" } });
            assert.equal(res.status, 200);
        });
    });
});

describe("simulator: a manual clock stays within dates", () => {
    it("refuses to advance past the last date (was a 500 on every call after)", async () => {
        const sim = await startSimulator({ clock: new ManualClock(Date.UTC(2024, 4, 1)) });
        try {
            const advance = (ms: number) =>
                rawRequest(sim.url, "/__sim/clock/advance", { method: "POST", body: JSON.stringify({ ms }), headers: { "content-type": "application/json" } });
            const res = await advance(1e308);
            assert.equal(res.status, 400);
            assert.match(res.json().message, /ms must be an integer from 0 to/);
            assert.equal((await rawRequest(sim.url, "/__sim/clock")).status, 200);
            assert.equal((await rawRequest(sim.url, "/__sim/tasks")).status, 200);
            assert.equal((await advance(86_400_000)).status, 200);
        } finally {
            await sim.close();
        }
    });
});
