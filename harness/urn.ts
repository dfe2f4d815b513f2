// URNs as the Pulumi engine builds them: children of the root stack carry no parent type.

export const DEFAULT_PROJECT = "alicloud-tasks-test";
export const DEFAULT_STACK = "test";

/** `urn:pulumi:<stack>::<project>::<type>::<name>`; `type` may be a `$`-joined qualified type. */
export function urnFor(type: string, name: string, project: string = DEFAULT_PROJECT, stack: string = DEFAULT_STACK): string {
    return `urn:pulumi:${stack}::${project}::${type}::${name}`;
}

/** The type and name parts of a URN (the last segment of a qualified type is the resource's own type). */
export function parseUrn(urn: string): { type: string; name: string } {
    const parts = urn.split("::");
    const qualifiedType = parts[2] ?? "";
    return { type: qualifiedType.split("$").pop() ?? "", name: parts.slice(3).join("::") };
}
