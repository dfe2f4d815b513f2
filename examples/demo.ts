// `npm run demo`: the quickstart program run the way `pulumi up` runs it, against the embedded
// simulator instead of a cloud account. The program runs under the Pulumi SDK (mocks stand in
// for the engine); its TaskWaiter is checked and created by Pulumi's own dynamic provider host.
import { exampleProgram, runProgram, startProviderHost } from "../harness";
import { startSimulator } from "../simulator";

const IMPORT_SECONDS = 8;

async function main(): Promise<void> {
    const sim = await startSimulator();
    console.log(`simulator: ${sim.url} (fake credentials ${sim.credentials.accessKey.accessKeyId})`);
    const task = sim.createTask({ service: "ecs", action: "ImportImage", region: "cn-hangzhou", queuedMs: 1500, durationMs: IMPORT_SECONDS * 1000, outcome: "success" });
    console.log(`created ImportImage task ${task.taskId} for image ${task.resourceId} (about ${IMPORT_SECONDS}s)\n`);

    // the CLI shows a dynamic provider's output as info messages
    const host = await startProviderHost({ onStdout: (line) => console.log(`  info: ${line}`), onStderr: (line) => console.error(`  host: ${line}`) });
    const config = {
        "alicloud:accessKey": sim.credentials.accessKey.accessKeyId,
        "alicloud:secretKey": sim.credentials.accessKey.accessKeySecret,
        "alicloud:region": "cn-hangzhou",
        "alicloud-tasks:endpoint": sim.url,
        importTaskId: task.taskId,
        vswitchId: "vsw-demo",
        securityGroupId: "sg-demo",
    };
    console.log("pulumi up (examples/ecs-image-gate):");
    const started = Date.now();
    const run = await runProgram(exampleProgram("ecs-image-gate"), {
        host,
        config,
        secretKeys: ["alicloud:secretKey"],
        onDynamicCreate: (r) => console.log(`  + ${r.type} ${r.name} created in ${((r.durationMs ?? 0) / 1000).toFixed(1)}s`),
    });
    const waiter = run.resources.find((r) => r.name === "image-import");
    const instance = run.resources.find((r) => r.name === "web");
    if (instance?.id) console.log(`  + alicloud:ecs/instance:Instance web created with imageId ${instance.inputs.imageId}`);
    console.log(`\nOutputs (after ${((Date.now() - started) / 1000).toFixed(1)}s):`);
    for (const [key, value] of Object.entries((run.outputs ?? {}) as Record<string, unknown>)) console.log(`    ${key}: ${JSON.stringify(value)}`);
    if (waiter?.outputs) {
        const { status, rawStatus, progress, resourceId, successCount, failedCount, waitedSeconds } = waiter.outputs as Record<string, unknown>;
        console.log(`\nTaskWaiter outputs: ${JSON.stringify({ status, rawStatus, progress, resourceId, successCount, failedCount, waitedSeconds })}`);
    }
    for (const error of run.errors) console.error(`error: ${error.message}`);
    console.log(`\nAPI calls the waiter made: ${JSON.stringify(sim.stats().calls)}`);
    await host.close();
    await sim.close();
    process.exitCode = run.ok ? 0 : 1;
}

main().catch((error) => {
    console.error(error);
    process.exit(1);
});
