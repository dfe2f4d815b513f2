import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import * as readline from "readline";
import { SIMULATOR_CREDENTIALS } from "../simulator/credentials";
import type { PlannedTask, SimTaskRef } from "./workload";

/**
 * The simulator in a process of its own (its CLI), so that the polling process's CPU time and
 * memory are only its own. Spoken to over its control API under /__sim/.
 */
export class SimProcess {
    private constructor(
        private readonly child: ChildProcess,
        readonly url: string,
    ) {}

    static async start(speed: number): Promise<SimProcess> {
        const cli = path.join(__dirname, "..", "simulator", "cli.js");
        const child = spawn(process.execPath, [cli, "--port", "0", "--speed", String(speed)], { stdio: ["ignore", "pipe", "inherit"] });
        const lines = readline.createInterface({ input: child.stdout! });
        const url = await new Promise<string>((resolve, reject) => {
            lines.once("line", (line) => resolve(line.trim()));
            child.once("exit", (code) => reject(new Error(`the simulator exited (${code}) before printing its URL`)));
        });
        lines.on("line", () => undefined); // keep draining its stdout
        return new SimProcess(child, url);
    }

    get pid(): number {
        return this.child.pid ?? -1;
    }

    async stop(): Promise<void> {
        if (this.child.exitCode !== null) return;
        const exited = new Promise((resolve) => this.child.once("exit", resolve));
        this.child.kill("SIGTERM");
        await exited;
    }
}

/** The simulator's fake key pair and endpoint, as stack config. */
export function simulatorConfig(url: string, region: string): Record<string, string> {
    return {
        "alicloud:accessKey": SIMULATOR_CREDENTIALS.accessKey.accessKeyId,
        "alicloud:secretKey": SIMULATOR_CREDENTIALS.accessKey.accessKeySecret,
        "alicloud:region": region,
        "alicloud-tasks:endpoint": url,
    };
}

export interface SimStats {
    calls: Record<string, number>;
    errors: Record<string, number>;
    faults: Record<string, number>;
    total: number;
}

async function control<T>(url: string, method: string, route: string, body?: unknown): Promise<T> {
    const response = await fetch(`${url}/__sim/${route}`, {
        method,
        headers: body === undefined ? undefined : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`simulator ${method} /__sim/${route}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
}

export const simStats = (url: string) => control<SimStats>(url, "GET", "stats");
export const addFault = (url: string, rule: unknown) => control<unknown>(url, "POST", "faults", rule);

/** Creates the tasks (concurrently: they should start together) and returns their ids and end times. */
export async function createTasks(url: string, plan: readonly PlannedTask[]): Promise<SimTaskRef[]> {
    return Promise.all(
        plan.map(async (task) => {
            const view = await control<{ taskId: string; endsAt: string }>(url, "POST", "tasks", {
                service: task.service,
                ...(task.service === "ecs" ? { action: "ImportImage" } : {}),
                region: task.region,
                durationMs: task.durationMs,
                outcome: task.outcome,
                progressProfile: task.profile,
            });
            return { ...task, taskId: view.taskId, endsAtMs: Date.parse(view.endsAt) };
        }),
    );
}

/** A reading of the simulator's task clock, between two real-time marks taken around the request. */
export async function readSimClock(url: string, realNow: () => number): Promise<{ before: number; simMs: number; after: number }> {
    const before = realNow();
    const view = await control<{ nowMs: number }>(url, "GET", "clock");
    return { before, simMs: view.nowMs, after: realNow() };
}
