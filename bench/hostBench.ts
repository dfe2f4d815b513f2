import * as fs from "fs";
import { performance } from "perf_hooks";
import * as pulumi from "@pulumi/pulumi";
import { NO_AMBIENT_CREDENTIALS, ProviderHost, startProviderHost, urnFor } from "../harness";
import { taskWaiterProvider } from "../provider/resources/taskWaiter";
import { COLD_START_REPEATS, HOST_WAITERS } from "./config";
import { SimProcess, createTasks, simulatorConfig } from "./sim";
import { hangingProvider, trivialProvider } from "./trivialProvider";

/**
 * Pulumi's dynamic provider host, as the engine runs it: how long from spawning it to the first
 * create answered, and how much memory waiters in flight take.
 */

const TASK_WAITER_TYPE = "pulumi-nodejs:dynamic/alicloud-tasks:TaskWaiter";
const TRIVIAL_TYPE = "pulumi-nodejs:dynamic/bench:Trivial";

export interface ColdStart {
    /** Spawn to the first create answered. */
    totalMs: number;
    /** Spawn to the port line: node start, SDK load, gRPC bind. */
    spawnToPortMs: number;
}

async function serialize(provider: pulumi.dynamic.ResourceProvider): Promise<string> {
    return (await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })).text;
}

async function startHost(): Promise<ProviderHost> {
    return startProviderHost({ env: NO_AMBIENT_CREDENTIALS });
}

/** Spawn, configure, check, create of one TaskWaiter on a task that is already Finished. */
export async function taskWaiterColdStart(simUrl: string, finishedTaskId: string): Promise<ColdStart> {
    const provider = await serialize(taskWaiterProvider);
    const started = performance.now();
    const host = await startHost();
    try {
        await host.configure(simulatorConfig(simUrl, "cn-hangzhou"), ["alicloud:secretKey"]);
        const urn = urnFor(TASK_WAITER_TYPE, "cold");
        const checked = await host.check(urn, {}, { __provider: provider, service: "ecs", taskId: finishedTaskId, resourceName: "cold" });
        await host.create(urn, checked.inputs);
        return { totalMs: performance.now() - started, spawnToPortMs: host.startupMs };
    } finally {
        await host.close();
    }
}

/** The same steps for the trivial provider. */
export async function trivialColdStart(): Promise<ColdStart> {
    const provider = await serialize(trivialProvider);
    const started = performance.now();
    const host = await startHost();
    try {
        await host.configure({ "bench:unused": "x" });
        const urn = urnFor(TRIVIAL_TYPE, "cold");
        const checked = await host.check(urn, {}, { __provider: provider, value: 1 });
        await host.create(urn, checked.inputs);
        return { totalMs: performance.now() - started, spawnToPortMs: host.startupMs };
    } finally {
        await host.close();
    }
}

export interface HostMemory {
    /** VmRSS after one create answered (modules loaded), no wait in flight. */
    idleKb: number;
    /** Highest VmRSS seen while every create was in flight. */
    loadedKb: number;
    inFlight: number;
}

/** One host; one create to load everything; then a TaskWaiter create per long task, all in flight at once. */
export async function taskWaiterMemory(simUrl: string, finishedTaskId: string, longTaskIds: readonly string[]): Promise<HostMemory> {
    const provider = await serialize(taskWaiterProvider);
    const inputs = (i: number) => ({ __provider: provider, service: "ecs", taskId: longTaskIds[i], resourceName: `long-${i}` });
    return hostMemory(simUrl, TASK_WAITER_TYPE, { __provider: provider, service: "ecs", taskId: finishedTaskId }, inputs, longTaskIds.length, " Processing");
}

/** The same for creates that never return: what the host itself keeps per call in flight. */
export async function hangingMemory(count: number): Promise<HostMemory> {
    const hanging = await serialize(hangingProvider);
    return hostMemory(undefined, TRIVIAL_TYPE, { __provider: hanging, value: 0 }, (i) => ({ __provider: hanging, value: i, hang: true }), count, "in flight ");
}

async function hostMemory(
    simUrl: string | undefined,
    type: string,
    warmInputs: Record<string, unknown>,
    inputs: (i: number) => Record<string, unknown>,
    count: number,
    inFlightLine: string,
): Promise<HostMemory> {
    const host = await startHost();
    try {
        await host.configure(simUrl ? simulatorConfig(simUrl, "cn-hangzhou") : { "bench:unused": "x" }, simUrl ? ["alicloud:secretKey"] : []);
        const warm = urnFor(type, "warm");
        await host.create(warm, (await host.check(warm, {}, warmInputs)).inputs);
        await new Promise((resolve) => setTimeout(resolve, 500));
        const idleKb = vmRssKb(host.pid);
        const creates = Array.from({ length: count }, async (_, i) => {
            const urn = urnFor(type, `long-${i}`);
            const checked = await host.check(urn, {}, inputs(i));
            return host.create(urn, checked.inputs);
        });
        creates.forEach((c) => c.catch(() => undefined)); // they end when the host is killed
        await waitUntil(() => host.stdout.filter((line) => line.includes(inFlightLine)).length >= count, 60_000);
        let loadedKb = 0;
        for (let i = 0; i < 16; i++) {
            loadedKb = Math.max(loadedKb, vmRssKb(host.pid));
            await new Promise((resolve) => setTimeout(resolve, 250));
        }
        return { idleKb, loadedKb, inFlight: count };
    } finally {
        host.kill("SIGKILL");
        await host.exited;
    }
}

function vmRssKb(pid: number): number {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    if (!match) throw new Error(`no VmRSS for process ${pid}`);
    return Number(match[1]);
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
        if (Date.now() > deadline) throw new Error("timed out waiting for the waiters to be in flight");
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
}

export interface HostRuns {
    taskWaiter: ColdStart[];
    trivial: ColdStart[];
    memory: HostMemory;
    hangingMemory: HostMemory;
}

/** Cold starts of the TaskWaiter provider and a trivial one, alternated; then memory with waiters in flight. */
export async function hostRuns(): Promise<HostRuns> {
    const sim = await SimProcess.start(1);
    try {
        const task = { service: "ecs" as const, region: "cn-hangzhou", waitRegion: "cn-hangzhou", outcome: "success" as const, profile: "linear" as const };
        const [finished] = await createTasks(sim.url, [{ ...task, durationMs: 0 }]);
        const taskWaiter: ColdStart[] = [];
        const trivial: ColdStart[] = [];
        for (let i = 0; i < COLD_START_REPEATS; i++) {
            trivial.push(await trivialColdStart());
            taskWaiter.push(await taskWaiterColdStart(sim.url, finished.taskId));
        }
        const long = await createTasks(
            sim.url,
            Array.from({ length: HOST_WAITERS }, () => ({ ...task, durationMs: 3_600_000 })),
        );
        const memory = await taskWaiterMemory(
            sim.url,
            finished.taskId,
            long.map((t) => t.taskId),
        );
        return { taskWaiter, trivial, memory, hangingMemory: await hangingMemory(HOST_WAITERS) };
    } finally {
        await sim.stop();
    }
}
