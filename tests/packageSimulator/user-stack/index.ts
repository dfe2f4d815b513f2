// The user's program of the README's simulator section: a gate on an image import. Nothing in it
// knows about the simulator: the endpoint and the credentials come from the environment (or the
// stack config) that the test sets.
import * as pulumi from "@pulumi/pulumi";
import { TaskWaiter } from "pulumi-alicloud-tasks";

const config = new pulumi.Config();

const imported = new TaskWaiter("image-import", {
    service: "ecs",
    taskId: config.require("importTaskId"),
    timeout: "10m",
    pollInterval: { min: "1s", max: "5s" },
});

export const imageId = imported.resourceId;
export const importStatus = imported.status;
