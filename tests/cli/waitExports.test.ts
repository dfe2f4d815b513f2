/** `alicloud-tasks wait ecd|sas`: adopt or start an export; the download URL's query only with --show-url. */
import { strict as assert } from "node:assert";
import { startSimulator, type Simulator } from "pulumi-alicloud-tasks/simulator";
import { reportExportOutputsSchema } from "../../provider/outputs";
import { FAST_POLL, runCli, simulatorEnv, transcript } from "./helpers";

describe("cli: wait ecd / sas", function () {
    this.timeout(60_000);
    let sim: Simulator;
    before(async () => (sim = await startSimulator()));
    after(async () => sim?.close());
    afterEach(() => {
        sim.setTaskTemplate("sas", {});
        sim.setTaskTemplate("ecd", {});
    });

    it("starts a Security Center export and prints its URL without the query (--json)", async () => {
        sim.setTaskTemplate("sas", { queuedMs: 200, durationMs: 800 });
        const run = await runCli(["wait", "sas", "--create-export-type", "exportHcWarning", "--create-lang", "en", "--json", ...FAST_POLL], simulatorEnv(sim));
        assert.equal(run.code, 0, transcript(run));
        const record = run.json();
        const outputs = reportExportOutputsSchema.parse(record);
        assert.equal(outputs.status, "succeeded");
        assert.equal(typeof outputs.exportId, "number");
        assert.deepEqual(record.create, { exportType: "exportHcWarning", lang: "en" });
        assert.match(outputs.downloadUrl!, /^https:\/\/[^?]+\.xlsx$/, "no query string");
        assert.ok(outputs.expiresAt, "the expiry is read from the URL before it is cut");
        // the signed query appears nowhere: not in the progress lines either
        assert.doesNotMatch(run.stdout + run.stderr, /Signature=|OSSAccessKeyId=|Expires=/);
        assert.match(run.stderr, new RegExp(`started Security Center export ${outputs.exportId}`));
    });

    it("prints the signed URL only with --show-url", async () => {
        sim.setTaskTemplate("sas", { queuedMs: 0, durationMs: 300 });
        const json = await runCli(["wait", "sas", "--create-export-type", "exportHcWarning", "--json", "--show-url", ...FAST_POLL], simulatorEnv(sim));
        assert.equal(json.code, 0, transcript(json));
        assert.match(String(json.json().downloadUrl), /\?Expires=\d+&OSSAccessKeyId=.+&Signature=/);

        const text = await runCli(["wait", "sas", "--create-export-type", "exportHcWarning", ...FAST_POLL], simulatorEnv(sim));
        assert.equal(text.code, 0, transcript(text));
        assert.match(text.stdout, /^url: https:\/\/\S+\.xlsx \(query removed: --show-url prints the signed URL\)$/m);
        const shown = await runCli(["wait", "sas", "--create-export-type", "exportHcWarning", "--show-url", ...FAST_POLL], simulatorEnv(sim));
        assert.match(shown.stdout, /^url: https:\/\/\S+\?Expires=\S+$/m);
    });

    it("adopts an ECD report export by --task-id", async () => {
        const task = sim.createTask({ service: "ecd", region: "cn-shanghai", queuedMs: 200, durationMs: 700, outcome: "success" });
        const run = await runCli(["wait", "ecd", "--task-id", task.taskId, ...FAST_POLL], simulatorEnv(sim));
        assert.equal(run.code, 0, transcript(run));
        assert.match(run.stdout, new RegExp(`^succeeded: ECD report export task ${task.taskId} FINISHED after`, "m"));
        assert.match(run.stdout, /^file: \S+/m);
        assert.match(run.stdout, /^url: https:\/\/\S+\.xlsx \(query removed/m);
        assert.match(run.stdout, /^expires: \d{4}-\d\d-\d\dT/m);
    });

    it("exits 1 when a started ECD export fails, and never prints a URL query", async () => {
        sim.setTaskTemplate("ecd", { queuedMs: 0, durationMs: 300, outcome: "failed" });
        const run = await runCli(
            ["wait", "ecd", "--create-task-type", "RESOURCE_REPORT", "--create-sub-type", "DESKTOP", "--json", ...FAST_POLL],
            simulatorEnv(sim),
        );
        assert.equal(run.code, 1, transcript(run));
        const record = run.json();
        assert.equal(record.status, "failed");
        assert.match(run.stderr, new RegExp(`ECD report export task ${record.taskId} FAILED \\(failed\\)`));
    });

    it("exits 2 on a stuck export, and tells how to keep waiting on the one it started", async () => {
        sim.setTaskTemplate("sas", { durationMs: 5000, outcome: "stuck" });
        const run = await runCli(["wait", "sas", "--create-export-type", "exportHcWarning", "--timeout", "2s", "--json", ...FAST_POLL], simulatorEnv(sim));
        assert.equal(run.code, 2, transcript(run));
        const exportId = run.json().exportId;
        assert.equal(typeof exportId, "number");
        assert.match(
            run.stderr,
            new RegExp(
                `To keep waiting on this export: alicloud-tasks wait sas --export-id ${exportId} --timeout 2s .*--json --region cn-shanghai --endpoint http://`,
            ),
        );
    });
});
