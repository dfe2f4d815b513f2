/** What pop-core does not show: HTTP statuses, headers, the error body's shape, keep-alive. */
import { strict as assert } from "node:assert";
import * as http from "node:http";
import { SimError, SIMULATOR_ACCESS_KEY, startSimulator, type Simulator } from "../../simulator";
import { ecsClient, expectApiError, rawRequest, signedQuery } from "./helpers";

const UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

describe("simulator: HTTP behaviour", () => {
    let sim: Simulator;

    beforeEach(async () => {
        sim = await startSimulator();
    });
    afterEach(() => sim.close());

    const signed = (params: Record<string, string>) => "/?" + signedQuery("GET", params, SIMULATOR_ACCESS_KEY);

    it("listens on 127.0.0.1 and answers success with 200 JSON and the request id header", async () => {
        assert.match(sim.url, /^http:\/\/127\.0\.0\.1:\d+$/);
        const res = await rawRequest(sim.url, signed({ Action: "DescribeTasks", RegionId: "cn-hangzhou" }));
        assert.equal(res.status, 200);
        assert.match(String(res.headers["content-type"]), /^application\/json/);
        const body = res.json();
        assert.match(body.RequestId, UUID);
        assert.equal(res.headers["x-acs-request-id"], body.RequestId);
    });

    it("shapes error bodies like Alibaba Cloud, with the matching status", async () => {
        const res = await rawRequest(sim.url, signed({ Action: "DescribeTaskAttribute", RegionId: "cn-hangzhou", TaskId: "t-nothere" }));
        assert.equal(res.status, 400);
        const body = res.json();
        assert.deepEqual(Object.keys(body), ["RequestId", "HostId", "Code", "Message", "Recommend"]);
        assert.match(body.RequestId, UUID);
        assert.equal(body.HostId, sim.url.replace("http://", ""));
        assert.equal(body.Code, "InvalidTaskId.NotFound");
        assert.equal(body.Recommend, `https://api.aliyun.com/troubleshoot?q=InvalidTaskId.NotFound&product=Ecs&requestId=${body.RequestId}`);
        assert.equal(res.headers["x-acs-request-id"], body.RequestId);

        const statuses: Array<[Record<string, string>, number, string]> = [
            [{ Action: "DescribeTasks" }, 400, "MissingParameter"],
            [{ Action: "DescribeTasks", RegionId: "xx-nowhere-1" }, 400, "InvalidRegionId.NotFound"],
            [{ Action: "NoSuchAction" }, 404, "InvalidAction.NotFound"],
        ];
        for (const [params, status, code] of statuses) {
            const r = await rawRequest(sim.url, signed(params));
            assert.deepEqual([r.status, r.json().Code], [status, code]);
        }
    });

    it("answers a malformed percent-encoding with 400 InvalidParameter", async () => {
        const res = await rawRequest(sim.url, "/?Action=DescribeTasks&RegionId=%E0%A4%A");
        assert.equal(res.status, 400);
        assert.equal(res.json().Code, "InvalidParameter");
    });

    it("reuses one keep-alive connection, and close() drops idle ones at once", async () => {
        const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
        const sockets = new Set<unknown>();
        for (let i = 0; i < 3; i++) {
            await new Promise<void>((resolve, reject) => {
                const req = http.get(sim.url + signed({ Action: "DescribeTasks", RegionId: "cn-hangzhou" }), { agent }, (res) => {
                    sockets.add(req.socket);
                    res.resume();
                    res.on("end", resolve);
                });
                req.on("error", reject);
            });
        }
        assert.equal(sockets.size, 1);
        // pop-core's own keep-alive agent, left with an idle socket.
        await ecsClient(sim).request("DescribeTasks", { RegionId: "cn-hangzhou" });
        const started = Date.now();
        await sim.close();
        // waiting for the idle socket would take the server's 65 s keep-alive timeout (the client's agent keeps it
        // forever); dropping it takes milliseconds, a few seconds at most on a loaded machine
        assert.ok(Date.now() - started < 10_000, "close() waited for idle keep-alive sockets");
        agent.destroy();
    });

    it("runs added layers around the handler, e.g. to inject a fault", async () => {
        const remove = sim.addLayer(async (call, next) => {
            if (call.action === "DescribeTasks") return { kind: "raw", status: 502, contentType: "text/html", body: "<html>Bad Gateway</html>" };
            return next();
        });
        const res = await rawRequest(sim.url, signed({ Action: "DescribeTasks", RegionId: "cn-hangzhou" }));
        assert.deepEqual([res.status, res.text], [502, "<html>Bad Gateway</html>"]);
        remove();
        assert.equal((await rawRequest(sim.url, signed({ Action: "DescribeTasks", RegionId: "cn-hangzhou" }))).status, 200);
    });

    it("lets a layer answer with an API error (headers included) or drop the connection", async () => {
        sim.addLayer(async (call, next) => {
            if (call.params.RegionId === "cn-beijing")
                throw new SimError(400, "Throttling.User", "Request was denied due to user flow control.", { "x-acs-retry-after": "1500" });
            if (call.params.RegionId === "cn-shanghai") return { kind: "reset" };
            return next();
        }, "afterAuth");
        const client = ecsClient(sim);
        const err = await expectApiError(client.request("DescribeTasks", { RegionId: "cn-beijing" }));
        assert.equal(err.code, "Throttling.User");
        const raw = await rawRequest(sim.url, signed({ Action: "DescribeTasks", RegionId: "cn-beijing" }));
        assert.deepEqual([raw.status, raw.headers["x-acs-retry-after"]], [400, "1500"]);
        await assert.rejects(client.request("DescribeTasks", { RegionId: "cn-shanghai" }), /ECONNRESET|socket hang up/);
        assert.equal((await client.request<{ TotalCount: number }>("DescribeTasks", { RegionId: "cn-hangzhou" })).TotalCount, 0);
        assert.equal(sim.stats().errors["Throttling.User"], 2);
    });
});
