// A host that does not resolve: retried for a short grace, then a permanent error naming the host and
// what it was likely meant to be; through the real client, against a name that never resolves (.invalid).
import * as assert from "assert";
import { popCoreClient } from "../../../provider/client/call";
import { UnresolvedHosts } from "../../../provider/client/dnsGrace";
import { ApiError, toApiError } from "../../../provider/client/errors";
import { RateLimiter } from "../../../provider/client/limiter";
import { FakeClock } from "../../support/engineClock";

/** How long a host that does not resolve is retried, pinned: changing it is a decision. */
const DNS_GRACE_MS = 20_000;

const notFound = (host: string) => toApiError("Ecs DescribeInstances", { code: "ENOTFOUND" }, host);

describe("client/dnsGrace: a host that does not resolve", () => {
    it("is retried within the grace, then permanent, naming the host and the hosts it likely meant", async () => {
        const clock = new FakeClock(0);
        const hosts = new UnresolvedHosts(clock);
        const host = "ecz.cn-hangzou.aliyuncs.com";
        assert.strictEqual(hosts.judge(host, notFound(host)).kind, "transient");
        await clock.advance(DNS_GRACE_MS - 1);
        assert.strictEqual(hosts.judge(host, notFound(host)).kind, "transient");
        await clock.advance(1);
        const error = hosts.judge(host, notFound(host));
        assert.deepStrictEqual([error.kind, error.code], ["permanent", "ENOTFOUND"]);
        assert.match(
            error.message,
            /the host ecz\.cn-hangzou\.aliyuncs\.com does not resolve \(for 20s\): did you mean ecd\.cn-hangzhou\.aliyuncs\.com or eci\.cn-hangzhou\.aliyuncs\.com or ecs\.cn-hangzhou\.aliyuncs\.com\?/,
        );
        hosts.answered(host);
        assert.strictEqual(hosts.judge(host, notFound(host)).kind, "transient", "an answer in between starts the grace over");
        assert.strictEqual(hosts.judge("ecs.cn-hangzhou.aliyuncs.com", toApiError("x", { code: "ECONNRESET" })).kind, "transient", "other errors pass");
    });

    it("through the real client: the error names the host; after the grace the call fails as permanent", async () => {
        const clock = new FakeClock(0);
        const client = popCoreClient(new RateLimiter(), undefined, new UnresolvedHosts(clock));
        const target = {
            api: "Ecs DescribeInstances",
            product: "ecs",
            endpoint: "https://ecs.nowhere.invalid",
            apiVersion: "2014-05-26",
            account: "AKID",
            credentials: { getCredentials: async () => ({ accessKeyId: "AKID", accessKeySecret: "SECRET" }) },
        };
        const call = () =>
            client.rpc(target, "DescribeInstances", {}).then(
                () => assert.fail("resolved"),
                (e: unknown) => e as ApiError,
            );
        const first = await call();
        assert.deepStrictEqual([first.kind, first.code], ["transient", "ENOTFOUND"]);
        assert.match(first.message, /network error reaching ecs\.nowhere\.invalid/);
        await clock.advance(DNS_GRACE_MS);
        const later = await call();
        assert.deepStrictEqual([later.kind, later.code], ["permanent", "ENOTFOUND"]);
        assert.match(later.message, /the host ecs\.nowhere\.invalid does not resolve/);
    });
});
