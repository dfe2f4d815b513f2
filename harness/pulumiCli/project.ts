// A Pulumi project in a workspace: the files `pulumi new typescript` writes (Pulumi.yaml, package.json,
// tsconfig.json) around a program, its node_modules linked to this repository's (where
// node_modules/pulumi-alicloud-tasks links back to the repository, so the provider host requires the
// package by name, as in a user's project), and a stack on the workspace's file backend. A Python project
// has `pulumi new python`'s files instead (Pulumi.yaml on pip and a virtualenv, requirements.txt) and a
// virtualenv of its own on the tests' Pulumi SDK (python.ts); a YAML project, Pulumi.yaml alone.
import * as fs from "fs";
import * as path from "path";
import type { Simulator } from "../../simulator";
import { ensurePackageLink, repositoryRoot } from "../packageLink";
import { makeProjectVirtualenv, PYTHON_REQUIREMENTS, pythonRuntime } from "./python";
import { TEMPLATE_TSCONFIG } from "./template";
import { CommandResult, PulumiWorkspace, RunningCommand, assertSucceeded } from "./workspace";

export interface ProjectOptions {
    /** Project name (Pulumi.yaml `name`); default "e2e". */
    name?: string;
    /** "nodejs" (default), "python" or "yaml": the language of the program and the files it starts from. */
    language?: "nodejs" | "python" | "yaml";
    /**
     * Files by path relative to the project: the program (index.ts, __main__.py, or Pulumi.yaml for YAML). The
     * others (Pulumi.yaml, package.json and tsconfig.json; requirements.txt) default to the template's.
     */
    files: Record<string, string>;
    config?: Record<string, string>;
    secrets?: Record<string, string>;
    stack?: string;
    /**
     * "shared" (default): node_modules is a link to this repository's. "own": a folder of links to each of its
     * packages, so that a test can remove this package from the project alone.
     */
    nodeModules?: "shared" | "own";
    /** Type-check the program on every run, as ts-node does by default for users (slower); default off. */
    typeCheck?: boolean;
}

const json = (value: unknown) => JSON.stringify(value, null, 4) + "\n";

export class PulumiProject {
    private constructor(
        readonly workspace: PulumiWorkspace,
        readonly dir: string,
        readonly stack: string,
        private readonly typeCheck: boolean,
    ) {}

    static async create(workspace: PulumiWorkspace, options: ProjectOptions): Promise<PulumiProject> {
        const name = options.name ?? "e2e";
        const language = options.language ?? "nodejs";
        const dir = fs.mkdtempSync(path.join(workspace.dir, "projects", `${name}-`));
        const header = `name: ${name}\ndescription: An end-to-end test project\n`;
        const templates: Record<typeof language, Record<string, string>> = {
            nodejs: {
                "Pulumi.yaml": `${header}runtime: nodejs\n`,
                "package.json": json({ name, main: "index.ts", devDependencies: { "@types/node": "^18", typescript: "^5.0.0" } }),
                "tsconfig.json": json(TEMPLATE_TSCONFIG),
            },
            python: { "Pulumi.yaml": header + pythonRuntime(), "requirements.txt": PYTHON_REQUIREMENTS },
            yaml: { "Pulumi.yaml": `${header}runtime: yaml\n` },
        };
        const files: Record<string, string> = { ...templates[language], ...options.files };
        for (const [file, text] of Object.entries(files)) {
            fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
            fs.writeFileSync(path.join(dir, file), text);
        }
        if (language === "nodejs") linkNodeModules(dir, options.nodeModules ?? "shared");
        if (language === "python") await makeProjectVirtualenv(dir);
        fs.mkdirSync(path.join(dir, ".pulumi-state"));
        const stack = options.stack ?? "test";
        const project = new PulumiProject(workspace, dir, stack, options.typeCheck ?? false);
        assertSucceeded(await project.run(["stack", "init", stack, "--non-interactive"]));
        await project.setConfig(options.config ?? {}, options.secrets ?? {});
        return project;
    }

    /** Each project keeps its stacks in a file backend of its own: projects of one name never share a stack. */
    private get env(): Record<string, string> {
        return {
            PULUMI_BACKEND_URL: `file://${path.join(this.dir, ".pulumi-state")}`,
            ...(this.typeCheck ? { PULUMI_NODEJS_TRANSPILE_ONLY: "false" } : {}),
        };
    }

    run(args: string[], env?: Record<string, string>): Promise<CommandResult> {
        return this.start(args, env).done;
    }

    start(args: string[], env?: Record<string, string>): RunningCommand {
        const stack = args[0] === "stack" && args[1] === "init" ? [] : ["--stack", this.stack];
        return this.workspace.start(this.dir, [...args, ...stack], { ...this.env, ...env });
    }

    /** Sets stack config in one command; `secrets` are encrypted with the workspace's passphrase. */
    async setConfig(config: Record<string, string>, secrets: Record<string, string> = {}): Promise<void> {
        const args = [
            ...Object.entries(config).flatMap(([k, v]) => ["--plaintext", `${k}=${v}`]),
            ...Object.entries(secrets).flatMap(([k, v]) => ["--secret", `${k}=${v}`]),
        ];
        if (args.length > 0) assertSucceeded(await this.run(["config", "set-all", ...args]));
    }

    preview(...extra: string[]): Promise<CommandResult> {
        return this.run(["preview", ...extra]);
    }

    up(...extra: string[]): Promise<CommandResult> {
        return this.run(["up", ...extra]);
    }

    refresh(...extra: string[]): Promise<CommandResult> {
        return this.run(["refresh", ...extra]);
    }

    destroy(...extra: string[]): Promise<CommandResult> {
        return this.run(["destroy", ...extra]);
    }

    /** `pulumi stack output --json`, with secrets in plain text when asked. */
    async outputs(showSecrets = false): Promise<Record<string, unknown>> {
        const result = assertSucceeded(await this.run(["stack", "output", "--json", ...(showSecrets ? ["--show-secrets"] : [])]));
        return JSON.parse(result.stdout) as Record<string, unknown>;
    }

    /** `pulumi stack export`: the state as the backend keeps it (secrets encrypted). */
    async exportState(): Promise<string> {
        return assertSucceeded(await this.run(["stack", "export"])).stdout;
    }

    /** The state's resources of one type name ("TaskWaiter"), from `pulumi stack export`. */
    async stateResources(typeName?: string): Promise<StateResource[]> {
        const state = JSON.parse(await this.exportState()) as { deployment: { resources?: StateResource[] } };
        return (state.deployment.resources ?? []).filter((r) => typeName === undefined || r.type.endsWith(`:${typeName}`));
    }
}

function linkNodeModules(dir: string, how: "shared" | "own"): void {
    ensurePackageLink();
    const modules = path.join(repositoryRoot(), "node_modules");
    if (how === "own") {
        fs.mkdirSync(path.join(dir, "node_modules"));
        for (const entry of fs.readdirSync(modules)) fs.symlinkSync(path.join(modules, entry), path.join(dir, "node_modules", entry));
    } else {
        fs.symlinkSync(modules, path.join(dir, "node_modules"), "dir");
    }
}

export interface StateResource {
    urn: string;
    type: string;
    id?: string;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
    initErrors?: string[];
    provider?: string;
}

/** The stack config that points a program at the simulator: region, endpoint override, and its key pair. */
export function simulatorStackConfig(sim: Simulator, region = "cn-hangzhou"): { config: Record<string, string>; secrets: Record<string, string> } {
    return {
        config: { "alicloud:region": region, "alicloud-tasks:endpoint": sim.url, "alicloud:accessKey": sim.credentials.accessKey.accessKeyId },
        secrets: { "alicloud:secretKey": sim.credentials.accessKey.accessKeySecret },
    };
}
