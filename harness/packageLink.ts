// Makes the repository resolvable by its own package name, as it is in a user's project.
//
// The serialized dynamic provider does `require("pulumi-alicloud-tasks/...")` at call time, and the provider
// host resolves that from its cwd's node_modules. In a user's project the package is installed there; in this
// repository a symlink `node_modules/pulumi-alicloud-tasks -> ..` plays that part.
import * as fs from "fs";
import * as path from "path";

export const PACKAGE_NAME = "pulumi-alicloud-tasks";

/** The repository root: the nearest ancestor of this file whose package.json is this package's. */
export function repositoryRoot(from: string = __dirname): string {
    let dir = path.resolve(from);
    for (;;) {
        const manifest = path.join(dir, "package.json");
        if (fs.existsSync(manifest) && readPackageName(manifest) === PACKAGE_NAME) {
            return dir;
        }
        const parent = path.dirname(dir);
        if (parent === dir) {
            // Compiled layout fallback: bin/harness -> ../..
            return path.resolve(__dirname, "..", "..");
        }
        dir = parent;
    }
}

function readPackageName(manifest: string): string | undefined {
    try {
        return (JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: string }).name;
    } catch {
        return undefined;
    }
}

/**
 * Ensures `<root>/node_modules/pulumi-alicloud-tasks` is a symlink to `..` (idempotent; safe when several
 * processes race). An existing real directory (an installed copy) is left alone. Returns the link path.
 */
export function ensurePackageLink(root: string = repositoryRoot()): string {
    const link = path.join(root, "node_modules", PACKAGE_NAME);
    let existing: fs.Stats | undefined;
    try {
        existing = fs.lstatSync(link);
    } catch {
        existing = undefined;
    }
    if (existing?.isSymbolicLink()) {
        if (pointsTo(link, root)) {
            return link;
        }
        fs.rmSync(link, { force: true }); // a stale or dangling link
    } else if (existing) {
        return link;
    }
    fs.mkdirSync(path.dirname(link), { recursive: true });
    try {
        fs.symlinkSync("..", link, "dir");
    } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") {
            throw e;
        }
    }
    return link;
}

function pointsTo(link: string, target: string): boolean {
    try {
        return fs.realpathSync(link) === fs.realpathSync(target);
    } catch {
        return false;
    }
}
