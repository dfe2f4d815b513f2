import { redactCredentialParameters, redactSecrets } from "../client/redact";
import type { Json } from "./jmespath";

/**
 * Secrets in API answers. KMS GetSecretValue answers with SecretData, RAM CreateAccessKey with an
 * AccessKeySecret, ECS DescribeInstanceAttribute may carry a Password: a value under a field whose
 * name marks it secret must reach no progress line, no `reason`, no error and no plain output.
 * Field names are judged without case, "-" or "_": names ending in password, passwd, pwd,
 * passphrase or secret (AccessKeySecret, ClientSecret), SecretData, SecretValue, SecretString,
 * SecretKey, anything with PrivateKey, and tokens (SecurityToken, AccessToken, AuthToken) except
 * the paging and idempotency ones (NextToken, ClientToken, ContinuationToken, MaxTokens). Only
 * text counts (IsValueSecret: true is a flag); everything under such a field counts.
 */

export { ANSWER_OUTPUTS } from "./answerOutputs";

const SECRET_SUFFIX = /(password|passwd|pwd|passphrase|secret|secretdata|secretvalue|secretstring|secretkey)$/;
const NOT_SECRET_TOKEN = /(next|client|continu|page|max|idempoten|cursor)/;

export function isSecretFieldName(name: string): boolean {
    const n = name.toLowerCase().replace(/[-_]/g, "");
    if (SECRET_SUFFIX.test(n) || n.includes("privatekey")) return true;
    return n.endsWith("token") && !NOT_SECRET_TOKEN.test(n);
}

/** Fields named like this prove a request or a session: scrubbed from any answer that is recorded. */
const SCRUBBED_FIELDS = new Set(["signature", "securitytoken", "x-acs-security-token", "authorization"]);
const MARK = "***";

export interface AnswerSecrets {
    /** The secret-marked field names found (for the warning: names, never values). */
    fields: string[];
    /** The text under them. */
    values: string[];
}

/** Enough to recognise a secret answer; an answer with more is secret anyway. */
const MAX_SECRET_VALUES = 200;

/** The secret fields of an answer and their text, walked without recursion (answers are at most 4 MiB). */
export function secretsIn(answer: unknown): AnswerSecrets {
    const fields = new Set<string>();
    const values = new Set<string>();
    // each node with the secret field it is under, if any
    const stack: [unknown, string | undefined][] = [[answer, undefined]];
    while (stack.length > 0 && values.size < MAX_SECRET_VALUES) {
        const [node, field] = stack.pop()!;
        if (typeof node === "string") {
            if (field !== undefined && node !== "") {
                fields.add(field);
                values.add(node);
            }
        } else if (Array.isArray(node)) {
            for (const item of node) stack.push([item, field]);
        } else if (node && typeof node === "object") {
            for (const [key, value] of Object.entries(node)) stack.push([value, field ?? (isSecretFieldName(key) ? key : undefined)]);
        }
    }
    return { fields: [...fields].slice(0, 20), values: [...values] };
}

/** Whether a value holds one of the secret texts: equal to it, containing it, or anywhere inside. */
export function carriesSecret(value: unknown, secrets: readonly string[]): boolean {
    if (secrets.length === 0) return false;
    const stack: unknown[] = [value];
    while (stack.length > 0) {
        const node = stack.pop();
        if (typeof node === "string") {
            if (secrets.some((s) => node.includes(s))) return true;
        } else if (node && typeof node === "object") {
            for (const [key, child] of Object.entries(node)) {
                if (secrets.some((s) => key.includes(s))) return true;
                stack.push(child);
            }
        }
    }
    return false;
}

/**
 * An answer as it may be recorded: a signed URL or query echoed back keeps no signature, key id or
 * token (`Signature=***`), the provider's own credentials (`known`: secret, token, key id) appear in
 * no encoding, and fields that prove a request (Signature, SecurityToken, Authorization) are scrubbed.
 */
export function scrubAnswer<T extends Json | undefined>(answer: T, known: readonly string[]): T {
    if (answer === undefined) return answer;
    const scrub = (text: string) => redactSecrets(redactCredentialParameters(text.replace(/\bacs [\w-]+:[\w+/=]+/g, `acs ${MARK}`)), known);
    return JSON.parse(
        JSON.stringify(answer, (key, value: unknown) => {
            if (typeof value !== "string") return value;
            return SCRUBBED_FIELDS.has(key.toLowerCase()) ? MARK : scrub(value);
        }),
    ) as T;
}
