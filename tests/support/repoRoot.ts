import * as fs from "fs";
import * as path from "path";

/** The repository's root: the first folder up from here with a package.json (tests run from tests/ with tsx, or from bin/tests/ once built). */
export const REPO_ROOT = (() => {
    for (let dir = __dirname; ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, "package.json"))) return dir;
        if (path.dirname(dir) === dir) throw new Error(`no package.json above ${__dirname}`);
    }
})();
