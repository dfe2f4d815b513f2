// The files of the users' projects that lab.ts installs into: what `pulumi new typescript` writes
// (its package.json, Pulumi.yaml and tsconfig.json, as in pulumi/templates), a program that uses
// both resources, and the user's own unit test under `pulumi.runtime.setMocks`.

import { LEGACY_TEMPLATE_TSCONFIG, TEMPLATE_TSCONFIG } from "../../harness/pulumiCli/template";

export type ProjectKind = "latest" | "oldest" | "pnpm";

export const PROJECT = "image-gate";

/** A user's test helper that starts the simulator (type-checked only). */
const SIMULATOR_USAGE = `import { startSimulator, type Simulator } from "pulumi-alicloud-tasks/simulator";

export async function importFinished(): Promise<Simulator> {
    const sim = await startSimulator({ speed: 30 });
    sim.createTask({ service: "ecs", action: "ImportImage", durationMs: 60_000, outcome: "success" });
    return sim;
}
`;

/**
 * The user's program. Inputs read back as outputs (`region` from configuration, `timeout` with
 * its default); a ReportExport only when configured, so that it is type-checked but not run.
 */
export const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { ReportExport, TaskWaiter, type TaskWaiterArgs } from "pulumi-alicloud-tasks";

const config = new pulumi.Config();
const args: TaskWaiterArgs = {
    service: "ecs",
    taskId: config.require("importTaskId"),
    pollInterval: { min: "100ms", max: "300ms" },
};
const imported = new TaskWaiter("image-import", args);

export const importStatus: pulumi.Output<string> = imported.status;
export const imageId: pulumi.Output<string | undefined> = imported.resourceId;
export const region: pulumi.Output<string> = imported.region;
export const timeout: pulumi.Output<string> = imported.timeout;
export const taskId: pulumi.Output<string | undefined> = imported.taskId;

if (config.getBoolean("reports")) {
    const desktops = new ReportExport("desktops", {
        service: "ecd",
        create: { taskType: "RESOURCE_REPORT", subType: "DESKTOP", langType: "en-GB" },
        timeout: "45m",
    });
    const url: pulumi.Output<string | undefined> = desktops.downloadUrl;
    pulumi.all([url, desktops.expiresAt, desktops.exportId]).apply(([u, at]) => console.log(u === undefined, at));
}
`;

/**
 * The user's unit test, the standard pattern: mocks first, then the program, then read an output.
 * It breaks when the package brings its own copy of the SDK. Prints one line "MOCKS <json>".
 */
export const MOCKS_TEST = `const pulumi = require("@pulumi/pulumi");

pulumi.runtime.setMocks(
    {
        newResource: (args) => ({ id: args.name + "-id", state: { ...args.inputs, region: args.inputs.region || "cn-hangzhou", status: "succeeded", resourceId: "m-mocked" } }),
        call: (args) => args.inputs,
    },
    "${PROJECT}",
    "test",
    false,
);
pulumi.runtime.setConfig("${PROJECT}:importTaskId", "t-mocked1234");
const stack = require("./bin/index.js");
const value = (output) => new Promise((resolve) => output.apply(resolve));
const timer = setTimeout(() => {
    console.log("MOCKS " + JSON.stringify({ error: "outputs never resolved" }));
    process.exit(1);
}, 20000);
Promise.all([value(stack.importStatus), value(stack.imageId), value(stack.region)]).then(([status, imageId, region]) => {
    clearTimeout(timer);
    console.log("MOCKS " + JSON.stringify({ status, imageId, region }));
});
`;

/** An ESM project ("type": "module", nodenext) beside the CommonJS one, resolving packages from the same node_modules. */
const ESM_PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { TaskWaiter, TASK_STATUSES, type TaskStatus } from "pulumi-alicloud-tasks";
import type { Simulator } from "pulumi-alicloud-tasks/simulator";

const waiter = new TaskWaiter("esm-import", { service: "bdrc", taskId: "t-0004d9ctt1ii1234", region: "cn-shanghai" });
export const status: pulumi.Output<TaskStatus> = waiter.status;
export const statuses: readonly TaskStatus[] = TASK_STATUSES;
export type TestCloud = Simulator;
`;

const ESM_TEST = `import * as pulumi from "@pulumi/pulumi";

await pulumi.runtime.setMocks(
    { newResource: (args) => ({ id: args.name + "-id", state: { ...args.inputs, status: "succeeded" } }), call: (args) => args.inputs },
    "${PROJECT}",
    "test",
    false,
);
const stack = await import("./bin/index.js");
const status = await new Promise((resolve) => stack.status.apply(resolve));
console.log("MOCKS " + JSON.stringify({ status, statuses: stack.statuses }));
`;

const json = (value: unknown) => JSON.stringify(value, null, 4) + "\n";

export function PROJECT_FILES(kind: ProjectKind, sdk: string): Record<string, string> {
    const common: Record<string, string> = {
        "Pulumi.yaml": `name: ${PROJECT}\ndescription: A user's project\nruntime: nodejs\n`,
        "tsconfig.json": json(TEMPLATE_TSCONFIG),
        "index.ts": PROGRAM,
        "mocks-test.js": MOCKS_TEST,
    };
    if (kind === "pnpm") {
        return {
            ...common,
            "package.json": json({ name: PROJECT, private: true }),
            // pnpm 10+ runs no dependency's build script unless told: the SDK's protobufjs has one it does not need
            "pnpm-workspace.yaml": "allowBuilds:\n  protobufjs: false\n",
        };
    }
    const files: Record<string, string> = {
        ...common,
        // pulumi/templates typescript/package.json, with the SDK version under test; the "oldest" project
        // compiles with this repository's TypeScript (the SDK's declarations are what it checks)
        "package.json": json({
            name: PROJECT,
            main: "index.ts",
            devDependencies: kind === "latest" ? { "@types/node": "^18", typescript: "^5.0.0" } : { "@types/node": "^18" },
            dependencies: { "@pulumi/pulumi": sdk },
        }),
    };
    if (kind === "latest") {
        files["tsconfig.legacy.json"] = json(LEGACY_TEMPLATE_TSCONFIG);
        files["simulator-usage.ts"] = SIMULATOR_USAGE;
        files["esm/package.json"] = json({ name: `${PROJECT}-esm`, private: true, type: "module" });
        files["esm/tsconfig.json"] = json({ ...TEMPLATE_TSCONFIG, compilerOptions: { ...TEMPLATE_TSCONFIG.compilerOptions, target: "es2022" } });
        files["esm/index.ts"] = ESM_PROGRAM;
        files["esm/mocks-test.mjs"] = ESM_TEST;
    }
    return files;
}
