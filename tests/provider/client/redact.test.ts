// What leaves the process passes redact(): a URL's query (a pre-signed link's signature and token) never
// reaches a line or an error, whichever way the text got there; credential parameters without a URL
// around them neither.
import * as assert from "assert";
import { ApiError } from "../../../provider/client/errors";
import { redact } from "../../../provider/client/redact";
import { ECS_REQUEST, useApiWaits } from "../../support/apiWaits";

const SIGNED =
    "https://files.oss-cn-shanghai.aliyuncs.com/report.xlsx?Expires=1700000000&OSSAccessKeyId=STS.NK&Signature=c2lnbmF0dXJl&security-token=CAIS-token";

describe("client/redact: the composition every message and line goes through", () => {
    it("strips a URL's query from a text, and credential parameters without a URL", () => {
        const text = redact(`download failed: ${SIGNED} (retry later)`);
        assert.strictEqual(text, "download failed: https://files.oss-cn-shanghai.aliyuncs.com/report.xlsx?(query removed) (retry later)");
        assert.strictEqual(
            redact("string to sign: GET&%2F&AccessKeyId%3DSIMULATORKEYID0001%26SecurityToken%3DCAIS"),
            "string to sign: GET&%2F&AccessKeyId%3D***%26SecurityToken%3D***",
        );
    });

    describe("in a wait's error and in its progress line", () => {
        const waits = useApiWaits();

        it("an error that quotes a signed URL ends without its query", async () => {
            const stub = waits.client.answer(() => {
                throw new ApiError("permanent", "Ecs DescribeInstances", "InvalidParameter", `the parameter refers to ${SIGNED}`, "R-1", 400);
            });
            try {
                const { outcome } = await waits.run({ ...ECS_REQUEST, until: { expr: "Status", to: "Running" } });
                assert.match(outcome.message!, /the parameter refers to https:\/\/files\.oss-cn-shanghai\.aliyuncs\.com\/report\.xlsx\?\(query removed\)/);
                assert.doesNotMatch(`${outcome.message} ${JSON.stringify(outcome.outputs)}`, /c2lnbmF0dXJl|CAIS-token|Expires=/);
            } finally {
                stub.restore();
            }
        });

        it("a progress line that shows a signed URL shows it without its query", async () => {
            // short enough that the line shows it whole
            let link = "https://b.oss.aliyuncs.com/r?Expires=17&Signature=c2ln";
            const stub = waits.client.answer(() => ({ Link: link }));
            try {
                const started = waits.start({ ...ECS_REQUEST, until: { expr: "Link", to: "done" } });
                await waits.clock().advance(0);
                link = "done";
                await waits.clock().advance(10_000);
                assert.strictEqual((await started.outcome).state, "success");
                assert.match(started.lines[0], /task Ecs DescribeInstances https:\/\/b\.oss\.aliyuncs\.com\/r\?\(query removed\) \(running\)/);
                for (const line of started.lines) assert.doesNotMatch(line, /c2ln|Expires=/, line);
            } finally {
                stub.restore();
            }
        });
    });
});
