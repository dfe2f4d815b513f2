// The package's provider plugin (plugin/, PulumiPlugin.yaml) from Python and YAML programs under the real CLI,
// taken from the npm tarball as a user would: unpacked, then `pulumi package add <unpacked>/package/plugin`.
// Each program gates on an ECS image import, exports an ECD report URL as a secret output and runs an ApiWaiter
// check; in Python, a wait that times out resumes on the next `pulumi up`. The README's Python and YAML Quickstart
// programs, taken from the README, run too.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ManualClock, Simulator, startSimulator } from "../../simulator";
import { packageLab } from "../package/lab";
import { finishTask, manualClock } from "../support/simulatorClock";
import { assertSucceeded, PulumiProject, PulumiWorkspace, pythonSdk, stepOf } from "../../harness/pulumiCli";
import { assertNoPlainSecrets } from "./support/state";
import { codeBlocks, section } from "./support/readme";

const PYTHON_PROGRAM = `import pulumi
import pulumi_alicloud_tasks as tasks

config = pulumi.Config()
imported = tasks.TaskWaiter(
    "image-import",
    service="ecs",
    task_id=config.require("importTaskId"),
    timeout=config.get("timeout") or "30m",
    poll_interval=tasks.PollIntervalArgs(min="100ms", max="300ms"),
)
report = tasks.ReportExport("desktops", service="ecd", create=tasks.EcdReportRequestArgs(task_type="RESOURCE_REPORT", sub_type="DESKTOP"))
check = tasks.ApiWaiter(
    "web-still-running",
    product="Ecs",
    version="2014-05-26",
    action="DescribeInstances",
    params={"InstanceIds": '["i-web"]'},
    until=tasks.ApiUntilArgs(expr="Instances.Instance[0].Status", to="Running"),
    mode="check",
    on_failure="warn",
)
pulumi.export("importStatus", imported.status)
pulumi.export("imageId", imported.resource_id)
pulumi.export("reportUrl", report.download_url)
pulumi.export("checkStatus", check.status)
`;

const yamlProgram = (plugin: string) => `name: tasks-yaml
runtime: yaml
packages:
  alicloud-tasks: ${plugin}
config:
  importTaskId:
    type: string
resources:
  image-import:
    type: alicloud-tasks:TaskWaiter
    properties:
      service: ecs
      taskId: \${importTaskId}
  desktops:
    type: alicloud-tasks:ReportExport
    properties:
      service: ecd
      create:
        taskType: RESOURCE_REPORT
        subType: DESKTOP
  web-still-running:
    type: alicloud-tasks:ApiWaiter
    properties:
      product: Ecs
      version: "2014-05-26"
      action: DescribeInstances
      params:
        InstanceIds: '["i-web"]'
      until:
        expr: Instances.Instance[0].Status
        to: Running
      mode: check
      onFailure: warn
outputs:
  importStatus: \${image-import.status}
  imageId: \${image-import.resourceId}
  reportUrl: \${desktops.downloadUrl}
  checkStatus: \${web-still-running.status}
`;

describe("e2e: the provider plugin from Python and YAML programs, under the Pulumi CLI", function () {
    this.timeout(600_000);
    let ws: PulumiWorkspace;
    let sim: Simulator;
    let clock: ManualClock;
    let plugin: string;
    before(async () => {
        await pythonSdk();
        ws = await PulumiWorkspace.create();
        clock = manualClock();
        sim = await startSimulator({ clock });
        sim.setTaskTemplate("ecd", { queuedMs: 0, durationMs: 0, outcome: "success" });
        sim.scriptApi({
            version: "2014-05-26",
            action: "DescribeInstances",
            match: { InstanceIds: '["i-web"]' },
            answers: [{ body: { Instances: { Instance: [{ Status: "Running" }] } } }],
        });
        // the package as npm packs it, unpacked: its plugin folder is what a user points pulumi package add at
        const { tarball } = await packageLab().packed;
        const unpacked = path.join(ws.dir, "tarball");
        fs.mkdirSync(unpacked);
        execFileSync("tar", ["xzf", tarball, "-C", unpacked]);
        plugin = path.join(unpacked, "package", "plugin");
    });
    after(async () => {
        await sim?.close();
        ws?.close();
    });

    const providerConfig = () => ({
        config: {
            "alicloud-tasks:region": "cn-hangzhou",
            "alicloud-tasks:endpoint": sim.url,
            "alicloud-tasks:accessKey": sim.credentials.accessKey.accessKeyId,
        },
        secrets: { "alicloud-tasks:secretKey": sim.credentials.accessKey.accessKeySecret },
    });

    it("Python: pulumi package add makes the SDK; up gates on the import, keeps the URL secret, checks; a timeout resumes", async () => {
        const task = sim.createTask({ service: "ecs", action: "ImportImage", queuedMs: 0, durationMs: 60_000, outcome: "success" });
        const { config, secrets } = providerConfig();
        const project = await PulumiProject.create(ws, {
            name: "tasks-python",
            language: "python",
            files: { "__main__.py": PYTHON_PROGRAM },
            config: { ...config, importTaskId: task.taskId, timeout: "2s" },
            secrets,
        });
        const started = Date.now();
        assertSucceeded(await ws.run(project.dir, ["package", "add", plugin]));
        console.log(`      pulumi package add <tarball>/package/plugin (Python): ${((Date.now() - started) / 1000).toFixed(1)} s`);
        // what `package add` leaves: the SDK generated under sdks/, linked in requirements.txt, the plugin in Pulumi.yaml
        const [sdk] = fs.readdirSync(path.join(project.dir, "sdks"));
        assert.ok(fs.existsSync(path.join(project.dir, "sdks", sdk, "pulumi_alicloud_tasks", "pulumi-plugin.json")), `the SDK is generated in sdks/${sdk}`);
        assert.match(fs.readFileSync(path.join(project.dir, "requirements.txt"), "utf8"), new RegExp(`^sdks/${sdk}$`, "m"));
        assert.match(fs.readFileSync(path.join(project.dir, "Pulumi.yaml"), "utf8"), /^packages:\n {2}alicloud-tasks: .*plugin$/m);

        // the import is held running: the wait times out, recorded unfinished; the rest is done
        const first = await project.up();
        assert.notStrictEqual(first.code, 0);
        assert.match(first.stdout, /TaskWaiter "image-import": timed out after 2s .*run `pulumi up` again to keep waiting/s);
        const [waiter] = await project.stateResources("TaskWaiter");
        assert.strictEqual(waiter.type, "alicloud-tasks:index:TaskWaiter");
        assert.strictEqual(waiter.outputs?.status, "running");

        finishTask(sim, clock, task.taskId);
        const second = assertSucceeded(await project.up());
        assert.strictEqual(stepOf(second.events, "image-import")?.op, "update", "the timed-out wait resumes as an update");
        assert.match(second.stdout, /\[alicloud-tasks\] TaskWaiter "image-import": task t-\w+ Finished/);
        const shown = await project.outputs();
        assert.deepStrictEqual(shown, { importStatus: "succeeded", imageId: task.resourceId, reportUrl: "[secret]", checkStatus: "succeeded" });
        assert.match(String((await project.outputs(true)).reportUrl), /^https:\/\/[^?]+\?.*Signature=/);
        assertNoPlainSecrets(await project.exportState(), sim);
    });

    it("YAML: the plugin named in Pulumi.yaml's packages waits, exports the URL as a secret, checks", async () => {
        const task = sim.createTask({ service: "ecs", action: "ImportImage", queuedMs: 0, durationMs: 1000, outcome: "success" });
        finishTask(sim, clock, task.taskId);
        const { config, secrets } = providerConfig();
        const project = await PulumiProject.create(ws, {
            name: "tasks-yaml",
            language: "yaml",
            files: { "Pulumi.yaml": yamlProgram(plugin) },
            config: { ...config, importTaskId: task.taskId },
            secrets,
        });
        // YAML has no SDK to generate: Pulumi.yaml names the plugin folder, whose dependencies npm installs once
        const started = Date.now();
        execFileSync("npm", ["install", "--no-audit", "--no-fund"], { cwd: plugin, stdio: "ignore" });
        console.log(`      npm install in <tarball>/package/plugin: ${((Date.now() - started) / 1000).toFixed(1)} s`);
        sim.resetStats();
        assertSucceeded(await project.preview());
        assert.strictEqual(sim.stats().total, 0, "pulumi preview calls no API");
        assertSucceeded(await project.up());
        const shown = await project.outputs();
        assert.deepStrictEqual(shown, { importStatus: "succeeded", imageId: task.resourceId, reportUrl: "[secret]", checkStatus: "succeeded" });
        assertNoPlainSecrets(await project.exportState(), sim);
    });

    it("the README's Python and YAML Quickstart programs run as shown", async () => {
        const quickstart = section("Quickstart");
        const [python] = codeBlocks(quickstart, "python");
        const [yaml] = codeBlocks(quickstart, "yaml");
        const { config, secrets } = providerConfig();
        const outputsOf = async (project: PulumiProject) => {
            assertSucceeded(await project.up());
            return project.outputs();
        };

        const pyTask = sim.createTask({ service: "ecs", action: "ImportImage", queuedMs: 0, durationMs: 1000, outcome: "success" });
        finishTask(sim, clock, pyTask.taskId);
        const pyProject = await PulumiProject.create(ws, {
            name: "readme-python",
            language: "python",
            files: { "__main__.py": python },
            config: { ...config, importTaskId: pyTask.taskId },
            secrets,
        });
        assertSucceeded(await ws.run(pyProject.dir, ["package", "add", plugin]));
        assert.deepStrictEqual(await outputsOf(pyProject), { importStatus: "succeeded", imageId: pyTask.resourceId, reportUrl: "[secret]" });

        const yamlTask = sim.createTask({ service: "ecs", action: "ImportImage", queuedMs: 0, durationMs: 1000, outcome: "success" });
        finishTask(sim, clock, yamlTask.taskId);
        assert.match(yaml, /alicloud-tasks: \.\.\/pulumi-alicloud-tasks\/plugin\n/, "the README names the plugin folder of a clone beside the project");
        const yamlProject = await PulumiProject.create(ws, {
            name: "image-gate",
            language: "yaml",
            files: { "Pulumi.yaml": yaml.replace("../pulumi-alicloud-tasks/plugin", plugin) },
            config: { ...config, importTaskId: yamlTask.taskId },
            secrets,
        });
        assert.deepStrictEqual(await outputsOf(yamlProject), { importStatus: "succeeded", imageId: yamlTask.resourceId });
    });
});
