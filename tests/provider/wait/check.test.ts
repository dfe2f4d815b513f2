import * as assert from "assert";
import { checkWait } from "../../../provider/wait";

describe("wait/check: a resource's inputs checked as pulumi preview does", () => {
    const inputs = { service: "ecs", taskId: "t-abc123", region: "cn-hangzhou" };

    it("fails on an endpoint override to this machine without its scheme, naming the config key and the URL to write", () => {
        for (const endpoint of ["127.0.0.1:8080", "localhost:8080/"]) {
            const { failures, wait } = checkWait("TaskWaiter", inputs, { endpointOverride: endpoint });
            assert.strictEqual(wait, undefined, "no wait is run on it");
            assert.deepStrictEqual(
                failures.map((f) => f.property),
                ["alicloud-tasks:endpoint"],
            );
            assert.match(failures[0].reason, /stack config alicloud-tasks:endpoint or ALICLOUD_TASKS_ENDPOINT/);
            assert.match(failures[0].reason, new RegExp(`has no scheme, so https would be used: .* write http://${endpoint.replace(/[./]/g, "\\$&")}$`));
        }
    });

    it("takes an override with its scheme, or a host name elsewhere (https implied)", () => {
        for (const endpoint of ["http://127.0.0.1:8080", "https://ecs-vpc.cn-hangzhou.aliyuncs.com", "ecs-vpc.cn-hangzhou.aliyuncs.com"])
            assert.deepStrictEqual(checkWait("TaskWaiter", inputs, { endpointOverride: endpoint }).failures, [], endpoint);
    });
});
