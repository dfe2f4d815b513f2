// The bad-input corpus (badInputCorpus.ts) through `check`: the full corpus through the lifecycle
// check functions in this process, and a representative subset through Pulumi's provider host over
// gRPC, which must answer exactly the same. Every case must fail; every failure must name the
// offending property (or a parent of it) and say how to fix it, without a stack trace, "undefined",
// "[object Object]", or a wall of the user's own oversized value.
import * as assert from "assert";
import { ProviderHost, startProviderHost } from "../../harness";
import { CheckFailure, UNKNOWN_VALUE } from "../../provider/inputs/validate";
import { reportExportProvider } from "../../provider/resources/reportExport";
import { taskWaiterProvider } from "../../provider/resources/taskWaiter";
import { NO_AMBIENT_CREDENTIALS, REPORT_EXPORT_TYPE, TASK_WAITER_TYPE, serializeProvider, urn } from "../host/fixture";
import { BadCase, badInputCorpus } from "./badInputCorpus";
import { LIFECYCLES, configureAgainst, isolateRuntime, table } from "./support";

/** No endpoint override: region rules apply as for real endpoints. */
const CONFIG = { "alicloud:region": "cn-hangzhou" };
const STACK_FRAME = /\n\s*at |\bat \S+ \(\S*:\d+:\d+\)|\.(js|ts):\d+/;
const FIX = /\b(use|must|set|remove|at most|at least|such as|one of|required)\b/i;
const MAX_REASON = 400;

interface Judged {
    c: BadCase;
    failures: CheckFailure[];
    clearProperty: boolean;
    goodReasons: boolean;
    problems: string[];
}

function related(property: string, expected: string): boolean {
    const under = (a: string, b: string) => a.startsWith(`${b}.`) || a.startsWith(`${b}[`);
    return property === expected || under(property, expected) || under(expected, property);
}

function judge(c: BadCase, failures: CheckFailure[] | undefined, thrown?: unknown): Judged {
    const problems: string[] = [];
    if (thrown !== undefined) problems.push(`check threw: ${thrown instanceof Error ? thrown.message : String(thrown)}`);
    const list = failures ?? [];
    if (thrown === undefined && list.length === 0) problems.push("accepted: no failure");
    const unrelated = list.filter((f) => !c.expect.some((e) => related(f.property, e)));
    const uncovered = c.expect.filter((e) => !list.some((f) => related(f.property, e)));
    for (const f of unrelated) problems.push(`names ${JSON.stringify(f.property)}, not ${c.expect.join(" or ")}: ${f.reason}`);
    if (list.length > 0) for (const e of uncovered) problems.push(`no failure names ${e}`);
    let goodReasons = list.length > 0;
    for (const f of list) {
        const bad = [
            typeof f.property !== "string" || f.property === "" ? "no property" : "",
            STACK_FRAME.test(f.reason) ? "a stack frame" : "",
            /undefined/.test(f.reason) ? '"undefined"' : "",
            f.reason.includes("[object Object]") ? '"[object Object]"' : "",
            FIX.test(f.reason) ? "" : "no fix",
            f.reason.length > MAX_REASON ? `${f.reason.length} characters` : "",
        ].filter(Boolean);
        if (bad.length) {
            goodReasons = false;
            problems.push(`${f.property}: ${bad.join(", ")}: ${f.reason.slice(0, 160)}`);
        }
    }
    return { c, failures: list, clearProperty: list.length > 0 && unrelated.length === 0 && uncovered.length === 0, goodReasons, problems };
}

async function checkInProcess(c: BadCase): Promise<Judged> {
    try {
        const result = await LIFECYCLES[c.kind].check({}, { __provider: "serialized provider", ...structuredClone(c.inputs) });
        return judge(c, result.failures);
    } catch (error) {
        return judge(c, undefined, error);
    }
}

function sorted(failures: readonly CheckFailure[]): CheckFailure[] {
    return [...failures]
        .map((f) => ({ property: f.property, reason: f.reason }))
        .sort((a, b) => `${a.property}${a.reason}`.localeCompare(`${b.property}${b.reason}`));
}

describe("reliability: the bad-input corpus fails check per property, with the fix", function () {
    this.timeout(60_000);
    const corpus = badInputCorpus();
    const inProcess = new Map<BadCase, Judged>();
    isolateRuntime();

    before(() => configureAgainst(undefined, CONFIG));

    it(`the whole corpus (${corpus.length} cases) through the lifecycle check functions`, async () => {
        for (const c of corpus) inProcess.set(c, await checkInProcess(c));
        const judged = [...inProcess.values()];
        const groups = [...new Set(judged.map((j) => groupOf(j.c)))];
        const row = (label: string, list: Judged[]) => [
            label,
            list.length,
            list.filter((j) => j.failures.length > 0).length,
            list.reduce((n, j) => n + j.failures.length, 0),
            list.filter((j) => j.clearProperty).length,
            list.filter((j) => j.goodReasons).length,
        ];
        console.log(
            table(
                "bad-input corpus through check (in process)",
                ["resource / service", "cases", "rejected", "failures", "clear property", "clear reasons"],
                [
                    ...groups.map((g) =>
                        row(
                            g,
                            judged.filter((j) => groupOf(j.c) === g),
                        ),
                    ),
                    row("all", judged),
                ],
            ),
        );
        const problems = judged.filter((j) => j.problems.length).map((j) => `${j.c.name}\n      ${j.problems.join("\n      ")}`);
        assert.deepStrictEqual(problems, [], `${problems.length} cases with problems:\n${problems.join("\n")}`);
    });

    it("does not judge values unknown at preview, even in two lists that must not overlap", async () => {
        const result = await LIFECYCLES.TaskWaiter.check(
            {},
            { service: "ecs", taskId: "t-abcd1234", successStatuses: ["Done", UNKNOWN_VALUE], failureStatuses: [UNKNOWN_VALUE] },
        );
        assert.deepStrictEqual(result.failures, []);
    });

    it("reports a missing region with every place it can come from", async () => {
        configureAgainst(undefined, {});
        try {
            for (const kind of ["TaskWaiter", "ReportExport"] as const) {
                const inputs = kind === "TaskWaiter" ? { service: "ecs", taskId: "t-abcd1234" } : { service: "ecd", taskId: "ret-abc1234" };
                const result = await LIFECYCLES[kind].check({}, inputs);
                const failure = (result.failures ?? []).find((f) => f.property === "region");
                assert.match(failure?.reason ?? "", /no region: set one of the resource's `region` input, stack config alicloud:region/);
            }
        } finally {
            configureAgainst(undefined, CONFIG);
        }
    });

    describe("through Pulumi's provider host: a representative subset answers the same", () => {
        let host: ProviderHost;
        let providers: Record<string, string>;
        before(async () => {
            host = await startProviderHost({ env: NO_AMBIENT_CREDENTIALS });
            await host.configure(CONFIG);
            providers = { TaskWaiter: await serializeProvider(taskWaiterProvider), ReportExport: await serializeProvider(reportExportProvider) };
        });
        after(async () => host?.close());

        it("every 8th case, and every conflict, unknown service and unknown property", async () => {
            const subset = corpus.filter((c, i) => i % 8 === 0 || !c.name.includes(" = "));
            const differences: string[] = [];
            let failures = 0;
            for (const c of subset) {
                const type = c.kind === "TaskWaiter" ? TASK_WAITER_TYPE : REPORT_EXPORT_TYPE;
                const result = await host.check(urn(type, "bad"), {}, { __provider: providers[c.kind], ...c.inputs }).catch((error: Error) => error);
                if (result instanceof Error) {
                    differences.push(`${c.name}: check failed over gRPC: ${result.message}`);
                    continue;
                }
                failures += result.failures.length;
                const expected = inProcess.get(c) ?? (await checkInProcess(c));
                const judged = judge(c, result.failures);
                if (judged.problems.length) differences.push(`${c.name}: ${judged.problems.join("; ")}`);
                if (JSON.stringify(sorted(result.failures)) !== JSON.stringify(sorted(expected.failures))) {
                    differences.push(`${c.name}: host ${JSON.stringify(result.failures)} vs in process ${JSON.stringify(expected.failures)}`);
                }
            }
            console.log(
                `  bad-input corpus through the provider host: ${subset.length} cases, ${failures} failures, ${subset.length - differences.length} identical to in process`,
            );
            assert.deepStrictEqual(differences, []);
        });
    });
});

/** "TaskWaiter ecs", "ReportExport sas start", ...: the resource and service a case is about. */
function groupOf(c: BadCase): string {
    const [kind, rest] = [c.kind, c.name.slice(c.kind.length + 1)];
    const label = rest.split(":")[0];
    if (/^(no service|empty inputs)$/.test(label)) return `${kind} (service)`;
    return `${kind} ${label.replace(/ (taskIds|resourceIds|adopt|start)$/, "")}`;
}
