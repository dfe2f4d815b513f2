// `npm run pulumi-cli`: the real Pulumi CLI for the end-to-end tests, built from Go modules at the version of
// the project's own @pulumi/pulumi, into .tmp/pulumi-cli/<version>/ (git-ignored). It prints the folder on its
// last line and how long the build took.
//
// Why a build: no Pulumi installer reaches its download site from these machines, but the Go module proxy
// serves the CLI (github.com/pulumi/pulumi/pkg/v3, package cmd/pulumi). It does not serve the modules of
// Pulumi's Node.js and Python language hosts, so nodejs-host/ and python-host/ are small ones of our own that
// start programs the way Pulumi's do (see their headers). The dynamic provider plugins and the Python host's
// program launcher are Pulumi's own scripts from the SDK module of the same version.
//
// The YAML language host is Pulumi's own (github.com/pulumi/pulumi-yaml), built at its own pinned
// dependencies with `go install <package>@<version>`: no version the proxy serves compiled against pkg/sdk
// v3.276.0, the CLI's version before (plugin.NewContextWithRoot and schema.NewPluginLoader changed), and it talks to the CLI over
// the same versioned gRPC protocol, as the separately released plugin does in Pulumi's own distribution.
//
// Cached by version, once per machine: the CLI and the YAML host (the costly links) are built into the user's
// cache folder ($ALICLOUD_TASKS_CACHE, else $XDG_CACHE_HOME or ~/.cache, then pulumi-alicloud-tasks/) and
// copied into each checkout's .tmp/, so a fresh clone (CI's) pays a copy, not a link. Our language hosts, a
// few hundred lines each, are built per checkout, again when their source changes.
//
// Plain JavaScript: it runs before anything is compiled.
import { Buffer } from "node:buffer";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const require = createRequire(join(root, "package.json"));

function fail(message) {
    console.error(`pulumi-cli: ${message}`);
    process.exit(1);
}

let version;
try {
    version = require("@pulumi/pulumi/package.json").version;
} catch {
    fail("@pulumi/pulumi is not installed: run `npm ci` in this repository first.");
}
const goMod = readFileSync(join(here, "go.mod"), "utf8");
for (const module of ["github.com/pulumi/pulumi/pkg/v3", "github.com/pulumi/pulumi/sdk/v3"]) {
    const pinned = new RegExp(`${module.replace(/[./]/g, "\\$&")} (v\\S+)`).exec(goMod)?.[1];
    if (pinned !== `v${version}`) {
        fail(
            `tools/pulumi-cli/go.mod pins ${module} ${pinned ?? "(nothing)"}, but the project's @pulumi/pulumi is ${version}. ` +
                `Pin the same version: cd tools/pulumi-cli && go get ${module}@v${version} && go mod tidy`,
        );
    }
}

const go = spawnSync("go", ["version"], { encoding: "utf8" });
if (go.error || go.status !== 0) fail("Go is not on PATH: the end-to-end tests build the Pulumi CLI with Go 1.26 or later (https://go.dev/dl/).");

const out = join(root, ".tmp", "pulumi-cli", `v${version}`);
const machineCache = join(
    process.env.ALICLOUD_TASKS_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "pulumi-alicloud-tasks"),
    "pulumi-cli",
    `v${version}`,
);
mkdirSync(out, { recursive: true });
mkdirSync(machineCache, { recursive: true });
const started = Date.now();
const built = [];

/** A binary of the machine's cache into the checkout's folder; a partial copy never stays under the final name. */
function fromMachineCache(binary) {
    const tmp = join(out, `.${binary}.copy`);
    copyFileSync(join(machineCache, binary), tmp);
    renameSync(tmp, join(out, binary));
}

function goBuild(target, binary, ldflags, into = out) {
    const tmp = join(into, `.${binary}.${process.pid}.partial`);
    const result = spawnSync("go", ["build", "-trimpath", "-ldflags", ldflags, "-o", tmp, target], {
        cwd: here,
        stdio: ["ignore", "inherit", "inherit"],
        env: { ...process.env, GOFLAGS: "-mod=readonly", GOTOOLCHAIN: "local" },
    });
    if (result.status !== 0) fail(`go build ${target} failed (exit ${result.status ?? result.signal}); its output is above.`);
    renameSync(tmp, join(into, binary)); // a build cut short never leaves a half-written binary behind
    built.push(binary);
}

// the CLI: once per version per machine
if (!existsSync(join(out, "pulumi"))) {
    if (!existsSync(join(machineCache, "pulumi"))) {
        console.log(`pulumi-cli: building the Pulumi CLI v${version} from Go modules (the first time on a machine takes several minutes)...`);
        const ldflags = `-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v${version}`;
        goBuild("github.com/pulumi/pulumi/pkg/v3/cmd/pulumi", "pulumi", ldflags, machineCache);
    }
    fromMachineCache("pulumi");
}

// our language hosts: again when their source (or langhost/, which they share) changes
for (const [dir, binary] of [
    ["nodejs-host", "pulumi-language-nodejs"],
    ["python-host", "pulumi-language-python"],
]) {
    const sources = [dir, "langhost"].flatMap((d) =>
        readdirSync(join(here, d))
            .sort()
            .map((f) => readFileSync(join(here, d, f))),
    );
    const stamp = createHash("sha256").update(goMod).update(Buffer.concat(sources)).digest("hex");
    const stampFile = join(out, `.${dir}.sha256`);
    if (!existsSync(join(out, binary)) || !existsSync(stampFile) || readFileSync(stampFile, "utf8") !== stamp) {
        goBuild(`./${dir}`, binary, `-s -w -X main.version=${version}`);
        writeFileSync(stampFile, stamp);
    }
}

// the YAML language host: Pulumi's own, at the version pinned here, with the dependencies its own go.mod pins
const yamlModule = "github.com/pulumi/pulumi-yaml";
const yamlVersion = "v1.25.0";
const yamlStamp = join(machineCache, ".pulumi-language-yaml.version");
const yamlCached = () => existsSync(join(machineCache, "pulumi-language-yaml")) && existsSync(yamlStamp) && readFileSync(yamlStamp, "utf8") === yamlVersion;
const yamlCopied = join(out, ".pulumi-language-yaml.version");
if (!yamlCached()) {
    console.log(`pulumi-cli: building the YAML language host ${yamlVersion} (the first time on a machine takes a few minutes)...`);
    const gobin = join(machineCache, `.yaml.${process.pid}.partial`);
    rmSync(gobin, { recursive: true, force: true });
    const ldflags = `-s -w -X ${yamlModule}/pkg/version.Version=${yamlVersion}`;
    const result = spawnSync("go", ["install", "-trimpath", "-ldflags", ldflags, `${yamlModule}/cmd/pulumi-language-yaml@${yamlVersion}`], {
        cwd: out,
        stdio: ["ignore", "inherit", "inherit"],
        env: { ...process.env, GOBIN: gobin, GOTOOLCHAIN: "local" },
    });
    if (result.status !== 0)
        fail(`go install ${yamlModule}/cmd/pulumi-language-yaml@${yamlVersion} failed (exit ${result.status ?? result.signal}); its output is above.`);
    renameSync(join(gobin, "pulumi-language-yaml"), join(machineCache, "pulumi-language-yaml"));
    rmSync(gobin, { recursive: true, force: true });
    writeFileSync(yamlStamp, yamlVersion);
    built.push("pulumi-language-yaml");
}
if (!existsSync(join(out, "pulumi-language-yaml")) || !existsSync(yamlCopied) || readFileSync(yamlCopied, "utf8") !== yamlVersion) {
    fromMachineCache("pulumi-language-yaml");
    writeFileSync(yamlCopied, yamlVersion);
}

// Pulumi's own scripts, from the SDK module of the same version: the dynamic provider plugins and the Python
// host's program launcher
const sdkDir = spawnSync("go", ["list", "-m", "-f", "{{.Dir}}", "github.com/pulumi/pulumi/sdk/v3"], { cwd: here, encoding: "utf8" }).stdout.trim();
for (const script of ["nodejs/dist/pulumi-resource-pulumi-nodejs", "python/dist/pulumi-resource-pulumi-python", "python/cmd/pulumi-language-python-exec"]) {
    const from = join(sdkDir, ...script.split("/"));
    if (!sdkDir || !existsSync(from)) fail(`${script} not found in the SDK module (${sdkDir || "not downloaded"}).`);
    copyFileSync(from, join(out, basename(from)));
}
for (const binary of readdirSync(out).filter((f) => !f.startsWith("."))) chmodSync(join(out, binary), 0o755);

const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`pulumi-cli: ${built.length ? `built ${built.join(", ")} in ${seconds} s` : `cached (checked in ${seconds} s)`}`);
console.log(out);
