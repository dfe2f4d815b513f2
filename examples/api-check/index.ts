import * as pulumi from "@pulumi/pulumi";
import { ApiWaiter } from "pulumi-alicloud-tasks";

// Checks, like Terraform's check blocks: an ApiWaiter with mode "check" evaluates its condition on
// one answer, again on every `pulumi up` and every `pulumi refresh`, and calls only reads. Here it
// asserts that things this stack relies on, made elsewhere, still hold.
const config = new pulumi.Config();

// 1. The instance is still Running. onFailure "warn": a stopped instance is a warning, recorded as
//    status "failed" with a reason, and the run goes on (dependents can read status).
const instance = new ApiWaiter("instance-still-running", {
    product: "Ecs",
    version: "2014-05-26",
    action: "DescribeInstances",
    params: { InstanceIds: JSON.stringify([config.require("instanceId")]) },
    until: { expr: "Instances.Instance[0].Status", to: "Running" },
    mode: "check",
    onFailure: "warn",
});

// 2. A Container Service cluster (ROA: GET /clusters/{ClusterId}) is still running. onFailure
//    "fail" (the default): a cluster in another state fails the run, naming it.
const cluster = new ApiWaiter("cluster-still-running", {
    product: "CS",
    version: "2015-12-15",
    method: "GET",
    path: `/clusters/${config.require("clusterId")}`,
    until: { expr: "state", to: "running" },
    output: "{ name: name, state: state }",
    mode: "check",
});

export const instanceCheck = instance.status;
export const instanceStatus = instance.matchedValue;
export const clusterCheck = cluster.status;
export const clusterState = cluster.answer;
