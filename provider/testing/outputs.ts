import * as pulumi from "@pulumi/pulumi";
import { BDRC_STATUS_TABLE } from "../services/bdrc";
import { ECD_STATUS_TABLE } from "../services/ecd";
import { ECS_STATUS_TABLE } from "../services/ecs";
import { SAS_STATUS_TABLE } from "../services/sas";
import type { TaskStatus } from "../types";

/**
 * Outputs shaped like the ones each waiter records after a real wait, built from its checked
 * inputs: the statuses in each API's own spelling, task lists, a pre-signed-looking download URL
 * (a secret, as the real one is), an acceptor's reason.
 */

type Record_ = Record<string, unknown>;

/** Each service's status table (raw status, lower-cased -> common status), as the provider reads answers. */
const STATUS_TABLES: Record<string, Record<string, TaskStatus>> = {
    ecs: ECS_STATUS_TABLE,
    bdrc: BDRC_STATUS_TABLE,
    ecd: ECD_STATUS_TABLE,
    sas: SAS_STATUS_TABLE,
};

/** How each API spells its statuses: ECS "Finished", bdrc "COMPLETE", ECD "FINISHED", Security Center "success". */
const SPELLING: Record<string, (raw: string) => string> = {
    ecs: (raw) => raw.charAt(0).toUpperCase() + raw.slice(1),
    bdrc: (raw) => raw.toUpperCase(),
    ecd: (raw) => raw.toUpperCase(),
    sas: (raw) => raw,
};

/** The raw status a real wait records (`rawStatus`): the first one the service's own table maps to `status`. */
function rawStatusOf(service: string, status: TaskStatus): string {
    const raw = Object.entries(STATUS_TABLES[service] ?? {}).find(([, common]) => common === status)?.[0];
    return raw === undefined ? status : (SPELLING[service] ?? ((r: string) => r))(raw);
}

const DONE: readonly TaskStatus[] = ["succeeded", "failed", "cancelled", "expired"];

function common(status: TaskStatus, service: string): Record_ {
    const done = DONE.includes(status);
    return {
        status,
        rawStatus: rawStatusOf(service, status),
        progress: status === "succeeded" ? 100 : done ? 0 : 50,
        waitedSeconds: 0,
        requestId: "00000000-0000-4000-8000-000000000000",
        failureReason:
            status === "succeeded" ? undefined : done ? `the task ended ${status} (mock)` : "the wait timed out (mock): the next `pulumi up` resumes it",
    };
}

export function taskWaiterOutputs(inputs: Record_, status: TaskStatus): Record_ {
    const service = String(inputs.service);
    if (service === "bdrc") {
        return {
            ...common(status, service),
            taskType: "UPDATE_RESOURCES",
            taskName: "mock task",
            startedAt: "2024-01-01T00:00:00.000Z",
            finishedAt: DONE.includes(status) ? "2024-01-01T00:05:00.000Z" : undefined,
        };
    }
    const resourceIds = (inputs.resourceIds as string[] | undefined) ?? [];
    const taskIds = inputs.taskId
        ? [String(inputs.taskId)]
        : ((inputs.taskIds as string[] | undefined) ?? resourceIds.map((_, i) => `t-mock${String(i + 1).padStart(8, "0")}`));
    const resourceOf = (taskId: string, i: number) => resourceIds[i] ?? `m-${taskId.replace(/^t-/, "")}`;
    const raw = rawStatusOf(service, status);
    const tasks = taskIds.map((taskId, i) => ({
        taskId,
        taskAction: inputs.taskAction ?? "ImportImage",
        status,
        rawStatus: raw,
        progress: status === "succeeded" ? 100 : 0,
        resourceId: resourceOf(taskId, i),
        creationTime: "2024-01-01T00:00Z",
        finishedTime: DONE.includes(status) ? "2024-01-01T00:05Z" : undefined,
        supportCancel: false,
    }));
    const ok = status === "succeeded";
    return {
        ...common(status, service),
        tasks,
        resourceId: tasks.length === 1 ? tasks[0].resourceId : undefined,
        successCount: ok ? tasks.length : 0,
        failedCount: status === "failed" ? tasks.length : 0,
        operations: tasks.map((t) => ({ taskId: t.taskId, status: ok ? "Succeed" : "Failed", relatedItems: [] })),
    };
}

export function reportExportOutputs(inputs: Record_, status: TaskStatus, name: string, region: string): Record_ {
    const service = String(inputs.service);
    const ok = status === "succeeded";
    const expiresAt = new Date(Date.UTC(2099, 0, 1)).toISOString();
    if (service === "sas") {
        const exportId = inputs.exportId ?? 100001;
        const fileName = `${name}.zip`;
        return {
            ...common(status, service),
            exportId,
            fileName,
            currentCount: ok ? 10 : 0,
            totalCount: 10,
            downloadUrl: ok
                ? pulumi.secret(`https://sas-export-${region}.oss-${region}.aliyuncs.com/${fileName}?Expires=4070908800&OSSAccessKeyId=mock&Signature=mock`)
                : undefined,
            expiresAt: ok ? expiresAt : undefined,
        };
    }
    const taskId = inputs.taskId ?? `ret-mock${name.replace(/[^A-Za-z0-9]/g, "").slice(0, 12)}`;
    const fileName = `${name}.xlsx`;
    return {
        ...common(status, service),
        taskId,
        fileName,
        downloadUrl: ok
            ? pulumi.secret(`https://ecd-report-${region}.oss-${region}.aliyuncs.com/${fileName}?Expires=4070908800&OSSAccessKeyId=mock&Signature=mock`)
            : undefined,
        expiresAt: ok ? expiresAt : undefined,
    };
}

export function apiWaiterOutputs(inputs: Record_, status: TaskStatus): Record_ {
    const until = inputs.until as { expr: string; to: unknown } | undefined;
    type Matcher = { state?: string; expr?: string; equals?: unknown; errorCode?: string };
    const acceptors = (inputs.acceptors as Matcher[] | undefined) ?? [];
    const index = until ? 1 : Math.max(1, acceptors.findIndex((a) => a.state === (status === "succeeded" ? "success" : "failure")) + 1);
    const acceptor: Matcher | undefined = until ? { expr: until.expr, equals: Array.isArray(until.to) ? until.to[0] : until.to } : acceptors[index - 1];
    const value = acceptor?.errorCode ?? (Array.isArray(acceptor?.equals) ? acceptor.equals[0] : acceptor?.equals);
    const subject = acceptor?.errorCode ? "the API answered" : `${acceptor?.expr ?? "the answer"} is`;
    return {
        status,
        reason:
            status === "succeeded" || status === "failed"
                ? `acceptor ${index} (${status === "succeeded" ? "success" : "failure"}) matched: ${subject} ${JSON.stringify(value ?? null)} (mock)`
                : "the wait timed out (mock)",
        matchedAcceptor: index,
        matchedValue: value,
        answer: {},
        requestId: "00000000-0000-4000-8000-000000000000",
        waitedSeconds: 0,
        evaluatedAt: new Date(Date.UTC(2024, 0, 1)).toISOString(),
    };
}
