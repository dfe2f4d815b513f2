import * as assert from "assert";
import { ECS_STATUS_TABLE } from "../../../provider/services/ecs";
import { clampProgress, normalizeStatus } from "../../../provider/services/snapshot";
import { aggregateStatus } from "../../../provider/wait/status";
import { toApiError } from "../../../provider/client/errors";

describe("status mapping", () => {
    it("maps ECS statuses case-insensitively", () => {
        assert.strictEqual(normalizeStatus("Waiting", ECS_STATUS_TABLE), "pending");
        assert.strictEqual(normalizeStatus("PROCESSING", ECS_STATUS_TABLE), "running");
        assert.strictEqual(normalizeStatus("finished", ECS_STATUS_TABLE), "succeeded");
        assert.strictEqual(normalizeStatus("Failed", ECS_STATUS_TABLE), "failed");
    });

    it("treats an undocumented status as running unless the user lists it", () => {
        assert.strictEqual(normalizeStatus("Paused", ECS_STATUS_TABLE), "running");
        assert.strictEqual(normalizeStatus("Paused", ECS_STATUS_TABLE, { failureStatuses: ["paused"] }), "failed");
        assert.strictEqual(normalizeStatus("Done", ECS_STATUS_TABLE, { successStatuses: ["DONE"] }), "succeeded");
    });

    it("aggregates several tasks: any failure fails, all must succeed", () => {
        assert.strictEqual(aggregateStatus(["succeeded", "succeeded"]), "succeeded");
        assert.strictEqual(aggregateStatus(["succeeded", "failed"]), "failed");
        assert.strictEqual(aggregateStatus(["succeeded", "running"]), "running");
        assert.strictEqual(aggregateStatus(["pending", "pending"]), "pending");
    });

    it("clamps progress into 0..100", () => {
        assert.strictEqual(clampProgress(140), 100);
        assert.strictEqual(clampProgress(-3), 0);
        assert.strictEqual(clampProgress(33.333), 33.3);
        assert.strictEqual(clampProgress(99.99), 99.9, "cut, not rounded: a running task never shows a 100 its API did not say");
        assert.strictEqual(clampProgress(66.68), 66.6);
        assert.strictEqual(clampProgress(Number.NaN), undefined);
    });
});

describe("client: error classification", () => {
    /** The kind toApiError gives an error body with this code, answered with this HTTP status. */
    const classifyCode = (code: string, statusCode?: number) => toApiError("Test", { data: { Code: code, Message: "m" }, statusCode }).kind;

    it("classifies throttling, transient and permanent codes", () => {
        assert.strictEqual(classifyCode("Throttling.User", 400), "throttling");
        assert.strictEqual(classifyCode("Rejected.Throttling"), "throttling");
        assert.strictEqual(classifyCode("Whatever", 429), "throttling");
        assert.strictEqual(classifyCode("ServiceUnavailable", 503), "transient");
        assert.strictEqual(classifyCode("InternalError"), "transient");
        assert.strictEqual(classifyCode("SignatureDoesNotMatch", 400), "permanent");
        assert.strictEqual(classifyCode("Forbidden.RAM", 403), "permanent");
    });

    it("builds messages from the body only, never from the signed URL pop-core puts in its own", () => {
        const popCoreError = Object.assign(
            new Error("Specified access key is not found., URL: http://x/?AccessKeyId=AK&SecurityToken=TOKEN-SECRET&Signature=abc"),
            {
                code: "InvalidAccessKeyId.NotFound",
                data: { Code: "InvalidAccessKeyId.NotFound", Message: "Specified access key is not found.", RequestId: "REQ-1" },
                entry: { response: { statusCode: 404, headers: {} } },
            },
        );
        const error = toApiError("ECS DescribeTasks", popCoreError);
        assert.strictEqual(error.kind, "permanent");
        assert.strictEqual(error.requestId, "REQ-1");
        assert.doesNotMatch(error.message, /TOKEN-SECRET|Signature|URL/);
        assert.match(error.message, /ECS DescribeTasks failed: InvalidAccessKeyId.NotFound: Specified access key is not found. \(RequestId REQ-1\)/);
    });

    it("reads x-acs-retry-after as milliseconds, and network and parse errors as transient", () => {
        const throttled = toApiError("ECS DescribeTasks", {
            data: { Code: "Throttling.User", Message: "slow", RequestId: "R" },
            entry: { response: { statusCode: 429, headers: { "x-acs-retry-after": "1500" } } },
        });
        assert.strictEqual(throttled.kind, "throttling");
        assert.strictEqual(throttled.retryAfterMs, 1500);
        assert.strictEqual(
            toApiError("X", Object.assign(new Error("socket hang up GET http://?SecurityToken=s failed."), { code: "ECONNRESET" })).kind,
            "transient",
        );
        assert.doesNotMatch(toApiError("X", Object.assign(new Error("GET http://?SecurityToken=s failed."), { code: "ECONNRESET" })).message, /SecurityToken/);
        assert.strictEqual(toApiError("X", new SyntaxError("Unexpected end of JSON input")).kind, "transient");
        assert.strictEqual(toApiError("X", Object.assign(new Error(), { name: "RequestTimeoutError" })).kind, "transient");
    });
});
