import * as assert from "assert";
import { withSecretOutputs } from "../../../provider/resources/reportExport";
import { redact, redactUrl } from "../../../provider/client/redact";
import { fileNameOfUrl, hasExpired, urlExpiry } from "../../../provider/services/downloadUrl";

const SIGNED =
    "https://cn-shanghai-ecd-report-files.oss-cn-shanghai.aliyuncs.com/ecd_report/DESKTOP_20250709140932_1.xlsx?Expires=1752070000&OSSAccessKeyId=STS.NTest&Signature=abc%3D&security-token=CAISTOKEN";

describe("download URLs: redaction and expiry", () => {
    it("shows a URL without its query or fragment", () => {
        assert.strictEqual(redactUrl(SIGNED), "https://cn-shanghai-ecd-report-files.oss-cn-shanghai.aliyuncs.com/ecd_report/DESKTOP_20250709140932_1.xlsx");
        assert.strictEqual(redactUrl("http://www.aliyun.com"), "http://www.aliyun.com");
        assert.strictEqual(redactUrl("https://h/p#frag"), "https://h/p");
    });

    it("removes the query of every URL in a message, and says it did", () => {
        const text = redact(`download from ${SIGNED} failed; see http://plain.example/doc`);
        assert.doesNotMatch(text, /Signature|security-token|CAISTOKEN|OSSAccessKeyId|Expires=/);
        assert.match(text, /DESKTOP_20250709140932_1\.xlsx\?\(query removed\) failed; see http:\/\/plain\.example\/doc$/);
    });

    it("reads Expires as Unix seconds, case-insensitively", () => {
        assert.strictEqual(urlExpiry(SIGNED), "2025-07-09T14:06:40.000Z");
        assert.strictEqual(urlExpiry("https://h/f.xlsx?expires=1700000000&Signature=x"), "2023-11-14T22:13:20.000Z");
    });

    it("reads an OSS V4 URL's x-oss-date plus x-oss-expires", () => {
        assert.strictEqual(urlExpiry("https://h/f.xlsx?x-oss-date=20250709T140932Z&x-oss-expires=3600&x-oss-signature=s"), "2025-07-09T15:09:32.000Z");
    });

    it("has no expiry for plain links, masked values and text that is no URL", () => {
        assert.strictEqual(urlExpiry("http://www.aliyun.com"), undefined);
        assert.strictEqual(urlExpiry("https://h/f.xlsx?Expires=*****&Signature=x"), undefined);
        assert.strictEqual(urlExpiry("not a url"), undefined);
        assert.strictEqual(urlExpiry(undefined), undefined);
    });

    it("compares an expiry with now; an unknown expiry never passes", () => {
        const at = Date.parse("2025-07-09T14:06:40.000Z");
        assert.strictEqual(hasExpired("2025-07-09T14:06:40.000Z", at - 1), false);
        assert.strictEqual(hasExpired("2025-07-09T14:06:40.000Z", at), true);
        assert.strictEqual(hasExpired(undefined, at), false);
        assert.strictEqual(hasExpired("garbage", at), false);
    });

    it("names the file a URL points at", () => {
        assert.strictEqual(fileNameOfUrl(SIGNED), "DESKTOP_20250709140932_1.xlsx");
        assert.strictEqual(fileNameOfUrl("https://h/a/b%20c.csv?x=1"), "b c.csv");
        assert.strictEqual(fileNameOfUrl("http://www.aliyun.com"), undefined);
    });
});

describe("ReportExport resource options", () => {
    it("marks downloadUrl secret, keeping the user's own secret outputs and options", () => {
        assert.deepStrictEqual(withSecretOutputs(undefined), { additionalSecretOutputs: ["downloadUrl"] });
        assert.deepStrictEqual(withSecretOutputs({ protect: true, additionalSecretOutputs: ["fileName", "downloadUrl"] }), {
            protect: true,
            additionalSecretOutputs: ["fileName", "downloadUrl"],
        });
    });
});
