import type { ConfigSource } from "../client/credentials";
import { ENDPOINT_CONFIG_KEY } from "../wait/settings";

/**
 * The provider plugin's configuration (`pulumi config set alicloud-tasks:<key>`, or an explicit provider's
 * inputs) in the key space the settings reader knows from the dynamic provider: the credential and region
 * keys of `@pulumi/alicloud` (`alicloud:accessKey`, ...) and the endpoint override. Environment variables
 * and the credential chain behave as for the dynamic provider.
 */
const KEYS: Record<string, string> = {
    region: "alicloud:region",
    accessKey: "alicloud:accessKey",
    secretKey: "alicloud:secretKey",
    securityToken: "alicloud:securityToken",
    profile: "alicloud:profile",
    sharedCredentialsFile: "alicloud:sharedCredentialsFile",
    ecsRoleName: "alicloud:ecsRoleName",
    credentialsUri: "alicloud:credentialsUri",
    endpoint: ENDPOINT_CONFIG_KEY,
};

/** `values`: the plugin's own keys, bare ("region") or namespaced as the engine may send them ("alicloud-tasks:config:region"). */
export function pluginConfig(values: Record<string, unknown>): ConfigSource {
    const byKey = new Map<string, string>();
    for (const [raw, value] of Object.entries(values)) {
        const key = raw.replace(/^alicloud-tasks:(config:)?/, "");
        if (KEYS[key] !== undefined && value !== undefined && value !== null && value !== "") byKey.set(KEYS[key], String(value));
    }
    return { get: (key) => byKey.get(key) };
}
