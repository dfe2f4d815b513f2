// What ApiWaiter does with an answer, in this process against the stub client: secret fields kept out of
// every line, reason and message and their outputs made secret; signatures and credentials scrubbed from
// what is recorded; recorded answers capped; `secret: true` hiding the matched value from progress lines.
import * as assert from "assert";
import { ECS_REQUEST, useApiWaits } from "../../../support/apiWaits";

const SECRET_DATA = "s3cr3t-Database-Password-42";
const STATUS = "Instances.Instance[0].Status";

describe("wait/definitions/api: answers, secrets and what is recorded", () => {
    const waits = useApiWaits();

    it("keeps a secret field's value (KMS SecretData) out of lines, reason and message; answer and matchedValue become secret outputs", async () => {
        const answer = { RequestId: "R", SecretName: "db", SecretData: SECRET_DATA, VersionStages: { VersionStage: ["ACSCurrent"] } };
        const stub = waits.client.answer(() => answer);
        try {
            const kms = { product: "Kms", version: "2016-01-20", action: "GetSecretValue", params: { SecretName: "db" } };
            const acceptors = [
                { state: "retry", expr: "SecretData", exists: false },
                { state: "failure", expr: "SecretData", equals: SECRET_DATA },
            ];
            const { outcome, lines } = await waits.run({ ...kms, acceptors, until: { expr: "SecretName", to: "other" }, progress: "SecretData" });
            assert.strictEqual(outcome.state, "failure");
            const texts = [...lines, outcome.message ?? "", String(outcome.outputs.reason)];
            assert.deepStrictEqual(
                texts.filter((t) => t.includes(SECRET_DATA)),
                [],
                "no line, message or reason holds the value",
            );
            assert.match(String(outcome.outputs.reason), /acceptor 1 \(failure\) matched: SecretData is \(secret\)/);
            assert.deepStrictEqual(outcome.secretOutputs, ["answer", "matchedValue"]);
            assert.deepStrictEqual(outcome.outputs.secretFields, ["SecretData"]);
            assert.ok(
                lines.some((l) =>
                    /the answer holds secret fields \(SecretData\): .* answer and matchedValue recorded as secret outputs; set `secret: true`/.test(l),
                ),
                lines.join("\n"),
            );
        } finally {
            stub.restore();
        }
    });

    it("records an answer that holds no secret as it is, not secret, and narrows by `output` what it judges secret", async () => {
        const stub = waits.client.answer(() => ({ AccessKey: { AccessKeyId: "SIMULATORKEYID0002", AccessKeySecret: SECRET_DATA, Status: "Active" } }));
        try {
            const ram = { product: "Ram", version: "2015-05-01", action: "GetAccessKey", until: { expr: "AccessKey.Status", to: "Active" } };
            const narrowed = await waits.run({ ...ram, output: "AccessKey.Status" });
            assert.deepStrictEqual([narrowed.outcome.outputs.answer, narrowed.outcome.outputs.matchedValue], ["Active", "Active"]);
            assert.deepStrictEqual(narrowed.outcome.secretOutputs, [], "neither output holds the secret");
            const whole = await waits.run(ram);
            assert.deepStrictEqual(whole.outcome.secretOutputs, ["answer"]);
        } finally {
            stub.restore();
        }
    });

    it("with `secret: true`, progress lines never show the value an acceptor looks at", async () => {
        let status = "Starting-Value-7";
        const stub = waits.client.answer(() => ({ Instances: { Instance: [{ Status: status }] } }));
        try {
            const started = waits.start({ ...ECS_REQUEST, secret: true, until: { expr: STATUS, to: "Running" }, progress: STATUS });
            await waits.clock().advance(0);
            status = "Running";
            await waits.clock().advance(30_000);
            const outcome = await started.outcome;
            assert.strictEqual(outcome.state, "success");
            assert.ok(started.lines.length > 0, "it printed progress lines");
            assert.deepStrictEqual(
                started.lines.filter((l) => l.includes("Starting-Value-7") || l.includes("Running")),
                [],
                started.lines.join("\n"),
            );
        } finally {
            stub.restore();
        }
    });

    it("scrubs signatures, key ids and tokens from the recorded answer (an answer that echoes the signed request)", async () => {
        const echoed = "https://ecs.cn-hangzhou.aliyuncs.com/?Action=DescribeInstances&AccessKeyId=AKID-TEST&Signature=abc%3D&SecurityToken=tok-123";
        const stub = waits.client.answer(() => ({ Request: { Url: echoed, Signature: "raw-signature", Owner: "AKID-TEST" }, Status: "Running" }));
        try {
            const { outcome } = await waits.run({ ...ECS_REQUEST, until: { expr: "Status", to: "Running" } });
            const recorded = JSON.stringify(outcome.outputs.answer);
            for (const leaked of ["abc%3D", "tok-123", "raw-signature", "AKID-TEST"]) assert.ok(!recorded.includes(leaked), `${leaked} in ${recorded}`);
            assert.match(recorded, /Signature=\*\*\*&SecurityToken=\*\*\*/);
        } finally {
            stub.restore();
        }
    });

    it("records no answer larger than the cap, and says to narrow `output`", async () => {
        const instances = Array.from({ length: 3000 }, (_, i) => ({ InstanceId: `i-${i}`, Status: "Running", Description: "x".repeat(40) }));
        const stub = waits.client.answer(() => ({ Instances: { Instance: instances } }));
        try {
            const { outcome, lines } = await waits.run({ ...ECS_REQUEST, until: { expr: STATUS, to: "Running" } });
            assert.strictEqual(outcome.state, "success");
            assert.strictEqual(outcome.outputs.answer, undefined);
            assert.ok(
                lines.some((l) => /answer was not recorded: it is \d+ characters of JSON, more than 131072: narrow `output`/.test(l)),
                lines.join("\n"),
            );
            const narrowed = await waits.run({ ...ECS_REQUEST, until: { expr: STATUS, to: "Running" }, output: "Instances.Instance[0]" });
            assert.deepStrictEqual(narrowed.outcome.outputs.answer, instances[0]);
        } finally {
            stub.restore();
        }
    });
});
