/**
 * The user's value as messages quote it: JSON, cut short, so that an oversized value (a file read
 * by mistake) does not fill `pulumi preview` with itself.
 */
export function quoteInput(value: unknown, max = 60): string {
    const text = JSON.stringify(value) ?? String(value);
    return text.length <= max ? text : `${text.slice(0, max - 20)}... (${text.length} characters)`;
}
