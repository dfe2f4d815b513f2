// Every link of the README and the other markdown files resolves: relative links to a file of the repository
// and, in a file the package ships, to a file of the package too (npm pack's own list), so that the README on a
// registry page or in node_modules has no dead link; `#anchors` to a heading of their page; links to this
// project's files on GitHub to a file of the repository.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "../support/repoRoot";

const ROOT = REPO_ROOT;
const HOME = "https://github.com/pulumi-alicloud-tasks/pulumi-alicloud-tasks";

/** The text without fenced code blocks, where a `#` line is no heading and `[x](y)` no link. */
function withoutFences(text: string): string {
    return text.replace(/^```[\s\S]*?^```/gm, "");
}

/** The text without fenced code blocks and inline code. */
function prose(text: string): string {
    return withoutFences(text).replace(/`[^`\n]*`/g, "");
}

/** The targets of inline links and images: `[text](target)`, `![alt](target)`. */
export function linkTargets(text: string): string[] {
    return [...prose(text).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]);
}

/** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as `-`, repeats numbered. */
export function headingAnchors(text: string): Set<string> {
    const seen = new Map<string, number>();
    const anchors = new Set<string>();
    for (const [, heading] of withoutFences(text).matchAll(/^#{1,6} +(.+?) *#*$/gm)) {
        const base = heading
            .replace(/<[^>]+>/g, "")
            .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
            .toLowerCase()
            .replace(/[^\p{L}\p{N} _-]/gu, "")
            .replace(/ /g, "-");
        const count = seen.get(base) ?? 0;
        seen.set(base, count + 1);
        anchors.add(count === 0 ? base : `${base}-${count}`);
    }
    return anchors;
}

/** The files `npm pack` puts in the tarball, as it lists them (no scripts run: the list is of files that exist). */
function packedFiles(): Set<string> {
    const stdout = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
        cwd: ROOT,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
    });
    return new Set((JSON.parse(stdout) as { files: { path: string }[] }[])[0].files.map((f) => f.path));
}

function trackedMarkdown(): string[] {
    const listed = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "*.md"], { cwd: ROOT, encoding: "utf8" });
    return listed.split("\n").filter((f) => f && fs.existsSync(path.join(ROOT, f)));
}

/** Problems with one link of `file` (relative to the root); `packed` when the file is shipped. */
function problems(file: string, target: string, packed?: Set<string>): string[] {
    const found: string[] = [];
    if (target.startsWith(`${HOME}/blob/`) || target.startsWith(`${HOME}/tree/`)) {
        const repoPath = decodeURIComponent(target.slice(HOME.length).split("#")[0]).replace(/^\/(blob|tree)\/[^/]+\//, "");
        if (!fs.existsSync(path.join(ROOT, repoPath))) found.push(`${target}: ${repoPath} is not in the repository`);
        return found;
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return found; // another site, mailto:
    const [rawPath, anchor] = target.split("#", 2) as [string, string | undefined];
    const resolved = rawPath === "" ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURIComponent(rawPath)));
    if (resolved.startsWith("..")) return [`${target}: points outside the repository`];
    const full = path.join(ROOT, resolved);
    if (!fs.existsSync(full)) return [`${target}: ${resolved} does not exist`];
    const isDir = fs.statSync(full).isDirectory();
    if (packed) {
        const shipped = isDir ? [...packed].some((f) => f.startsWith(`${resolved.replace(/\/$/, "")}/`)) : packed.has(resolved);
        if (!shipped) found.push(`${target}: ${resolved} is not in the package (ship it, or link ${HOME}/blob/main/${resolved})`);
    }
    if (anchor !== undefined && !isDir && resolved.endsWith(".md")) {
        if (!headingAnchors(fs.readFileSync(full, "utf8")).has(anchor)) found.push(`${target}: ${resolved} has no heading #${anchor}`);
    }
    return found;
}

describe("README and docs: every link resolves in the repository and in the package", function () {
    this.timeout(60_000);
    let packed: Set<string>;
    before(() => {
        packed = packedFiles();
    });

    it("ships the README, the reference page, how waiting works and the changelog", () => {
        for (const file of ["README.md", "docs/reference.md", "docs/how-waiting-works.md", "CHANGELOG.md"])
            assert.ok(packed.has(file), `${file} is in the package`);
    });

    it("each link of a shipped markdown file reaches a shipped file (or a heading of one)", () => {
        const shipped = [...packed].filter((f) => f.endsWith(".md"));
        const found = shipped.flatMap((file) =>
            linkTargets(fs.readFileSync(path.join(ROOT, file), "utf8")).flatMap((t) => problems(file, t, packed).map((p) => `${file}: ${p}`)),
        );
        assert.deepStrictEqual(found, []);
    });

    it("each link of every markdown file of the repository reaches a file of the repository (or a heading of one)", () => {
        const files = trackedMarkdown();
        assert.ok(files.includes("README.md") && files.length > 3);
        const found = files.flatMap((file) =>
            linkTargets(fs.readFileSync(path.join(ROOT, file), "utf8")).flatMap((t) => problems(file, t).map((p) => `${file}: ${p}`)),
        );
        assert.deepStrictEqual(found, []);
    });

    it("finds links and anchors as GitHub does", () => {
        assert.deepStrictEqual(linkTargets("[a](b.md) `[c](d)` ![e](f.png)\n```\n[g](h)\n```\n"), ["b.md", "f.png"]);
        const anchors = headingAnchors("# The CLI: `alicloud-tasks wait` in a shell or CI\n## Install\n## Install\n```\n# not a heading\n```\n");
        assert.deepStrictEqual([...anchors], ["the-cli-alicloud-tasks-wait-in-a-shell-or-ci", "install", "install-1"]);
    });
});
