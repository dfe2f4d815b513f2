// Regions and product codes against Alibaba's data at check: a typo fails with a did-you-mean, a name newer
// than the data only warns; for every resource, in the lifecycle's check as `pulumi preview` runs it.
import * as assert from "assert";
import { taskWaiterLifecycle } from "../../../provider/lifecycle/taskWaiter";
import { productAdvice, regionAdvice } from "../../../provider/wait/names";
import { createRuntime } from "../../../provider/wait/runtime";
import { readSettings } from "../../../provider/wait/settings";
import { captureStdout } from "../../support/clientStub";

describe("wait/names: regions and products against Alibaba's data", () => {
    it("fails a region one typo from a known one in its letters; warns about one that differs in digits or is far", () => {
        assert.deepStrictEqual(regionAdvice("cn-hangzou"), {
            failure: '"cn-hangzou" is not a region: did you mean "cn-hangzhou"? (use a region id of Alibaba Cloud\'s)',
        });
        assert.ok(regionAdvice("us-wset-1") && "failure" in regionAdvice("us-wset-1")!, "a swap of two letters is one typo");
        for (const newer of ["ap-southeast-8", "eu-west-2", "ap-east-1", "moon-1"]) assert.ok("warning" in (regionAdvice(newer) ?? {}), newer);
        for (const known of ["cn-hangzhou", "na-south-1", "cn-shanghai-finance-1"]) assert.strictEqual(regionAdvice(known), undefined, known);
    });

    it("only warns about a product code it does not know, with the codes it is near", () => {
        assert.match(
            (productAdvice("Ecz") as { warning: string }).warning,
            /product "Ecz" is not in Alibaba's product list .*\(did you mean "ecd" or "eci" or "ecs"\?\)/,
        );
        for (const code of ["Ecs", "CS", "Sas", "Rds", "Kms", "bdrc"]) assert.strictEqual(productAdvice(code), undefined, code);
    });

    it("a TaskWaiter's region typo fails check on `region`; a newer region prints a warning and passes", async () => {
        const lifecycle = taskWaiterLifecycle(createRuntime({ settings: readSettings({ get: () => undefined }, {}) }));
        const typo = await lifecycle.check({}, { service: "ecs", taskId: "t-abcd1234", region: "cn-hangzou" });
        assert.match(typo.failures?.find((f) => f.property === "region")?.reason ?? "", /did you mean "cn-hangzhou"/);
        const newer = await captureStdout(() => lifecycle.check({}, { service: "ecs", taskId: "t-abcd1234", region: "ap-southeast-8", resourceName: "gate" }));
        assert.deepStrictEqual(newer.value?.failures, []);
        assert.match(newer.lines.join("\n"), /^warning: TaskWaiter "gate": region "ap-southeast-8" is not in Alibaba's endpoint data/m);
    });
});
