import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { ApiWaiter, ReportExport, TaskWaiter } from "../../../provider";
import { WaiterInputError, checkWaiterInputs, mockWaiter, waiterKind } from "../../../provider/testing";

/** The value of an Output, and whether Pulumi holds it as a secret. */
async function valueOf<T>(output: pulumi.Output<T>): Promise<{ value: T; secret: boolean }> {
    const value = await new Promise<T>((resolve) => output.apply(resolve));
    return { value, secret: await (output as unknown as { isSecret: Promise<boolean> }).isSecret };
}

describe("pulumi-alicloud-tasks/testing: waiters under setMocks", function () {
    this.timeout(30_000);
    const refused: Error[] = [];
    before(() => {
        pulumi.runtime.setMocks(
            {
                newResource: (args) => {
                    try {
                        return mockWaiter(args) ?? { id: `${args.name}-id`, state: args.inputs };
                    } catch (error) {
                        refused.push(error as Error);
                        throw error;
                    }
                },
                call: (args) => args.inputs,
            },
            "my-project",
            "test",
            false,
        );
        pulumi.runtime.setConfig("alicloud:region", "cn-hangzhou");
    });

    it("a TaskWaiter gets outputs like a real wait's: succeeded, Finished, the region from alicloud:region, the image id", async () => {
        const gate = new TaskWaiter("gate", { service: "ecs", taskId: "t-bp1hvgwromzv32iq1234" });
        assert.deepStrictEqual((await valueOf(gate.status)).value, "succeeded");
        assert.strictEqual((await valueOf(gate.rawStatus)).value, "Finished");
        assert.strictEqual((await valueOf(gate.region)).value, "cn-hangzhou");
        assert.strictEqual((await valueOf(gate.timeout)).value, "30m", "recorded with its default");
        assert.strictEqual((await valueOf(gate.resourceId)).value, "m-bp1hvgwromzv32iq1234");
        assert.deepStrictEqual(
            (await valueOf(gate.tasks)).value?.map((t) => [t.taskId, t.status]),
            [["t-bp1hvgwromzv32iq1234", "succeeded"]],
        );
    });

    it("the region input wins over the configured one", async () => {
        const there = new TaskWaiter("bdrc-gate", { service: "bdrc", taskId: "t-0004d9ctt1ii1234", region: "cn-shanghai" });
        assert.strictEqual((await valueOf(there.region)).value, "cn-shanghai");
        assert.strictEqual((await valueOf(there.rawStatus)).value, "COMPLETE");
    });

    it("a ReportExport's download URL is a secret, as the real one is", async () => {
        const report = new ReportExport("desktops", { service: "ecd", create: { taskType: "RESOURCE_REPORT", subType: "DESKTOP" }, region: "cn-shanghai" });
        const url = await valueOf(report.downloadUrl);
        assert.ok(url.secret, "downloadUrl is secret");
        assert.match(url.value ?? "", /^https:\/\/ecd-report-cn-shanghai\.oss-cn-shanghai\.aliyuncs\.com\/desktops\.xlsx\?Expires=/);
        assert.strictEqual((await valueOf(report.status)).value, "succeeded");
    });

    it("an ApiWaiter's outputs name the acceptor that matched", async () => {
        const running = new ApiWaiter("web-running", {
            product: "Ecs",
            version: "2014-05-26",
            action: "DescribeInstances",
            params: { InstanceIds: '["i-1"]' },
            until: { expr: "Instances.Instance[0].Status", to: "Running" },
        });
        assert.strictEqual((await valueOf(running.matchedValue)).value, "Running");
        assert.match((await valueOf(running.reason)).value ?? "", /acceptor 1 \(success\) matched: Instances\.Instance\[0\]\.Status is "Running"/);
    });

    it("inputs pulumi up would refuse are refused under mocks too, naming the property and the fix", async () => {
        const cases: [string, Record<string, unknown>, RegExp][] = [
            ["TaskWaiter", { service: "ecs", taskId: "t-abcdef12", timeout: "5 minutes" }, /timeout: "5 minutes" is not a duration/],
            ["TaskWaiter", { service: "ecs", taskId: "t-abcdef12", taskIds: ["t-abcdef13"] }, /taskIds: set only one of taskId and taskIds/],
            ["TaskWaiter", { service: "bdrc", taskId: "t-0004d9ctt1ii1234", taskAction: "ImportImage", region: "cn-shanghai" }, /taskAction/],
        ];
        for (const [kind, inputs, pattern] of cases) {
            const problems = checkWaiterInputs(kind as "TaskWaiter", inputs);
            assert.ok(problems.length > 0, JSON.stringify(inputs));
            assert.match(problems.map((p) => `${p.property}: ${p.reason}`).join("\n"), pattern);
            assert.throws(
                () => mockWaiter({ type: `pulumi-nodejs:dynamic/alicloud-tasks:${kind}`, name: "bad", inputs }),
                (e: unknown) => e instanceof WaiterInputError && pattern.test(e.message) && /TaskWaiter "bad" has invalid inputs/.test(e.message),
            );
        }
        // through a program: the registration fails with the same words
        const refusedWaiter = new TaskWaiter("five-minutes", { service: "ecs", taskId: "t-abcdef12", timeout: "5 minutes" });
        await assert.rejects((refusedWaiter.status as unknown as { promise(): Promise<unknown> }).promise(), /timeout: "5 minutes" is not a duration/);
        assert.ok(refused.some((e) => /TaskWaiter "five-minutes" has invalid inputs/.test(e.message)));
    });

    it("other resources are left to the test's own mock", () => {
        assert.strictEqual(waiterKind("alicloud:ecs/instance:Instance"), undefined);
        assert.strictEqual(mockWaiter({ type: "alicloud:ecs/instance:Instance", name: "web", inputs: {} }), undefined);
        assert.strictEqual(waiterKind("pulumi-nodejs:dynamic/alicloud-tasks:ReportExport"), "ReportExport");
    });
});
