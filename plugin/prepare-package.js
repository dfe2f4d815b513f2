// preinstall: the plugin runs the package in the folder above (`file:..`). In a git clone, or a tarball unpacked
// by hand, that package is not installed or built yet: install it (npm runs its `prepare`, the build) once.
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const built = fs.existsSync(path.join(root, "bin", "provider", "plugin", "main.js"));
const installed = fs.existsSync(path.join(root, "node_modules", "zod"));
if (!built || !installed) {
    const npm = process.env.npm_execpath;
    const [command, args] = npm ? [process.execPath, [npm]] : ["npm", []];
    execFileSync(command, [...args, "install", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
}
