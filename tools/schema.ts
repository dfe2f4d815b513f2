import { JsonSchema, ResourceReference, rulesOf, toJson, variantsOf } from "./reference";
import { TypeNames } from "./types";

/**
 * The provider plugin's Pulumi package schema (provider/plugin/schema.json), generated from the same zod
 * schemas as the TypeScript types and the reference page (docs/reference.md): `pulumi package add` makes each language's
 * SDK from it, so no SDK can drift from what `check` accepts. Cross-field rules stay in `check` and in
 * the descriptions; enums are strings whose values the description lists (a value added later is not a
 * breaking change for generated SDKs).
 */

export const PACKAGE = "alicloud-tasks";
const ANY = { $ref: "pulumi.json#/Any" };

type Spec = Record<string, unknown>;

/** The provider's configuration: the keys of `pulumi config set alicloud-tasks:<key>`, and of an explicit provider. */
export const CONFIG_VARIABLES: Record<string, { description: string; secret?: boolean }> = {
    region: { description: "Region of the waits that set none. Default: ALIBABA_CLOUD_REGION_ID, else ALICLOUD_REGION." },
    accessKey: {
        description: "AccessKeyId, with secretKey. Default: the credential chain (environment, aliyun CLI profile, OIDC, ECS RAM role, credentials URI).",
    },
    secretKey: { description: "AccessKeySecret, with accessKey.", secret: true },
    securityToken: { description: "STS security token, with accessKey and secretKey.", secret: true },
    profile: { description: "The aliyun CLI profile to use. Default: ALIBABA_CLOUD_PROFILE, ALICLOUD_PROFILE, the file's current profile." },
    sharedCredentialsFile: { description: "The aliyun CLI config file. Default: ALICLOUD_SHARED_CREDENTIALS_FILE, else ~/.aliyun/config.json." },
    ecsRoleName: { description: "ECS RAM role whose credentials the instance metadata service gives; the metadata service is never asked without one." },
    credentialsUri: { description: "A URI that returns AccessKeyId, AccessKeySecret, SecurityToken and Expiration." },
    endpoint: {
        description: "One base URL for every API call, instead of Alibaba Cloud's endpoints (tests and the simulator). Default: ALICLOUD_TASKS_ENDPOINT.",
    },
};

export interface SchemaResource {
    ref: ResourceReference;
    names: TypeNames;
}

export function pulumiSchema(resources: SchemaResource[], version: string): Record<string, unknown> {
    const types: Record<string, Spec> = {};
    const config = Object.fromEntries(Object.entries(CONFIG_VARIABLES).map(([k, v]) => [k, { type: "string", ...v }]));
    return {
        name: PACKAGE,
        displayName: "Alibaba Cloud Tasks",
        version,
        description: "Wait for, and check, Alibaba Cloud's asynchronous work: ECS and BDRC tasks, ECD and Security Center report exports, and any API.",
        keywords: ["pulumi", "alicloud", "alibaba-cloud", "category/cloud", "kind/native"],
        license: "Apache-2.0",
        config: { variables: config },
        provider: { description: "The provider's configuration (credentials, region, endpoint).", inputProperties: config, properties: config },
        resources: Object.fromEntries(resources.map(({ ref, names }) => [`${PACKAGE}:index:${ref.name}`, resourceSpec(ref, names, types)])),
        types: Object.fromEntries(Object.entries(types).sort(([a], [b]) => a.localeCompare(b))),
        language: { python: { packageName: "pulumi_alicloud_tasks" } },
    };
}

function resourceSpec(ref: ResourceReference, names: TypeNames, types: Record<string, Spec>): Spec {
    const internal = ref.internal ?? [];
    const variants = variantsOf(toJson(ref.inputs, "input"));
    const services = variants.map((v) => (v.properties?.service?.const === undefined ? undefined : String(v.properties.service.const)));
    const keys = [...new Set(variants.flatMap((v) => Object.keys(v.properties ?? {})))].filter((k) => !internal.includes(k));
    const inputs: Record<string, Spec> = {};
    for (const key of keys) {
        const having = variants.map((v, i) => ({ schema: v.properties?.[key], service: services[i] })).filter((h) => h.schema !== undefined);
        const specs = having.map((h) => propertySpec(h.schema!, key, names, types, h.service));
        const distinct = [...new Map(specs.map((s) => [JSON.stringify(withoutDescription(s)), withoutDescription(s)])).values()];
        const spec = distinct.length === 1 ? distinct[0] : { oneOf: distinct };
        const texts = having.map((h) => describe(h.schema!));
        const description =
            new Set(texts).size === 1
                ? texts[0]
                : having
                      .map((h, i) => (texts[i] ? `\`${h.service}\`: ${texts[i]}` : ""))
                      .filter(Boolean)
                      .join("\n\n");
        const only = having.length < variants.length ? `\n\nOnly for service ${having.map((h) => `\`${h.service}\``).join(", ")}.` : "";
        inputs[key] = { ...spec, description: description + only };
    }
    const requiredInputs = keys.filter((k) => variants.every((v) => (v.required ?? []).includes(k) && v.properties?.[k]?.default === undefined));
    const outputs = toJson(ref.outputs, "output");
    const properties: Record<string, Spec> = { ...inputs };
    for (const [key, s] of Object.entries(outputs.properties ?? {})) {
        const secret = ref.secretOutputs?.includes(key) && !ref.secretWhen ? { secret: true } : {};
        properties[key] = { ...propertySpec(s, key, names, types), description: describe(s), ...secret };
    }
    const always = (outputs.required ?? []).filter((k) => k in properties);
    return {
        description: ref.summary.replace(/ Type token `[^`]+`\./, ""),
        inputProperties: inputs,
        requiredInputs,
        properties,
        required: [...new Set([...requiredInputs, ...always])],
    };
}

function describe(s: JsonSchema): string {
    const values = s.enum ? `One of ${s.enum.map((v) => `\`${String(v)}\``).join(", ")}.` : "";
    return [...rulesOf(s).map((r) => `${r[0].toUpperCase()}${r.slice(1)}.`), values, s.description ?? ""].filter(Boolean).join(" ");
}

function withoutDescription(spec: Spec): Spec {
    const rest = { ...spec };
    delete rest.description;
    return rest;
}

/** A JSON Schema of one value as a Pulumi type spec; named object types are added to `types`. */
function propertySpec(s: JsonSchema, path: string, names: TypeNames, types: Record<string, Spec>, service?: string): Spec {
    const dflt =
        s.default !== undefined && ["string", "number", "integer", "boolean"].includes(typeof s.type === "string" ? s.type : "") ? { default: s.default } : {};
    if (s.const !== undefined) return { type: typeof s.const === "number" ? "number" : typeof s.const === "boolean" ? "boolean" : "string" };
    if (s.enum) return { type: s.enum.every((v) => typeof v === "number") ? "number" : "string", ...dflt };
    const variants = s.anyOf ?? s.oneOf;
    if (variants) {
        const specs = [...new Map(variants.map((v) => propertySpec(v, path, names, types, service)).map((x) => [JSON.stringify(x), x])).values()];
        return specs.length === 1 ? specs[0] : ANY;
    }
    switch (s.type) {
        case "string":
        case "number":
        case "integer":
        case "boolean":
            return { type: s.type, ...dflt };
        case "array":
            return { type: "array", items: s.items ? propertySpec(s.items, `${path}[]`, names, types, service) : ANY };
        case "object":
            if (!s.properties) return { type: "object", additionalProperties: ANY };
            return { $ref: `#/types/${objectType(s, path, names, types, service)}` };
        default:
            return ANY;
    }
}

function objectType(s: JsonSchema, path: string, names: TypeNames, types: Record<string, Spec>, service?: string): string {
    const base = (service !== undefined ? names.objects[`${service}:${path}`] : undefined) ?? names.objects[path];
    if (!base) throw new Error(`no type name for the object at "${service ? `${service}:` : ""}${path}": add it to the resource's types.objects`);
    const token = `${PACKAGE}:index:${base}`;
    const properties = Object.fromEntries(
        Object.entries(s.properties ?? {}).map(([k, p]) => [k, { ...propertySpec(p, `${path}.${k}`, names, types, service), description: describe(p) }]),
    );
    types[token] = { type: "object", ...(s.description ? { description: s.description } : {}), properties, required: s.required ?? [] };
    return token;
}
