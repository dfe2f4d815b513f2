// Copied into a temporary Pulumi project and run there by the package tests, with node's cwd in that
// project: the program, the harness copy and Pulumi's provider host all resolve pulumi-alicloud-tasks
// and @pulumi/pulumi from the project's node_modules, as in a user's project. Nothing here may
// import a module statically (type imports only): this file must not pull in the repository's copies.
// Prints one line "RESULT <json>" with what the tests check and report.
import * as path from "path";
import { performance } from "perf_hooks";
import type * as Harness from "../../harness";

export interface RunnerInput {
    /** The harness copy inside the project. */
    harnessDir: string;
    /** Stack config for the program and the host's configure. */
    config: Record<string, string>;
    secretKeys: string[];
    /** Extra environment for the host (ambient credentials cleared). */
    env: Record<string, string>;
    project: string;
    /** The compiled program, relative to the project. */
    entry: string;
}

export interface RunnerResult {
    ok: boolean;
    errors: string[];
    outputs: unknown;
    type?: string;
    /** The serialized provider (`__provider`) the program produced. */
    provider?: string;
    providerBytes?: number;
    /** Spawn to the port line. */
    hostStartupMs: number;
    /** Spawn to the first create answered (configure, check, create: loading the package, the first API calls). */
    coldStartMs?: number;
    resolved: Record<string, string>;
    hostOutput: string[];
}

async function main(): Promise<void> {
    const input = JSON.parse(process.env.PACKAGE_RUNNER_INPUT ?? "{}") as RunnerInput;
    const projectDir = process.cwd();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const harness = require(input.harnessDir) as typeof Harness;
    const entry = path.join(projectDir, input.entry);
    const packageMain = require.resolve("pulumi-alicloud-tasks", { paths: [projectDir] });
    const resolved = {
        packageMain,
        sdkFromProject: require.resolve("@pulumi/pulumi", { paths: [projectDir] }),
        sdkFromPackage: require.resolve("@pulumi/pulumi", { paths: [path.dirname(packageMain)] }),
        sdkFromHarness: require.resolve("@pulumi/pulumi", { paths: [input.harnessDir] }),
        hostScript: require.resolve("@pulumi/pulumi/cmd/dynamic-provider", { paths: [projectDir] }),
    };

    const host = await harness.startProviderHost({ cwd: projectDir, project: input.project, env: input.env });
    let firstCreateAt: number | undefined;
    try {
        const run = await harness.runProgram(
            () => {
                // the program is the module's top-level code; its exports are the stack outputs
                delete require.cache[entry];
                // eslint-disable-next-line @typescript-eslint/no-require-imports
                return { ...require(entry) };
            },
            { host, config: input.config, secretKeys: input.secretKeys, onDynamicCreate: () => (firstCreateAt ??= performance.now()) },
        );
        const record = run.resources.find((r) => r.dynamic);
        // the host's lines travel on a pipe, apart from the gRPC answer: wait for the waiter's progress line install.test.ts
        // looks for (a hang guard only; without it, the test reports the output it got)
        if (run.ok) await host.waitForLine('TaskWaiter "image-import": task').catch(() => undefined);
        const result: RunnerResult = {
            ok: run.ok,
            errors: run.errors.map((e) => e.message),
            outputs: run.outputs,
            type: record?.type,
            provider: record?.provider,
            providerBytes: record?.provider !== undefined ? Buffer.byteLength(record.provider) : undefined,
            hostStartupMs: host.startupMs,
            coldStartMs: firstCreateAt !== undefined ? firstCreateAt - host.startedAt : undefined,
            resolved,
            hostOutput: [...host.stdout, ...host.stderr],
        };
        process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
    } finally {
        await host.close();
    }
}

main().catch((error) => {
    console.error(error);
    process.exit(1);
});
