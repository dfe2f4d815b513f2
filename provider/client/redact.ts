/**
 * Everything the package prints or throws passes here first. Servers and libraries quote what
 * they were sent: a signed URL (AccessKeyId, Signature, SecurityToken in its query), a string to
 * sign (the token percent-encoded twice), a pre-signed download URL (a credential until it
 * expires). Three layers, each safe to apply twice:
 * - known secret values, in every encoding a server or library produces;
 * - credential-bearing query parameters, with or without a URL around them;
 * - the query of every URL.
 */

const MARK = "***";
/** Shorter values would match ordinary text. */
const MIN_SECRET_LENGTH = 4;

/** RFC 3986 encoding as Alibaba's signers use it: encodeURIComponent plus ! ' ( ) *. */
function percentEncode(text: string): string {
    return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The forms a secret takes once quoted by a server: raw, encoded once and twice, form-encoded. */
function encodedForms(secret: string): string[] {
    const once = [percentEncode(secret), encodeURIComponent(secret), encodeURIComponent(secret).replace(/%20/g, "+")];
    const twice = once.flatMap((form) => [percentEncode(form), encodeURIComponent(form)]);
    return [...new Set([secret, ...once, ...twice])].sort((a, b) => b.length - a.length);
}

function escapeRegExp(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Removes every occurrence of the given secret values, in any of their encoded forms, from a text. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
    let result = text;
    for (const secret of secrets) {
        if (!secret || secret.length < MIN_SECRET_LENGTH) continue;
        // hex digits of an escape may come in either case (%2b, %2B)
        const pattern = encodedForms(secret)
            .map((form) =>
                escapeRegExp(form).replace(/%([0-9A-F])([0-9A-F])/g, (_, a: string, b: string) => `%[${a}${a.toLowerCase()}][${b}${b.toLowerCase()}]`),
            )
            .join("|");
        result = result.replace(new RegExp(pattern, "g"), MARK);
    }
    return result;
}

/**
 * Query parameters that carry or prove a credential, wherever they appear: in a URL, in a quoted
 * query string without one, or percent-encoded inside a string to sign (`%26SecurityToken%3D...`,
 * where no word boundary precedes the name).
 */
const CREDENTIAL_PARAMETER =
    /(?<![A-Za-z-])(AccessKeyId|OSSAccessKeyId|Signature|SignatureNonce|SecurityToken|security-token|x-acs-security-token|x-oss-signature|x-oss-credential|x-oss-security-token|Credential)(=|%3D|%253D)((?:(?!%26|%2526)[^&\s"'<>),])*)/gi;

export function redactCredentialParameters(text: string): string {
    return text.replace(CREDENTIAL_PARAMETER, (_, name: string, eq: string) => `${name}${eq}${MARK}`);
}

/** "https://bucket.oss-cn-shanghai.aliyuncs.com/report.xlsx": a URL without its query and fragment. */
export function redactUrl(url: string): string {
    const cut = url.search(/[?#]/);
    return cut === -1 ? url : url.slice(0, cut);
}

const URL_IN_TEXT = /\bhttps?:\/\/[^\s"'<>()]+/gi;

/** Every URL in a text without its query, marked "?(query removed)". */
function redactUrlsIn(text: string): string {
    return text.replace(URL_IN_TEXT, (url) => {
        const bare = redactUrl(url);
        return bare === url ? url : `${bare}?(query removed)`;
    });
}

/**
 * Characters that can rewrite a terminal or a log line (escape sequences, carriage returns, line
 * breaks, bidirectional overrides): shown as \u escapes, never passed on.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Server text made safe to print: unprintable characters escaped, and cut to `max` characters, saying how long it was. */
export function printable(text: string, max: number): string {
    const escaped = text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
    return escaped.length <= max ? escaped : `${escaped.slice(0, max)}... (cut: ${text.length} characters)`;
}

/** All three layers: what every message, progress line, warning and record goes through. */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
    return redactUrlsIn(redactCredentialParameters(redactSecrets(text, secrets)));
}
