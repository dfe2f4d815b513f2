// preinstall: the plugin runs the package in the folder above (`file:..`), which must be installed and built:
// - a packed package (a tarball unpacked, or the npm package's own folder) is built: its runtime dependencies
//   are installed, nothing more (no dev dependencies, no build);
// - a git clone is neither: it is installed with its dev dependencies, and npm's `prepare` builds it.
// Once done, nothing is done again.
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const built = fs.existsSync(path.join(root, "bin", "provider", "plugin", "main.js"));
const installed = fs.existsSync(path.join(root, "node_modules", "zod")) || fs.existsSync(path.join(root, "..", "zod"));
if (!built || !installed) {
    const npm = process.env.npm_execpath;
    const [command, prefix] = npm ? [process.execPath, [npm]] : ["npm", []];
    const args = built ? ["install", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund"] : ["install", "--no-audit", "--no-fund"];
    execFileSync(command, [...prefix, ...args], { cwd: root, stdio: "inherit" });
}
