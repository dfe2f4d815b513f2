// Which answer fields are secret by their name, what a recorded answer keeps of an echoed request.
import * as assert from "assert";
import { carriesSecret, isSecretFieldName, scrubAnswer, secretsIn } from "../../../provider/services/answerSecrets";

describe("services/answerSecrets: secret fields in answers", () => {
    it("knows secrets by their field names, and tells paging and idempotency tokens apart", () => {
        const secret = ["SecretData", "AccessKeySecret", "Password", "LoginPassword", "db_passwd", "PrivateKey", "PrivateKeyBody", "SecurityToken"];
        const more = ["AccessToken", "AuthToken", "ClientSecret", "secretKey", "Passphrase", "SecretValue", "SecretString"];
        for (const name of [...secret, ...more]) assert.ok(isSecretFieldName(name), name);
        const plain = ["NextToken", "ClientToken", "NextContinuationToken", "MaxTokens", "SecretName", "SecretList", "Secrets", "TokenEndpoint", "Status"];
        for (const name of plain) assert.ok(!isSecretFieldName(name), name);
    });

    it("collects the text under secret fields, however deep, and finds it again in a selected value", () => {
        const answer = {
            AccessKey: { AccessKeyId: "SIMULATORKEYID0001", AccessKeySecret: "kSecret" },
            Users: [{ Password: { Value: "pw-1" } }],
            IsValueSecret: true,
        };
        const found = secretsIn(answer);
        assert.deepStrictEqual(found, { fields: ["Password", "AccessKeySecret"], values: ["pw-1", "kSecret"] });
        assert.ok(carriesSecret("kSecret", found.values));
        assert.ok(carriesSecret({ text: "the secret is kSecret." }, found.values));
        assert.ok(!carriesSecret({ AccessKeyId: "SIMULATORKEYID0001" }, found.values));
    });

    it("scrubs an echoed signed request and the provider's own credentials from what is recorded", () => {
        const scrubbed = scrubAnswer(
            { Url: "https://h/?AccessKeyId=AKID1&Signature=s%3D&SecurityToken=t1", Header: "acs AKID1:c2ln", Signature: "sig", Caller: "AKID1", Data: "ok" },
            ["AKID1"],
        );
        assert.deepStrictEqual(scrubbed, {
            Url: "https://h/?AccessKeyId=***&Signature=***&SecurityToken=***",
            Header: "acs ***",
            Signature: "***",
            Caller: "***",
            Data: "ok",
        });
    });
});
