// What a state file (`pulumi stack export`) or a command's output must never hold in plain text.
import * as assert from "assert";
import { Simulator } from "../../../simulator";

/** A URL's query that carries a signature, a key id, an expiry or a token. */
const SIGNED_QUERY = /https?:\/\/[^\s"'\\]*\?[^\s"'\\]*(Signature|OSSAccessKeyId|Expires|x-oss-|security-token|SecurityToken|AccessKeyId)=/i;

/** No access key secret, STS secret or token, and no signed URL query. */
export function assertNoPlainSecrets(text: string, sim: Simulator, what = "the state"): void {
    const { accessKey, sts } = sim.credentials;
    for (const [name, value] of [
        ["the AccessKeySecret", accessKey.accessKeySecret],
        ["the STS AccessKeySecret", sts.accessKeySecret],
        ["the STS token", sts.securityToken],
    ] as const) {
        if (value) assert.ok(!text.includes(value), `${what} holds ${name} in plain text`);
    }
    const signed = SIGNED_QUERY.exec(text);
    assert.ok(!signed, `${what} holds a signed URL query in plain text: ${signed?.[0]}`);
}
