// No secret where it does not belong. Every scenario runs with STS credentials (so there is a
// token), in Pulumi's provider host against the simulator; everything the engine would store in
// plain text (serialized provider, inputs, check / create / update / read / diff results,
// partial-failure properties and reasons), every error message and every line the host printed is
// collected, and none may hold the access key secret, the security token, a wrong secret or token
// that was tried, or the query (signature, token) of a pre-signed download URL.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { HostCallError, ProviderHost, runProgram, startProviderHost } from "../../harness";
import { REPORT_EXPORT_SECRET_OUTPUTS, ReportExport, reportExportProvider } from "../../provider/resources/reportExport";
import { TaskWaiter, taskWaiterProvider } from "../../provider/resources/taskWaiter";
import { SimError, Simulator, startSimulator } from "../../simulator";
import { FAST_POLL, NO_AMBIENT_CREDENTIALS, REPORT_EXPORT_TYPE, TASK_WAITER_TYPE, serializeProvider, urn } from "./fixture";

const WRONG_SECRET = "wrong-sts-secret-for-leak-test-0001";
const WRONG_TOKEN = "wrong-security-token-for-leak-test-0001";
const LEAKY_URL = "https://files.oss-cn-shanghai.aliyuncs.com/r.xlsx?Expires=1&Signature=LEAKYSIGNATURE0001&security-token=LEAKYURLTOKEN0001";
const SECRET_KEYS = ["alicloud:secretKey", "alicloud:securityToken"];
const ECD_REPORT = { service: "ecd", create: { taskType: "RESOURCE_REPORT", subType: "DESKTOP" }, pollInterval: FAST_POLL };

/** Everything the engine would keep or show in plain text, with where it came from. */
class Exposure {
    readonly texts: { where: string; text: string }[] = [];

    add(where: string, value: unknown): void {
        this.texts.push({ where, text: typeof value === "string" ? value : (JSON.stringify(value) ?? "") });
    }

    /** State as the engine stores it: outputs named in additionalSecretOutputs are encrypted, so left out. */
    addState(where: string, properties: Record<string, unknown>, secretOutputs: readonly string[] = []): void {
        this.add(where, Object.fromEntries(Object.entries(properties).filter(([k]) => !secretOutputs.includes(k))));
    }

    addError(where: string, error: unknown): void {
        assert.ok(error instanceof Error, String(error));
        this.add(`${where}: message`, error.message);
        const initFailed = (error as HostCallError).initFailed;
        if (initFailed) {
            this.addState(`${where}: partial-failure properties`, initFailed.properties, REPORT_EXPORT_SECRET_OUTPUTS);
            this.add(`${where}: partial-failure reasons`, initFailed.reasons);
        }
    }

    addHost(name: string, host: ProviderHost): void {
        host.stdout.forEach((line, i) => this.add(`${name} stdout ${i}`, line));
        host.stderr.forEach((line, i) => this.add(`${name} stderr ${i}`, line));
    }

    /** Where any of the values appears, raw or in any encoding a server or library produces (percent-encoded once or twice, form-encoded). */
    leaks(values: readonly string[]): string[] {
        const rfc3986 = (v: string) => encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
        const once = (v: string) => [encodeURIComponent(v), rfc3986(v), encodeURIComponent(v).replace(/%20/g, "+")];
        const forms = values.flatMap((v) => [v, ...once(v), ...once(v).flatMap(once)]).flatMap((f) => [f, f.toLowerCase()]);
        return this.texts.filter((t) => forms.some((f) => t.text.includes(f))).map((t) => `${t.where}: ${t.text.slice(0, 300)}`);
    }
}

describe("host: no secret in state, logs or errors", function () {
    this.timeout(60_000);
    const exposure = new Exposure();
    const hosts: Record<string, ProviderHost> = {};
    /** The query values of download URLs seen: credentials as much as the key pair. */
    const urlSecrets: string[] = ["LEAKYSIGNATURE0001", "LEAKYURLTOKEN0001"];
    let sim: Simulator;
    let home: string;
    let providers: Record<string, string>;
    let secrets: string[];

    const config = (overrides: Record<string, string> = {}) => ({
        "alicloud:accessKey": sim.credentials.sts.accessKeyId,
        "alicloud:secretKey": sim.credentials.sts.accessKeySecret,
        "alicloud:securityToken": sim.credentials.sts.securityToken,
        "alicloud:region": "cn-hangzhou",
        "alicloud-tasks:endpoint": sim.url,
        ...overrides,
    });

    async function host(name: string, stackConfig: Record<string, string>, env: Record<string, string> = {}): Promise<ProviderHost> {
        const started = await startProviderHost({ env: { ...NO_AMBIENT_CREDENTIALS, ...env } });
        await started.configure(stackConfig, SECRET_KEYS);
        hosts[name] = started;
        return started;
    }

    /** check then create, as the engine does; the outcome is recorded either way. */
    async function checkAndCreate(on: ProviderHost, type: string, name: string, inputs: Record<string, unknown>) {
        const checked = await on.check(urn(type, name), {}, { __provider: providers[type], resourceName: name, ...inputs });
        exposure.add(`${name} check`, checked);
        assert.deepStrictEqual(checked.failures, []);
        try {
            const created = await on.create(urn(type, name), checked.inputs);
            exposure.addState(`${name} create`, created.properties, REPORT_EXPORT_SECRET_OUTPUTS);
            noteUrl(created.properties.downloadUrl);
            return { checked: checked.inputs, created };
        } catch (error) {
            exposure.addError(`${name} create`, error);
            return { checked: checked.inputs, error: error as HostCallError };
        }
    }

    function noteUrl(url: unknown): void {
        if (typeof url !== "string") return;
        for (const [key, value] of new URL(url).searchParams) if (key !== "Expires") urlSecrets.push(value);
    }

    before(async () => {
        sim = await startSimulator();
        secrets = [sim.credentials.sts.accessKeySecret, sim.credentials.sts.securityToken, WRONG_SECRET, WRONG_TOKEN];
        home = fs.mkdtempSync(path.join(os.tmpdir(), "secrets-home-"));
        providers = { [TASK_WAITER_TYPE]: await serializeProvider(taskWaiterProvider), [REPORT_EXPORT_TYPE]: await serializeProvider(reportExportProvider) };
        Object.entries(providers).forEach(([type, text]) => exposure.add(`serialized provider of ${type}`, text));
        await host("sts", config());
    });

    after(async () => {
        await Promise.all(Object.values(hosts).map((h) => h.close()));
        await sim?.close();
        if (home) fs.rmSync(home, { recursive: true, force: true });
    });

    it("a program under mocks: readable type tokens, downloadUrl a secret output, nothing secret in __provider, inputs or outputs", async () => {
        sim.setTaskTemplate("ecd", { queuedMs: 100, durationMs: 500, outcome: "success" });
        const task = sim.createTask({ service: "ecs", action: "ImportImage", durationMs: 500, outcome: "success" });
        const run = await runProgram(
            () => {
                const waiter = new TaskWaiter("waiter", { service: "ecs", taskId: task.taskId, pollInterval: FAST_POLL });
                const report = new ReportExport("report", { ...ECD_REPORT, service: "ecd" });
                return { status: waiter.status, url: report.downloadUrl, fileName: report.fileName };
            },
            { host: hosts.sts, config: config(), secretKeys: SECRET_KEYS },
        );
        assert.ok(run.ok, run.errors.map((e) => e.message).join("\n"));
        const waiter = run.resource("waiter");
        const report = run.resource("report");
        assert.strictEqual(waiter.type, TASK_WAITER_TYPE);
        assert.strictEqual(report.type, REPORT_EXPORT_TYPE);
        assert.deepStrictEqual(report.options?.additionalSecretOutputs, ["downloadUrl"]);
        assert.ok(report.secretOutputs.includes("downloadUrl"), `secret outputs: ${report.secretOutputs}`);
        assert.ok(run.secretOutputs.includes("url") && !run.secretOutputs.includes("fileName"), `secret exports: ${run.secretOutputs}`);
        assert.match(String(report.outputs.downloadUrl), /^https:\/\/.*\?.*Signature=/);
        noteUrl(report.outputs.downloadUrl);
        for (const record of [waiter, report]) {
            exposure.add(`${record.name} __provider`, record.provider);
            exposure.add(`${record.name} inputs`, record.inputs);
            exposure.add(`${record.name} checked inputs`, record.checkedInputs);
            exposure.addState(`${record.name} outputs`, record.outputs, record.secretOutputs);
        }
        const { url: _url, ...plainExports } = run.outputs as Record<string, unknown>;
        exposure.add("stack outputs", plainExports);
    });

    it("the ready line shows the download URL without its query", async () => {
        const line = await hosts.sts.waitForLine(/ReportExport "report": .* ready: /);
        assert.match(line, /ready: https:\/\/[^?\s]+\.xlsx \(full URL in the secret output downloadUrl\)/);
        assert.doesNotMatch(line, /Signature|security-token|Expires=/);
    });

    it("success, update, read and diff of both resources", async () => {
        sim.setTaskTemplate("ecd", { queuedMs: 0, durationMs: 300, outcome: "success" });
        const task = sim.createTask({ service: "ecs", action: "ExportImage", durationMs: 300, outcome: "success" });
        for (const [type, name, inputs] of [
            [TASK_WAITER_TYPE, "ok-waiter", { service: "ecs", taskId: task.taskId, pollInterval: FAST_POLL }],
            [REPORT_EXPORT_TYPE, "ok-report", ECD_REPORT],
        ] as const) {
            const { checked, created } = await checkAndCreate(hosts.sts, type, name, inputs);
            assert.ok(created, `${name} created`);
            const state = { ...created.properties, __provider: providers[type] };
            const news = { ...checked, timeout: "45m" };
            exposure.add(`${name} diff`, await hosts.sts.diff(created.id, urn(type, name), state, news));
            const updated = await hosts.sts.update(created.id, urn(type, name), state, news);
            exposure.addState(`${name} update`, updated.properties, REPORT_EXPORT_SECRET_OUTPUTS);
            const read = await hosts.sts.read(created.id, urn(type, name), { ...updated.properties, __provider: providers[type] });
            exposure.addState(`${name} read`, read.properties, REPORT_EXPORT_SECRET_OUTPUTS);
            noteUrl(read.properties.downloadUrl);
        }
    });

    it("failure: failed tasks, a failed export whose message quotes a signed URL, an error body that quotes the token", async () => {
        const failed = sim.createTask({ service: "ecs", action: "ImportImage", durationMs: 200, outcome: "failed" });
        assert.ok(
            (await checkAndCreate(hosts.sts, TASK_WAITER_TYPE, "failed-waiter", { service: "ecs", taskId: failed.taskId, pollInterval: FAST_POLL })).error,
        );
        sim.setTaskTemplate("ecd", {
            queuedMs: 0,
            durationMs: 200,
            outcome: "failed",
            errorCode: "ReportTask.WriteFailed",
            errorMsg: `could not write ${LEAKY_URL}`,
        });
        const report = await checkAndCreate(hosts.sts, REPORT_EXPORT_TYPE, "failed-report", ECD_REPORT);
        assert.match(String(report.error?.message), /ReportTask\.WriteFailed/);
        // a failed task whose error message quotes the token, recorded in the state (onFailure warn)
        const token = sim.credentials.sts.securityToken;
        const quoting = sim.createTask({
            service: "ecs",
            action: "ImportImage",
            durationMs: 200,
            outcome: "failed",
            errorMsg: `denied for ${token} (${encodeURIComponent(encodeURIComponent(token))})`,
        });
        const recorded = await checkAndCreate(hosts.sts, TASK_WAITER_TYPE, "recorded-failure", {
            service: "ecs",
            taskId: quoting.taskId,
            onFailure: "warn",
            pollInterval: FAST_POLL,
        });
        assert.strictEqual(recorded.created?.properties.status, "failed");
        const rule = sim.faults.add({
            service: "ecs",
            action: ["DescribeTasks", "DescribeTaskAttribute"],
            first: 1,
            fault: {
                kind: "error",
                status: 403,
                code: "InvalidSecurityToken.Mismatch",
                message: `token ${sim.credentials.sts.securityToken} does not match ${LEAKY_URL}`,
            },
        });
        const echoed = await checkAndCreate(hosts.sts, TASK_WAITER_TYPE, "echoed-error", { service: "ecs", taskId: failed.taskId, pollInterval: FAST_POLL });
        assert.match(String(echoed.error?.message), /InvalidSecurityToken\.Mismatch: token \*\*\* does not match/);
        sim.faults.remove(rule.id);
    });

    it("timeout: partial failures keep id and properties, and nothing secret", async () => {
        // far longer than the 1s timeout on any machine: nothing waits for these to finish
        const slow = sim.createTask({ service: "ecs", action: "ImportImage", durationMs: 3_600_000, outcome: "success" });
        const waiter = await checkAndCreate(hosts.sts, TASK_WAITER_TYPE, "slow-waiter", {
            service: "ecs",
            taskId: slow.taskId,
            timeout: "1s",
            pollInterval: FAST_POLL,
        });
        assert.ok(waiter.error?.initFailed, "a partial failure");
        sim.setTaskTemplate("ecd", { queuedMs: 0, durationMs: 3_600_000, outcome: "success" });
        const report = await checkAndCreate(hosts.sts, REPORT_EXPORT_TYPE, "slow-report", { ...ECD_REPORT, timeout: "1s" });
        assert.ok(report.error?.initFailed, "a partial failure");
    });

    it("bad credentials: a wrong secret, a wrong token", async () => {
        const task = sim.createTask({ service: "ecs", action: "ImportImage", durationMs: 200, outcome: "success" });
        sim.setTaskTemplate("ecd", { queuedMs: 0, durationMs: 200, outcome: "success" });
        const wrongSecret = await host("wrong-secret", config({ "alicloud:secretKey": WRONG_SECRET }));
        const wrongToken = await host("wrong-token", config({ "alicloud:securityToken": WRONG_TOKEN }));
        for (const [name, on] of [
            ["wrong-secret", wrongSecret],
            ["wrong-token", wrongToken],
        ] as const) {
            assert.ok((await checkAndCreate(on, TASK_WAITER_TYPE, `${name}-waiter`, { service: "ecs", taskId: task.taskId, pollInterval: FAST_POLL })).error);
            assert.ok((await checkAndCreate(on, REPORT_EXPORT_TYPE, `${name}-report`, ECD_REPORT)).error);
        }
    });

    it("every failure mode: connection refused, hang, HTML, truncated, SignatureDoesNotMatch quoting the string to sign, a 500 quoting the query", async () => {
        const task = sim.createTask({ service: "ecs", action: "ImportImage", durationMs: 60_000, outcome: "success" });
        const inputs = { service: "ecs", taskId: task.taskId, timeout: "1s", pollInterval: FAST_POLL };
        const refused = await host("refused", config({ "alicloud-tasks:endpoint": "http://127.0.0.1:1" }));
        assert.ok((await checkAndCreate(refused, TASK_WAITER_TYPE, "refused-waiter", inputs)).error);
        for (const fault of [{ kind: "hang" }, { kind: "html", status: 502 }, { kind: "truncate" }] as const) {
            const rule = sim.faults.add({ service: "ecs", fault });
            const run = await checkAndCreate(hosts.sts, TASK_WAITER_TYPE, `${fault.kind}-waiter`, inputs);
            assert.ok(run.error?.initFailed, `${fault.kind}: recorded as unfinished`);
            sim.faults.remove(rule.id);
        }
        // a 500 whose message quotes the request's query, without a scheme: AccessKeyId, Signature, nonce, token
        const quoting = sim.addLayer(async (call) => {
            const query = Object.entries(call.params)
                .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
                .join("&");
            for (const key of ["Signature", "SignatureNonce"]) if (typeof call.params[key] === "string") urlSecrets.push(String(call.params[key]));
            return { kind: "error", error: new SimError(500, "InternalError", `backend failed on /?${query}`) };
        });
        // long enough for an answer to come back on a loaded machine: the quoted query must be seen
        const quoted = await checkAndCreate(hosts.sts, TASK_WAITER_TYPE, "quoting-waiter", { ...inputs, timeout: "5s" });
        quoting();
        assert.match(String(quoted.error?.message), /InternalError: backend failed on/);
        // SignatureDoesNotMatch quotes the server's string to sign: the token there is percent-encoded twice
        const wrong = await host("wrong-secret-sts", config({ "alicloud:secretKey": WRONG_SECRET }));
        const mismatch = await checkAndCreate(wrong, TASK_WAITER_TYPE, "mismatch-waiter", { ...inputs, timeout: "30s" });
        assert.match(String(mismatch.error?.message), /SignatureDoesNotMatch: .*string to sign/);
    });

    it("credentials from the chain (an StsToken profile): success and failure", async () => {
        const sts = sim.credentials.sts;
        const file = path.join(home, ".aliyun", "config.json");
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(
            file,
            JSON.stringify({
                current: "ci",
                profiles: [
                    {
                        name: "ci",
                        mode: "StsToken",
                        access_key_id: sts.accessKeyId,
                        access_key_secret: sts.accessKeySecret,
                        sts_token: sts.securityToken,
                        region_id: "cn-hangzhou",
                    },
                ],
            }),
        );
        const chain = await host(
            "profile",
            { "alicloud:region": "cn-hangzhou", "alicloud-tasks:endpoint": sim.url },
            { HOME: home, ALIBABA_CLOUD_CLI_PROFILE_DISABLED: "" },
        );
        const ok = sim.createTask({ service: "ecs", action: "ImportImage", durationMs: 200, outcome: "success" });
        assert.strictEqual(
            (await checkAndCreate(chain, TASK_WAITER_TYPE, "profile-waiter", { service: "ecs", taskId: ok.taskId, pollInterval: FAST_POLL })).created
                ?.properties.status,
            "succeeded",
        );
        const failed = sim.createTask({ service: "ecs", action: "ImportImage", durationMs: 200, outcome: "failed" });
        assert.ok((await checkAndCreate(chain, TASK_WAITER_TYPE, "profile-failed", { service: "ecs", taskId: failed.taskId, pollInterval: FAST_POLL })).error);
        sim.faults.add({
            service: "ecs",
            action: ["DescribeTasks", "DescribeTaskAttribute"],
            first: 1,
            fault: { kind: "error", status: 403, code: "Forbidden.RAM", message: `denied for ${sts.accessKeySecret}/${sts.securityToken}` },
        });
        const echoed = await checkAndCreate(chain, TASK_WAITER_TYPE, "profile-echoed", { service: "ecs", taskId: ok.taskId, pollInterval: FAST_POLL });
        assert.match(String(echoed.error?.message), /Forbidden\.RAM: denied for \*\*\*\/\*\*\*/);
    });

    it("finds none of the secrets anywhere: serialized provider, state, errors, host output", async () => {
        // output travels on a pipe: let the last lines arrive
        await new Promise((resolve) => setTimeout(resolve, 200));
        Object.entries(hosts).forEach(([name, h]) => exposure.addHost(name, h));
        assert.ok(exposure.texts.length > 50, `scanned ${exposure.texts.length} texts`);
        assert.ok(urlSecrets.length > 2, "download URLs were seen");
        assert.deepStrictEqual(exposure.leaks([...secrets, ...urlSecrets]), []);
    });
});
