import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { ApiWaiter } from "pulumi-alicloud-tasks";

// ApiWaiter waits on any Alibaba Cloud API until an acceptor over its answer (JMESPath) says
// success or failure, like the aliyun CLI's --waiter or AWS waiters. (Checks evaluated on every
// `pulumi up`, like Terraform's check blocks: examples/api-check.)
const config = new pulumi.Config();

const web = new alicloud.ecs.Instance("web", {
    imageId: "aliyun_3_x64_20G_alibase_20240819.vhd",
    instanceType: "ecs.g7.large",
    vswitchId: config.require("vswitchId"),
    securityGroups: [config.require("securityGroupId")],
});

// 1. The instance must be Running before anything runs on it (the aliyun CLI's
//    --waiter expr='Instances.Instance[0].Status' to=Running). While ECS does not list the new
//    instance yet, it may answer InvalidInstanceId.NotFound: keep waiting then.
const running = new ApiWaiter("web-running", {
    product: "Ecs",
    version: "2014-05-26",
    action: "DescribeInstances",
    params: { InstanceIds: pulumi.interpolate`["${web.id}"]` },
    acceptors: [{ state: "retry", errorCode: "InvalidInstanceId.NotFound" }],
    until: { expr: "Instances.Instance[0].Status", to: "Running" },
    timeout: "10m",
});

// 2. A Cloud Assistant command must finish on it; Failed, Stopped or PartialFailed fail the
//    deployment at once, naming the status.
const command = new alicloud.ecs.Command("install", { commandContent: Buffer.from("yum install -y nginx").toString("base64"), type: "RunShellScript" });
const invocation = new alicloud.ecs.EcsInvocation("install-on-web", { commandId: command.id, instanceIds: [web.id] }, { dependsOn: [running] });
const status = "Invocations.Invocation[0].InvocationStatus";
const installed = new ApiWaiter("install-finished", {
    product: "Ecs",
    version: "2014-05-26",
    action: "DescribeInvocations",
    params: { InvokeId: invocation.id },
    acceptors: [
        { state: "success", expr: status, equals: "Finished" },
        { state: "failure", expr: status, equals: ["Failed", "Stopped", "PartialFailed"] },
    ],
    progress: status,
    timeout: "20m",
});

// 3. A ROA API: a Container Service cluster that must be running (GET /clusters/{ClusterId}).
const cluster = new ApiWaiter("cluster-running", {
    product: "CS",
    version: "2015-12-15",
    method: "GET",
    path: `/clusters/${config.require("clusterId")}`,
    acceptors: [{ state: "failure", expr: "state", equals: ["failed", "delete_failed", "deleted"] }],
    until: { expr: "state", to: "running" },
    output: "{ name: name, state: state, version: current_version }",
    timeout: "30m",
});

export const instanceStatus = running.matchedValue;
export const installStatus = installed.matchedValue;
export const clusterState = cluster.answer;
