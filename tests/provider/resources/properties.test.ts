import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { propertyKeys, resourceProperties, waiterOptions } from "../../../provider/resources/properties";
import { bdrcTaskWaiterSchema, ecsTaskWaiterSchema } from "../../../provider/inputs";
import { taskWaiterOutputsSchema } from "../../../provider/outputs";

describe("resource classes: properties and options", () => {
    it("every input and output key becomes a property; unset ones are present as undefined, the user's values win", () => {
        const keys = propertyKeys([ecsTaskWaiterSchema, bdrcTaskWaiterSchema], taskWaiterOutputsSchema);
        for (const key of ["service", "taskId", "taskIds", "region", "timeout", "pollInterval", "status", "resourceId", "taskType"])
            assert.ok(keys.includes(key), key);
        assert.ok(!keys.includes("resourceName"), "internal keys are not outputs");
        assert.strictEqual(new Set(keys).size, keys.length);
        const props = resourceProperties(keys, { service: "ecs", taskId: "t-abcd1234" }, "gate");
        assert.strictEqual(props.taskId, "t-abcd1234");
        assert.ok("region" in props && props.region === undefined);
        assert.strictEqual(props.resourceName, "gate");
    });

    describe("customTimeouts", () => {
        const original = pulumi.log.warn;
        let warnings: string[];
        beforeEach(() => {
            warnings = [];
            (pulumi.log as { warn: typeof pulumi.log.warn }).warn = async (message: string) => void warnings.push(message);
        });
        afterEach(() => ((pulumi.log as { warn: typeof pulumi.log.warn }).warn = original));

        it("is not silently ignored: a warning names the resource, what was set, and the timeout input", () => {
            waiterOptions("TaskWaiter", "image-import", {}, { customTimeouts: { create: "2h", delete: "1m" } });
            assert.strictEqual(warnings.length, 1);
            assert.match(warnings[0], /^TaskWaiter "image-import": customTimeouts \(create: "2h", delete: "1m"\) has no effect/);
            assert.match(warnings[0], /Set the `timeout` input instead/);
        });

        it("says nothing without customTimeouts", () => {
            waiterOptions("ReportExport", "r", {}, undefined);
            waiterOptions("ReportExport", "r", {}, { protect: true });
            waiterOptions("ReportExport", "r", {}, { customTimeouts: {} });
            assert.deepStrictEqual(warnings, []);
        });
    });
});
