// Every folder in examples/, as a project of its own (its own Pulumi.yaml, package.json and tsconfig.json)
// under the real Pulumi CLI against the simulator, type-checked with its tsconfig: preview
// lists its resources and calls no API, up succeeds, `pulumi stack output` shows the values (secrets with
// --show-secrets), and the state holds no key, token or signed URL query in plain text.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { repositoryRoot } from "../../harness";
import { ManualClock, Simulator, startSimulator } from "../../simulator";
import { finishedTask, manualClock } from "../support/simulatorClock";
import { assertNoPlainSecrets } from "./support/state";
import { assertSucceeded, PulumiProject, PulumiWorkspace, simulatorStackConfig, stepsByName } from "../../harness/pulumiCli";

const EXAMPLES = path.join(repositoryRoot(), "examples");

interface ExampleRun {
    /** Prepares the simulator; returns the example's own stack config. */
    prepare(sim: Simulator, clock: ManualClock): Record<string, string>;
    /** The resources preview and up create, by name. */
    resources: string[];
    /** What `pulumi stack output --show-secrets` shows; a RegExp for values that differ per run. */
    outputs(config: Record<string, string>, sim: Simulator): Record<string, unknown>;
    /** The outputs shown as [secret] without --show-secrets. */
    secrets: string[];
}

const URL = /^https:\/\/[^?]+\?.*Signature=/;
const TIME = /^\d{4}-\d\d-\d\dT/;

/** Container Service's ROA GET /clusters/{ClusterId}, as both ApiWaiter examples read it. */
const CLUSTER: Parameters<Simulator["scriptApi"]>[0] = {
    version: "2015-12-15",
    method: "GET",
    path: "/clusters/{ClusterId}",
    answers: [{ body: { name: "prod", state: "running", current_version: "1.31.1" } }],
};

/** One entry per folder: a new example fails this test until it has one. */
const RUNS: Record<string, ExampleRun> = {
    "ecs-image-gate": {
        prepare: (sim, clock) => {
            const task = finishedTask(sim, clock, { service: "ecs", action: "ImportImage", durationMs: 1000, outcome: "success" });
            return { importTaskId: task.taskId, vswitchId: "vsw-example", securityGroupId: "sg-example" };
        },
        resources: ["image-import", "web"],
        outputs: (config, sim) => ({ imageId: sim.getTask(config.importTaskId)!.resourceId, importStatus: "succeeded", instanceId: "web-id" }),
        secrets: [],
    },
    "report-urls": {
        prepare: (sim) => {
            for (const service of ["ecd", "sas"]) sim.setTaskTemplate(service, { queuedMs: 0, durationMs: 0, outcome: "success" });
            return {};
        },
        resources: ["desktop-inventory", "security-export"],
        outputs: () => ({ ecdReportUrl: URL, ecdReportExpiresAt: TIME, securityExportUrl: URL, securityExportExpiresAt: TIME }),
        secrets: ["ecdReportUrl", "securityExportUrl"],
    },
    "api-wait": {
        prepare: (sim) => {
            // the stand-in alicloud plugin gives resources the id "<name>-id"
            const ecs = { version: "2014-05-26" };
            sim.scriptApi({
                ...ecs,
                action: "DescribeInstances",
                match: { InstanceIds: '["web-id"]' },
                answers: [{ body: { Instances: { Instance: [{ Status: "Running" }] } } }],
            });
            sim.scriptApi({
                ...ecs,
                action: "DescribeInvocations",
                match: { InvokeId: "install-on-web-id" },
                answers: [{ body: { Invocations: { Invocation: [{ InvocationStatus: "Finished" }] } } }],
            });
            sim.scriptApi(CLUSTER);
            return { vswitchId: "vsw-example", securityGroupId: "sg-example", clusterId: "c-prod" };
        },
        resources: ["web", "web-running", "install", "install-on-web", "install-finished", "cluster-running"],
        outputs: () => ({
            instanceStatus: "Running",
            installStatus: "Finished",
            clusterState: { name: "prod", state: "running", version: "1.31.1" },
        }),
        secrets: [],
    },
    "api-check": {
        prepare: (sim) => {
            sim.scriptApi({
                version: "2014-05-26",
                action: "DescribeInstances",
                match: { InstanceIds: '["i-checked"]' },
                answers: [{ body: { Instances: { Instance: [{ Status: "Running" }] } } }],
            });
            sim.scriptApi(CLUSTER);
            return { instanceId: "i-checked", clusterId: "c-prod" };
        },
        resources: ["instance-still-running", "cluster-still-running"],
        outputs: () => ({
            instanceCheck: "succeeded",
            instanceStatus: "Running",
            clusterCheck: "succeeded",
            clusterState: { name: "prod", state: "running" },
        }),
        secrets: [],
    },
};

/**
 * An example's own files (Pulumi.yaml, package.json, tsconfig.json, index.ts, ...), its node_modules and lock
 * aside: the project links this repository's node_modules, where pulumi-alicloud-tasks is this repository, as
 * the example's `file:../..` dependency makes it.
 */
function exampleFiles(name: string): Record<string, string> {
    const dir = path.join(EXAMPLES, name);
    const files: Record<string, string> = {};
    const walk = (sub: string) => {
        for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
            const rel = path.join(sub, entry.name);
            if (entry.name === "node_modules" || entry.name === "package-lock.json" || /^Pulumi\..+\.yaml$/.test(entry.name)) continue;
            if (entry.isDirectory()) walk(rel);
            else files[rel] = fs.readFileSync(path.join(dir, rel), "utf8");
        }
    };
    walk("");
    return files;
}

function assertOutputs(actual: Record<string, unknown>, expected: Record<string, unknown>): void {
    assert.deepStrictEqual(Object.keys(actual).sort(), Object.keys(expected).sort());
    for (const [key, want] of Object.entries(expected)) {
        if (want instanceof RegExp) assert.match(String(actual[key]), want, `${key}: ${JSON.stringify(actual[key])}`);
        else assert.deepStrictEqual(actual[key], want, key);
    }
}

describe("e2e: every example under the Pulumi CLI", function () {
    this.timeout(300_000);
    let ws: PulumiWorkspace;
    let sim: Simulator;
    let clock: ManualClock;
    before(async () => {
        ws = await PulumiWorkspace.create();
        clock = manualClock();
        sim = await startSimulator({ clock });
    });
    after(async () => {
        await sim?.close();
        ws?.close();
    });

    const folders = fs
        .readdirSync(EXAMPLES, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name);

    it("knows how to run every folder", () => {
        assert.deepStrictEqual(
            folders.filter((f) => !RUNS[f]),
            [],
            "add an entry to RUNS for each new example",
        );
    });

    for (const name of folders.filter((f) => RUNS[f])) {
        it(`${name}: preview lists its resources, up succeeds, outputs show, the state keeps secrets encrypted`, async () => {
            const run = RUNS[name];
            const exampleConfig = run.prepare(sim, clock);
            const stack = simulatorStackConfig(sim);
            const project = await PulumiProject.create(ws, {
                name,
                files: exampleFiles(name),
                config: { ...stack.config, ...exampleConfig },
                secrets: stack.secrets,
                // type-checked with the example's own tsconfig.json, as ts-node does for users by default
                typeCheck: true,
            });

            sim.resetStats();
            const preview = assertSucceeded(await project.preview());
            assert.deepStrictEqual(Object.keys(stepsByName(preview.events)).sort(), [...run.resources].sort());
            assert.strictEqual(sim.stats().total, 0, "pulumi preview calls no API");

            const up = assertSucceeded(await project.up());
            assert.deepStrictEqual(stepsByName(up.events), Object.fromEntries(run.resources.map((r) => [r, "create"])));
            const shown = await project.outputs();
            for (const key of run.secrets) assert.strictEqual(shown[key], "[secret]", `${key} is secret`);
            assertOutputs(await project.outputs(true), run.outputs(exampleConfig, sim));
            assertNoPlainSecrets(await project.exportState(), sim);
            assertNoPlainSecrets(up.stdout + up.stderr, sim, "the output of pulumi up");
        });
    }
});
