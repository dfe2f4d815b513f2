/** Random identifiers shaped like Alibaba Cloud's (t-..., m-..., i-...). */
import { randomInt } from "node:crypto";

const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

/** prefix + `length` random lower-case letters and digits, e.g. randomId("t-") -> "t-3kq0...". */
export function randomId(prefix: string, length = 20): string {
    let out = prefix;
    for (let i = 0; i < length; i++) out += LOWER_ALNUM[randomInt(LOWER_ALNUM.length)];
    return out;
}
