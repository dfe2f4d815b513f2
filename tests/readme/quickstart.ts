import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import { TaskWaiter } from "pulumi-alicloud-tasks";

const config = new pulumi.Config();
// an image import that another pipeline started: wait for it, then use the image
const imported = new TaskWaiter("image-import", {
    service: "ecs",
    taskId: config.require("importTaskId"), // or taskIds: [...] (1..100), or resourceIds: [...] + taskAction
    timeout: "45m",                          // default 30m
    pollInterval: { min: "2s", max: "30s" }, // optional
});
new alicloud.ecs.Instance("web", { imageId: imported.resourceId.apply((id) => id!), /* ... */ });

export const importStatus = imported.status; // "succeeded"
export const region = imported.region;       // every input is also an output: "cn-hangzhou", from config
