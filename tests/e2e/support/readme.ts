// Programs taken from the README by the tests themselves, so that what the README shows is what runs.
import * as fs from "fs";
import * as path from "path";
import { repositoryRoot } from "../../../harness";

export function readme(): string {
    return fs.readFileSync(path.join(repositoryRoot(), "README.md"), "utf8");
}

/** The text of a section: from its heading (any level) to the next heading of the same or a higher level. */
export function section(heading: string, text: string = readme()): string {
    const lines = text.split("\n");
    const start = lines.findIndex((l) => /^#+ /.test(l) && l.replace(/^#+ /, "") === heading);
    if (start < 0) throw new Error(`the README has no section "${heading}"`);
    const level = /^#+/.exec(lines[start])![0].length;
    let end = lines.findIndex((l, i) => i > start && /^#+ /.test(l) && /^#+/.exec(l)![0].length <= level);
    if (end < 0) end = lines.length;
    return lines.slice(start, end).join("\n");
}

/** The fenced code blocks of one language in a text, in order. */
export function codeBlocks(text: string, language: string): string[] {
    return [...text.matchAll(new RegExp("```" + language + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]);
}

/** The one fenced block of `language` in a section; fails naming the section when there is not exactly one. */
export function onlyBlock(heading: string, language: string): string {
    const blocks = codeBlocks(section(heading), language);
    if (blocks.length !== 1) throw new Error(`the README's section "${heading}" has ${blocks.length} \`\`\`${language} blocks, the test expects one`);
    return blocks[0];
}
