import * as fs from "fs";
import { UsageError } from "./args";
import type { FlagDef, WaitCommand } from "./commands";

/**
 * Flags whose text is more than a word (`wait api`): KEY=VALUE entries of an object, JSON text, a
 * JSON file, an expected value. A malformed one is a usage error naming the flag and the fix.
 */
export function parseStructured(command: WaitCommand, flag: FlagDef, texts: readonly string[]): unknown {
    const usage = (message: string) => new UsageError(`${flag.name}: ${message}`, command.service);
    switch (flag.parse) {
        case "keyValue":
            return Object.fromEntries(
                texts.map((text) => {
                    const eq = text.indexOf("=");
                    if (eq <= 0) throw usage(`${JSON.stringify(text)} is not KEY=VALUE: write it as ${flag.name} InstanceIds='["i-..."]'`);
                    return [text.slice(0, eq).trim(), text.slice(eq + 1)];
                }),
            );
        case "json":
            return parseJson(texts[0], (problem) => usage(`not JSON text (${problem}): write it as ${flag.name} '{"key":"value"}'`));
        case "jsonFile": {
            let text: string;
            try {
                text = fs.readFileSync(texts[0], "utf8");
            } catch (error) {
                throw usage(`cannot read ${JSON.stringify(texts[0])} (${(error as NodeJS.ErrnoException).code ?? "error"}): give the path of a JSON file`);
            }
            const value = parseJson(text, (problem) => usage(`${texts[0]} is not JSON (${problem})`));
            // the file may hold the list, or an object with the list under "acceptors"
            return value && typeof value === "object" && !Array.isArray(value) && "acceptors" in value ? (value as { acceptors: unknown }).acceptors : value;
        }
        case "expected": {
            const text = texts[0];
            if (!text.trim().startsWith("[")) return text;
            return parseJson(text, (problem) => usage(`${JSON.stringify(text)} starts like a JSON list but is not one (${problem})`));
        }
        default:
            return texts[0];
    }
}

function parseJson(text: string, fail: (problem: string) => Error): unknown {
    try {
        return JSON.parse(text);
    } catch (error) {
        throw fail(error instanceof Error ? error.message : String(error));
    }
}
