// Runs a Pulumi program as `pulumi up` would, without the CLI: the program runs in the SDK under mocks, inside a
// root stack resource like the language host runs it, and each dynamic resource it registers is checked and created
// for real by Pulumi's dynamic provider host (see mocks.ts).
import * as pulumi from "@pulumi/pulumi";
import { ProviderHost } from "./host";
import { hostBackedMocks, MockContext } from "./mocks";
import { findResource, ProgramRun, ResourceRecord } from "./programRun";
import { resolveDeep } from "./resolve";
import { ResourceOptionsCapture } from "./resourceOptions";
import { DEFAULT_STACK } from "./urn";

export * from "./programRun";
export { DYNAMIC_TYPE_PREFIX } from "./mocks";

export interface RunProgramOptions {
    host: ProviderHost;
    /** Stack config. Keys without a namespace get the project's ("importTaskId" -> "<project>:importTaskId"). */
    config?: Record<string, string>;
    /** Config keys that are secrets (same key forms as `config`). */
    secretKeys?: string[];
    /** Default: the host's project (PULUMI_NODEJS_PROJECT), so that both resolve un-namespaced keys alike. */
    project?: string;
    stack?: string;
    /**
     * Send the config to the host with `configure` if it has not been configured yet (default true). The engine
     * configures a provider process once per deployment: a host reused across runs keeps the first config.
     */
    configureHost?: boolean;
    /** Called after each dynamic resource's check/create finished, failed or not. */
    onDynamicCreate?(record: ResourceRecord): void;
    mockResource?: MockContext["mockResource"];
    mockCall?: MockContext["mockCall"];
    /** Reject when the run is not ok (default false: the run is returned with its errors). */
    throwOnError?: boolean;
}

/** The Pulumi runtime's state is global, so runs in one process take turns. */
let previousRun: Promise<unknown> = Promise.resolve();

export function runProgram(program: () => unknown, options: RunProgramOptions): Promise<ProgramRun> {
    const run = previousRun.then(() => runExclusively(program, options));
    previousRun = run.catch(() => undefined);
    return run;
}

async function runExclusively(program: () => unknown, options: RunProgramOptions): Promise<ProgramRun> {
    const started = Date.now();
    const project = options.project ?? options.host.project;
    const stack = options.stack ?? DEFAULT_STACK;
    const config = qualifyKeys(options.config ?? {}, project);
    const secretKeys = (options.secretKeys ?? []).map((k) => qualify(k, project));
    if (options.configureHost !== false && !options.host.configuration) {
        await options.host.configure(config, secretKeys);
    }

    const records: ResourceRecord[] = [];
    const capture = new ResourceOptionsCapture();
    const errors = new Set<Error>();
    // As the language host does: an unhandled rejection (a failed resource's outputs nobody awaited) is an error
    // of this run, not a crash of the test process.
    const onUnhandled = (reason: unknown) => errors.add(asError(reason));
    process.on("unhandledRejection", onUnhandled);
    let returned: unknown;
    let error: Error | undefined;
    let outputs: unknown;
    let secretOutputs: string[] = [];
    try {
        // setMocks resets the runtime's per-run state (monitor, stack resource, pending RPCs); config is separate.
        const mocks = hostBackedMocks({
            host: options.host,
            project,
            stack,
            records,
            capture,
            onDynamicCreate: options.onDynamicCreate,
            mockResource: options.mockResource,
            mockCall: options.mockCall,
        });
        await pulumi.runtime.setMocks(mocks, project, stack, false);
        pulumi.runtime.setAllConfig(config, secretKeys);
        try {
            // The language host runs a program inside the root stack resource; so do we.
            await pulumi.runtime.runInPulumiStack(async () => {
                capture.install();
                returned = await program();
                return returned;
            });
            ({ value: outputs, secretPaths: secretOutputs } = await resolveDeep(returned));
        } catch (e) {
            error = asError(e);
        }
        // Wait for every registration, including resources the exports do not depend on.
        await pulumi.runtime.disconnect();
        await settle();
    } finally {
        process.off("unhandledRejection", onUnhandled);
    }

    const resourceErrors = records.flatMap((r) => (r.error ? [r.error] : []));
    const all = [...new Set([...(error ? [error] : []), ...resourceErrors, ...errors])].filter((e) => !isRegistrationWrapper(e, records));
    const result: ProgramRun = {
        project,
        stack,
        resources: records,
        outputs,
        secretOutputs,
        error,
        errors: all,
        ok: all.length === 0,
        durationMs: Date.now() - started,
        resource: (name, type) => findResource(records, name, type),
    };
    if (options.throwOnError && !result.ok) {
        throw new Error(`program run failed:\n${result.errors.map((e) => `  ${e.message}`).join("\n")}`);
    }
    return result;
}

function qualify(key: string, project: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

function qualifyKeys(config: Record<string, string>, project: string): Record<string, string> {
    return Object.fromEntries(Object.entries(config).map(([k, v]) => [qualify(k, project), v]));
}

/** The SDK's "failed to register new resource <name> [<type>]: <message>" copy of an error already recorded. */
function isRegistrationWrapper(e: Error, records: ResourceRecord[]): boolean {
    return records.some((r) => r.error && e !== r.error && e.message === `failed to register new resource ${r.name} [${r.type}]: ${r.error.message}`);
}

function asError(e: unknown): Error {
    return e instanceof Error ? e : new Error(String(e));
}

/** Lets rejections of failed resources' outputs surface (Node reports them after the microtask queue drains). */
async function settle(): Promise<void> {
    for (let i = 0; i < 3; i++) {
        await new Promise((resolve) => setImmediate(resolve));
    }
}
