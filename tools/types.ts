import { JsonSchema, ResourceReference, rulesOf, toJson, variantsOf } from "./reference";

/**
 * The package's public TypeScript types, generated from the same zod schemas as the reference page
 * (docs/reference.md): plain interfaces with TSDoc on every property, so that the published `.d.ts` files
 * name no zod type and a user's editor shows each input's meaning, default and rules.
 *
 * - `provider/types.ts`: the Args interfaces (every level accepts `pulumi.Input`), the nested
 *   object types in their input (`...Args`) and output forms, and each resource's plain outputs.
 * - The property declarations of each resource class (`declare readonly x: pulumi.Output<T>`):
 *   every input (as recorded: defaults and the resolved region filled in) and every output.
 */

/** How the declarations name what the schemas leave anonymous. */
export interface TypeNames {
    /** Nested object types by property path ("pollInterval", "create.filters[]"), or "service:path" for one service's. */
    objects: Record<string, string>;
    /** Inputs always set once `check` ran (whatever the user passed), with where the value comes from. */
    resolved?: Record<string, string>;
    /** Inputs the class reads when the resource is declared (plain values, not Outputs), e.g. ApiWaiter's `secret`. */
    plain?: string[];
}

/** A string enum that gets a name (and a constant listing its values) wherever a schema uses exactly its values. */
export interface NamedEnum {
    name: string;
    values: readonly string[];
    doc: string;
    /** The exported constant that lists the values. */
    constant: string;
}

export interface ResourceTypes {
    /** The interfaces and types of provider/types.ts for this resource. */
    declarations: string[];
    /** The class body's property declarations. */
    classProperties: string;
}

const INDENT = "    ";

export function docComment(paragraphs: string[], indent = ""): string {
    const lines = paragraphs.filter(Boolean).flatMap((p, i) => (i === 0 ? [p] : ["", p]));
    if (lines.length === 0) return "";
    return [`${indent}/**`, ...lines.map((l) => `${indent} *${l ? ` ${l.replace(/\*\//g, "*\\/")}` : ""}`), `${indent} */`].join("\n") + "\n";
}

function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
    return a.length === b.length && a.every((v) => b.includes(v));
}

/** An array's items, described by the array when they say nothing themselves (the doc of a named item type). */
function itemsOf(s: JsonSchema): JsonSchema {
    const items = s.items ?? {};
    return items.description || !s.description ? items : { ...items, description: s.description };
}

function parenthesize(type: string): string {
    return /[|&]/.test(type) ? `(${type})` : type;
}

function unique(types: string[]): string[] {
    return [...new Set(types)];
}

/** Writes the declarations of one resource, naming nested objects as `names` says. */
class DeclarationWriter {
    /** name -> declaration text, in the order first needed. */
    readonly interfaces = new Map<string, string>();

    constructor(
        readonly names: TypeNames,
        private readonly enums: NamedEnum[],
        private readonly shared: Map<string, string>,
    ) {}

    /** The plain (output) form of a value. */
    valueType(s: JsonSchema, path: string, service?: string): string {
        if (s.const !== undefined) return JSON.stringify(s.const);
        if (s.enum) return this.enums.find((e) => sameValues(e.values, s.enum!))?.name ?? s.enum.map((v) => JSON.stringify(v)).join(" | ");
        const variants = s.anyOf ?? s.oneOf;
        if (variants) return unique(variants.map((v) => this.valueType(v, path, service))).join(" | ");
        switch (s.type) {
            case "string":
                return "string";
            case "number":
            case "integer":
                return "number";
            case "boolean":
                return "boolean";
            case "array":
                return `${parenthesize(s.items ? this.valueType(itemsOf(s), `${path}[]`, service) : "unknown")}[]`;
            case "object":
                return s.properties ? this.objectType(s, path, service, "output") : "Record<string, unknown>";
            default:
                return "unknown";
        }
    }

    /** The input form: every level accepts a value, a promise or an Output. */
    inputType(s: JsonSchema, path: string, service?: string): string {
        return `pulumi.Input<${this.innerInput(s, path, service)}>`;
    }

    private innerInput(s: JsonSchema, path: string, service?: string): string {
        const variants = s.anyOf ?? s.oneOf;
        if (variants && !s.enum) return unique(variants.map((v) => this.innerInput(v, path, service))).join(" | ");
        if (s.type === "array") return `${this.inputType(itemsOf(s), `${path}[]`, service)}[]`;
        if (s.type === "object" && s.properties) return this.objectType(s, path, service, "input");
        return this.valueType(s, path, service);
    }

    private objectType(s: JsonSchema, path: string, service: string | undefined, form: "input" | "output"): string {
        const base = (service !== undefined ? this.names.objects[`${service}:${path}`] : undefined) ?? this.names.objects[path];
        if (!base) throw new Error(`no type name for the object at "${service ? `${service}:` : ""}${path}": add it to the resource's types.objects`);
        const name = form === "input" ? `${base}Args` : base;
        const members = Object.entries(s.properties ?? {}).map(([key, p]) => {
            const optional = !(s.required ?? []).includes(key);
            const type = form === "input" ? this.inputType(p, `${path}.${key}`, service) : this.valueType(p, `${path}.${key}`, service);
            return `${propertyDoc(p, INDENT)}${INDENT}${key}${optional ? "?" : ""}: ${type};`;
        });
        const doc = docComment([s.description ?? "", form === "input" ? `The input form of {@link ${base}}: each field also accepts an Output.` : ""]);
        const text = `${doc}export interface ${name} {\n${members.join("\n")}\n}\n`;
        const existing = this.shared.get(name);
        if (existing !== undefined && existing !== text) throw new Error(`two different shapes are both named ${name}`);
        this.shared.set(name, text);
        if (!this.interfaces.has(name)) this.interfaces.set(name, text);
        return name;
    }
}

/** A property's TSDoc: its description, then its rules and default, as the reference page (docs/reference.md) gives them. */
export function propertyDoc(s: JsonSchema, indent: string, extra: string[] = []): string {
    const rules = rulesOf(s);
    const hasDefault = s.default !== undefined && !/\bdefault\b/i.test(s.description ?? "");
    return docComment(
        [s.description ?? "", rules.length ? `Rules: ${rules.join("; ")}.` : "", hasDefault ? `Default: \`${JSON.stringify(s.default)}\`.` : "", ...extra],
        indent,
    );
}

interface MergedProperty {
    key: string;
    types: string[];
    optional: boolean;
    doc: string[];
}

interface VariantProperty {
    schema: JsonSchema;
    required: boolean;
    service: string;
}

/** Each key of a union's members with its schema in every member that has it (internal keys left out). */
function variantProperties(ref: ResourceReference, io: "input" | "output"): { services: string[]; properties: Map<string, VariantProperty[]> } {
    const variants = variantsOf(toJson(ref.inputs, io));
    const services = variants.map((v) => String(v.properties?.service?.const ?? ""));
    const properties = new Map<string, VariantProperty[]>();
    variants.forEach((variant, i) => {
        for (const [key, schema] of Object.entries(variant.properties ?? {})) {
            if ((ref.internal ?? []).includes(key)) continue;
            properties.set(key, [...(properties.get(key) ?? []), { schema, required: (variant.required ?? []).includes(key), service: services[i] }]);
        }
    });
    return { services, properties };
}

/** Text that differs by service is given per service; text shared by all is given once. */
function perService(having: VariantProperty[], text: (p: VariantProperty) => string, label = "", format = (t: string) => t): string[] {
    const texts = having.map(text);
    if (unique(texts).length === 1) return texts[0] ? [format(`${label}${label ? ": " : ""}${texts[0]}`)] : [];
    return having.map((p, i) => (texts[i] ? format(`${label}${label ? " for " : ""}\`${p.service}\`: ${texts[i]}`) : "")).filter(Boolean);
}

function serviceNotes(having: VariantProperty[], services: string[]): string[] {
    const names = (list: VariantProperty[]) => list.map((p) => `\`${p.service}\``).join(", ");
    const required = having.filter((p) => p.required);
    return [
        having.length < services.length ? `Only for service ${names(having)}.` : "",
        required.length > 0 && (required.length < having.length || having.length < services.length) ? `Required for service ${names(required)}.` : "",
    ];
}

/** The Args interface: every input of every service, each property documented with its description, rules and default. */
function argsProperties(ref: ResourceReference, writer: DeclarationWriter): string[] {
    const { services, properties } = variantProperties(ref, "input");
    return [...properties.entries()].map(([key, having]) => {
        const withDefault = having.find((p) => p.schema.default !== undefined)?.schema;
        const doc = [
            ...perService(having, (p) => p.schema.description ?? ""),
            ...perService(
                having,
                (p) => rulesOf(p.schema).join("; "),
                "Rules",
                (t) => `${t}.`,
            ),
            withDefault && !/\bdefault\b/i.test(withDefault.description ?? "") ? `Default: \`${JSON.stringify(withDefault.default)}\`.` : "",
            ...serviceNotes(having, services),
        ];
        const optional = having.length < services.length || having.some((p) => !p.required);
        const form = (p: (typeof having)[number]) =>
            writer.names.plain?.includes(key) ? writer.valueType(p.schema, key, p.service) : writer.inputType(p.schema, key, p.service);
        const types = unique(having.map(form));
        const type = types.length === 1 ? types[0] : `pulumi.Input<${types.map((t) => t.replace(/^pulumi\.Input<(.*)>$/, "$1")).join(" | ")}>`;
        return `${docComment(doc, INDENT)}${INDENT}${key}${optional ? "?" : ""}: ${type};`;
    });
}

/** Every input as the resource records it (parsed: defaults filled in), merged over the services. */
function recordedInputs(ref: ResourceReference, names: TypeNames, writer: DeclarationWriter): MergedProperty[] {
    const { services, properties } = variantProperties(ref, "output");
    return [...properties.entries()].map(([key, having]) => {
        const resolved = names.resolved?.[key];
        const withDefault = having.find((p) => p.schema.default !== undefined)?.schema;
        const doc = resolved
            ? [resolved]
            : [
                  ...perService(having, (p) => p.schema.description ?? ""),
                  serviceNotes(having, services)[0],
                  withDefault ? `Recorded with its default (\`${JSON.stringify(withDefault.default)}\`) when not set.` : "",
              ];
        return {
            key,
            types: unique(having.map((p) => writer.valueType(p.schema, key, p.service))),
            optional: resolved === undefined && (having.length < services.length || having.some((p) => !p.required)),
            doc,
        };
    });
}

/** The declarations of one resource: its Args, its plain outputs, and the class properties. */
export function resourceTypes(ref: ResourceReference, names: TypeNames, enums: NamedEnum[], shared: Map<string, string>): ResourceTypes {
    const writer = new DeclarationWriter(names, enums, shared);
    const declarations: string[] = [];
    const argsDoc = docComment([
        `The arguments of a {@link ${ref.name}}. \`pulumi preview\` checks them and names each problem on its property.`,
        ...(ref.crossFieldRules ?? []),
    ]);
    declarations.push(`${argsDoc}export interface ${ref.name}Args {\n${argsProperties(ref, writer).join("\n")}\n}\n`);

    const outputs = toJson(ref.outputs, "output");
    const outputKeys = Object.keys(outputs.properties ?? {});
    const merged: MergedProperty[] = [
        ...recordedInputs(ref, names, writer).filter((p) => !outputKeys.includes(p.key)),
        ...Object.entries(outputs.properties ?? {}).map(([key, s]) => ({
            key,
            types: [writer.valueType(s, key)],
            optional: !(outputs.required ?? []).includes(key),
            doc: [s.description ?? "", ref.secretOutputs?.includes(key) ? "A secret output: Pulumi stores it encrypted and shows it as `[secret]`." : ""],
        })),
    ];

    const plain = merged.map((p) => `${docComment(p.doc, INDENT)}${INDENT}${p.key}${p.optional ? "?" : ""}: ${p.types.join(" | ")};`);
    declarations.push(
        `${docComment([`What a {@link ${ref.name}} records, as plain values: every input (defaults and the region filled in) and every output.`])}export interface ${ref.name}Outputs {\n${plain.join("\n")}\n}\n`,
    );

    // the class file imports the types module as `types`
    const named = new Set([...shared.keys(), ...enums.map((e) => e.name)]);
    const qualified = (type: string) => type.replace(/\b[A-Z]\w*\b/g, (name) => (named.has(name) ? `types.${name}` : name));
    const classProperties = merged
        .map((p) => {
            const types = [...p.types, ...(p.optional && !p.types.includes("unknown") ? ["undefined"] : [])].map(qualified);
            return `${docComment(p.doc, INDENT)}${INDENT}declare public readonly ${p.key}: pulumi.Output<${types.join(" | ")}>;`;
        })
        .join("\n");
    return { declarations: [...declarations, ...writer.interfaces.values()], classProperties };
}

/** The text of provider/types.ts (before formatting). */
export function typesModule(
    refs: { ref: ResourceReference; names: TypeNames }[],
    enums: NamedEnum[],
): { text: string; classProperties: Record<string, string> } {
    const shared = new Map<string, string>();
    const emitted = new Set<string>();
    const parts: string[] = [];
    const classProperties: Record<string, string> = {};
    for (const e of enums) {
        parts.push(`${docComment([e.doc])}export type ${e.name} = ${e.values.map((v) => JSON.stringify(v)).join(" | ")};\n`);
        parts.push(`${docComment([`Every {@link ${e.name}}, in order.`])}export const ${e.constant}: readonly ${e.name}[] = ${JSON.stringify(e.values)};\n`);
    }
    for (const { ref, names } of refs) {
        const types = resourceTypes(ref, names, enums, shared);
        for (const declaration of types.declarations) {
            if (emitted.has(declaration)) continue;
            emitted.add(declaration);
            parts.push(declaration);
        }
        classProperties[ref.name] = types.classProperties;
    }
    const header = [
        "// Generated by `npm run docs` from the zod schemas in provider/inputs and provider/outputs: do not edit.",
        "// Plain types with their documentation, so that the package's declarations name no zod type.",
        'import type * as pulumi from "@pulumi/pulumi";',
        "",
    ].join("\n");
    return { text: `${header}\n${parts.join("\n")}`, classProperties };
}

export const CLASS_BEGIN = "// generated:begin properties (`npm run docs` writes them from the zod schemas; do not edit)";
export const CLASS_END = "// generated:end";

/** Replaces the generated block of a class file; throws when the markers are missing. */
export function replaceClassBlock(source: string, properties: string): string {
    const begin = source.indexOf(CLASS_BEGIN);
    const end = source.indexOf(CLASS_END);
    if (begin < 0 || end < begin) throw new Error(`no generated block (${CLASS_BEGIN} ... ${CLASS_END})`);
    return `${source.slice(0, begin)}${CLASS_BEGIN}\n${properties}\n${INDENT}${source.slice(end)}`;
}
