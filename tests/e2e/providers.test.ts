// An @pulumi/alicloud provider on a waiter, given directly or through a parent component's `providers`, under the
// real engine. Registered with it, the waiter would go to the alicloud plugin (pulumi/pulumi#2776); the classes
// drop it, take its region, and say that the stack's credentials are used.
import * as assert from "assert";
import { ManualClock, Simulator, startSimulator } from "../../simulator";
import { finishedTask, manualClock } from "../support/simulatorClock";
import { assertSucceeded, diagnostics, PulumiProject, PulumiWorkspace, simulatorStackConfig } from "../../harness/pulumiCli";

const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import { TaskWaiter } from "pulumi-alicloud-tasks";

const config = new pulumi.Config();
const shanghai = new alicloud.Provider("shanghai", { region: "cn-shanghai" });

class ImageGate extends pulumi.ComponentResource {
    readonly region: pulumi.Output<string>;
    constructor(name: string, args: { taskId: string; region?: string }, opts?: pulumi.ComponentResourceOptions) {
        super("example:index:ImageGate", name, {}, opts);
        const waiter = new TaskWaiter(\`\${name}-import\`, { service: "ecs", taskId: args.taskId, region: args.region }, { parent: this });
        this.region = waiter.region;
    }
}

const direct = new TaskWaiter("direct", { service: "ecs", taskId: config.require("shanghaiTask") }, { provider: shanghai });
const viaParent = new ImageGate("via-parent", { taskId: config.require("shanghaiTask") }, { providers: [shanghai] });
const explicit = new ImageGate("explicit", { taskId: config.require("hangzhouTask"), region: "cn-hangzhou" }, { providers: { alicloud: shanghai } });
export const regions = pulumi.all([direct.region, viaParent.region, explicit.region]);
export const statuses = pulumi.all([direct.status]);
`;

describe("e2e: an alicloud provider on a waiter, under the Pulumi CLI", function () {
    this.timeout(240_000);
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

    it("waits in the provider's region (or the region input), in this package's provider, and says whose credentials it uses", async () => {
        const shanghaiTask = finishedTask(sim, clock, { service: "ecs", action: "ImportImage", region: "cn-shanghai", durationMs: 500, outcome: "success" });
        const hangzhouTask = finishedTask(sim, clock, { service: "ecs", action: "ImportImage", region: "cn-hangzhou", durationMs: 500, outcome: "success" });
        const stack = simulatorStackConfig(sim, "cn-hangzhou");
        const config = { ...stack.config, shanghaiTask: shanghaiTask.taskId, hangzhouTask: hangzhouTask.taskId };
        const project = await PulumiProject.create(ws, { files: { "index.ts": PROGRAM }, config, secrets: stack.secrets });

        const preview = assertSucceeded(await project.preview());
        const warnings = diagnostics(preview.events, "warning");
        for (const [name, how] of [
            ["direct", "given as `provider`"],
            ["via-parent-import", "of its parent"],
            ["explicit-import", "of its parent"],
        ]) {
            const warning = warnings.find((w) => w.startsWith(`TaskWaiter "${name}"`));
            assert.ok(warning, `a warning about ${name}: ${warnings.join("\n")}`);
            assert.match(warning!, new RegExp(`the alicloud provider ${how.replace(/[`]/g, ".")} serves alicloud resources only`));
            assert.match(warning!, /with the credentials of the stack configuration/);
        }

        const up = assertSucceeded(await project.up());
        const lines = diagnostics(up.events, "info").join("");
        for (const name of ["direct", "via-parent-import", "explicit-import"])
            assert.match(lines, new RegExp(`TaskWaiter "${name}": task t-\\w+ Finished`), `${name} waited`);
        assert.deepStrictEqual((await project.outputs()).regions, ["cn-shanghai", "cn-shanghai", "cn-hangzhou"]);
        for (const waiter of await project.stateResources("TaskWaiter")) {
            assert.match(
                String(waiter.provider),
                /::pulumi:providers:pulumi-nodejs::default/,
                `${waiter.urn} is served by the dynamic provider, not the alicloud plugin`,
            );
            assert.strictEqual(waiter.outputs?.status, "succeeded");
        }
    });
});
