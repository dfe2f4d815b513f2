// `npm run demo`: both resources and the wait command against the embedded simulator instead of a
// cloud account, without the Pulumi CLI. The example programs run under the Pulumi SDK with mocks
// standing in for the engine (so no `pulumi up`, no stack, no state); their waiters are checked and
// created by Pulumi's own dynamic provider host, as under `pulumi up`. Download URLs are pre-signed
// credentials: they are shown without their query everywhere.
import { spawn } from "child_process";
import * as path from "path";
import { exampleProgram, runProgram, startProviderHost, type ProviderHost } from "../harness";
import { redactUrl } from "../provider/client/redact";
import { startSimulator, type Simulator } from "../simulator";

const IMPORT_SECONDS = 8;
const CLI = path.join(__dirname, "..", "cli", "main.js");

async function main(): Promise<void> {
    const sim = await startSimulator();
    console.log(`simulator: ${sim.url} (fake credentials ${sim.credentials.accessKey.accessKeyId})`);
    console.log("The example programs run under the Pulumi SDK's mocks, no Pulumi CLI: their waiters run in Pulumi's");
    console.log("dynamic provider host against the simulator, as `pulumi up` would run them; the instance is a mock.\n");
    // the CLI shows a dynamic provider's output as info messages
    const host = await startProviderHost({ onStdout: (line) => console.log(`  info: ${line}`), onStderr: (line) => console.error(`  host: ${line}`) });
    const config = {
        "alicloud:accessKey": sim.credentials.accessKey.accessKeyId,
        "alicloud:secretKey": sim.credentials.accessKey.accessKeySecret,
        "alicloud:region": "cn-hangzhou",
        "alicloud-tasks:endpoint": sim.url,
    };
    let ok = false;
    try {
        ok = (await quickstart(sim, host, config)) && (await reportExport(sim, host, config)) && (await waitCommand(sim));
    } finally {
        console.log(`\nAPI calls made: ${JSON.stringify(sim.stats().calls)}`);
        await host.close();
        await sim.close();
    }
    if (ok) {
        console.log("\nNext: each example as a stack of its own, `pulumi up` against the simulator or an account: examples/*/README.md;");
        console.log("the package in your own project: README.md, Install.");
    }
    process.exitCode = ok ? 0 : 1;
}

/** 1. The quickstart (examples/ecs-image-gate): an instance gated on an image import. */
async function quickstart(sim: Simulator, host: ProviderHost, config: Record<string, string>): Promise<boolean> {
    const task = sim.createTask({
        service: "ecs",
        action: "ImportImage",
        region: "cn-hangzhou",
        queuedMs: 1500,
        durationMs: IMPORT_SECONDS * 1000,
        outcome: "success",
    });
    console.log(`== 1. TaskWaiter: created ImportImage task ${task.taskId} for image ${task.resourceId} (about ${IMPORT_SECONDS}s)`);
    console.log("examples/ecs-image-gate/index.ts, under mocks (region cn-hangzhou):");
    const started = Date.now();
    const run = await runProgram(exampleProgram("ecs-image-gate"), {
        host,
        config: { ...config, importTaskId: task.taskId, vswitchId: "vsw-demo", securityGroupId: "sg-demo" },
        secretKeys: ["alicloud:secretKey"],
        onDynamicCreate: (r) => console.log(`  + ${r.type} ${r.name} created in ${((r.durationMs ?? 0) / 1000).toFixed(1)}s`),
    });
    const waiter = run.resources.find((r) => r.name === "image-import");
    const instance = run.resources.find((r) => r.name === "web");
    if (instance?.id) console.log(`  + alicloud:ecs/instance:Instance web created with imageId ${instance.inputs.imageId}`);
    console.log(`Outputs (after ${((Date.now() - started) / 1000).toFixed(1)}s):`);
    for (const [key, value] of Object.entries((run.outputs ?? {}) as Record<string, unknown>)) console.log(`    ${key}: ${JSON.stringify(value)}`);
    if (waiter?.outputs) {
        const { status, rawStatus, progress, resourceId, successCount, failedCount, waitedSeconds } = waiter.outputs as Record<string, unknown>;
        console.log(`TaskWaiter outputs: ${JSON.stringify({ status, rawStatus, progress, resourceId, successCount, failedCount, waitedSeconds })}`);
    }
    for (const error of run.errors) console.error(`error: ${error.message}`);
    return run.ok;
}

/** 2. ReportExport (examples/report-urls): an ECD report and a Security Center export, their URLs secret outputs. */
async function reportExport(sim: Simulator, host: ProviderHost, config: Record<string, string>): Promise<boolean> {
    // done by the second poll (the example keeps the default 3s..10s backoff). The simulator is reached by its
    // URL, whose Host names no region: the ECD export is placed in the stack's region by its template, so its
    // link is a cn-hangzhou one as Alibaba's would be. Security Center serves mainland China from cn-shanghai.
    sim.setTaskTemplate("ecd", { queuedMs: 300, durationMs: 2200, region: config["alicloud:region"] });
    sim.setTaskTemplate("sas", { queuedMs: 300, durationMs: 2200 });
    console.log("\n== 2. ReportExport: two exports started by the resources");
    console.log("examples/report-urls/index.ts, under mocks (region cn-hangzhou):");
    const run = await runProgram(exampleProgram("report-urls"), {
        host,
        config,
        secretKeys: ["alicloud:secretKey"],
        onDynamicCreate: (r) => console.log(`  + ${r.type} ${r.name} created in ${((r.durationMs ?? 0) / 1000).toFixed(1)}s`),
    });
    console.log("Outputs (pulumi stack output shows [secret]; here the URLs without their query):");
    for (const [key, value] of Object.entries((run.outputs ?? {}) as Record<string, unknown>)) {
        const shown = typeof value === "string" && /^https?:/.test(value) ? `${redactUrl(value)} (query removed)` : JSON.stringify(value);
        console.log(`    ${key}: ${run.secretOutputs.includes(key) ? "[secret] " : ""}${shown}`);
    }
    for (const error of run.errors) console.error(`error: ${error.message}`);
    return run.ok;
}

/** 3. The same waits from a shell: `alicloud-tasks wait ...` as a CI step runs it, credentials from the environment. */
async function waitCommand(sim: Simulator): Promise<boolean> {
    const env = {
        ...process.env,
        ALIBABA_CLOUD_ACCESS_KEY_ID: sim.credentials.accessKey.accessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: sim.credentials.accessKey.accessKeySecret,
        ALIBABA_CLOUD_REGION_ID: "cn-shanghai",
        ALICLOUD_TASKS_ENDPOINT: sim.url,
    };
    console.log(`\n== 3. The wait command (ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET, ALIBABA_CLOUD_REGION_ID=cn-shanghai, ALICLOUD_TASKS_ENDPOINT=${sim.url})`);
    const task = sim.createTask({ service: "ecs", action: "ImportImage", region: "cn-shanghai", queuedMs: 500, durationMs: 3000, outcome: "success" });
    const ecs = await runCli(["wait", "ecs", "--task-id", task.taskId, "--timeout", "1m", "--poll-min", "500ms", "--poll-max", "1s"], env);
    sim.setTaskTemplate("ecd", { queuedMs: 500, durationMs: 3000, region: "cn-shanghai" });
    const ecd = await runCli(
        ["wait", "ecd", "--create-task-type", "RESOURCE_REPORT", "--create-sub-type", "DESKTOP", "--poll-min", "500ms", "--poll-max", "1s"],
        env,
    );
    const failed = sim.createTask({ service: "bdrc", region: "cn-shanghai", durationMs: 1000, outcome: "failed" });
    const bdrc = await runCli(["wait", "bdrc", "--task-id", failed.taskId, "--json", "--progress", "none", "--poll-min", "500ms"], env);
    return ecs === 0 && ecd === 0 && bdrc === 1;
}

/** Runs the built command as a child process (the simulator answers from this process, so never synchronously). */
function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<number | null> {
    console.log(`$ alicloud-tasks ${args.join(" ")}`);
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
        const indent = (chunk: Buffer) => chunk.toString("utf8").replace(/^(?=.)/gm, "  ");
        child.stdout.on("data", (chunk: Buffer) => process.stdout.write(indent(chunk)));
        child.stderr.on("data", (chunk: Buffer) => process.stdout.write(indent(chunk)));
        child.on("error", reject);
        child.on("close", (code) => {
            console.log(`  (exit ${code})`);
            resolve(code);
        });
    });
}

main().catch((error) => {
    console.error(error);
    process.exit(1);
});
