import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import { TaskWaiter } from "pulumi-alicloud-tasks";

// Gate an instance on an image import: `pulumi up` blocks on the waiter until the ImportImage
// task is terminal, and the instance is created only after a successful import.
const config = new pulumi.Config();

const imported = new TaskWaiter("image-import", {
    service: "ecs",
    taskId: config.require("importTaskId"),
    timeout: "45m",
    pollInterval: { min: "2s", max: "30s" },
});

const web = new alicloud.ecs.Instance("web", {
    // set once the waiter succeeded: a failed or unfinished import fails the waiter instead
    imageId: imported.resourceId as pulumi.Output<string>,
    instanceType: config.get("instanceType") ?? "ecs.g7.large",
    vswitchId: config.require("vswitchId"),
    securityGroups: [config.require("securityGroupId")],
});

export const imageId = imported.resourceId;
export const importStatus = imported.status;
export const instanceId = web.id;
