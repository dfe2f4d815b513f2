import * as assert from "assert";
import { ecdReportTaskSource } from "../../../provider/services/ecd";
import { ListedPage, listedSource } from "../../../provider/services/listSource";
import { RecordedCall, StubClient } from "../../support/clientStub";
import { ECD_SAMPLE } from "../../support/samples";

/** The ids one fetch serves and the pages one walk reads, pinned: changing either is a decision. */
const LISTED_BATCH_SIZE = 1000;
const MAX_LIST_PAGES = 20;

interface Snap {
    taskId: string;
    via: "page" | "describe";
}

/**
 * An API whose list holds `listed` (newest first) in pages of the size asked for, token = the
 * index of the next page's first task, and which describes by id any task in `known`.
 */
function fakeApi(listed: string[], known: string[] = listed) {
    const calls: { list?: { size: number; token?: string; timeLeftMs?: number }; describe?: { id: string; timeLeftMs?: number } }[] = [];
    const source = listedSource<Snap>({
        batchKey: "fake:key",
        maxPageSize: 3,
        async listPage(size, token, timeLeftMs): Promise<ListedPage<Snap>> {
            calls.push({ list: { size, token, timeLeftMs } });
            const from = token ? Number(token) : 0;
            const ids = listed.slice(from, from + size);
            const next = from + size < listed.length ? String(from + size) : undefined;
            return { snapshots: ids.map((taskId) => ({ taskId, via: "page" })), next };
        },
        async describe(id, timeLeftMs) {
            calls.push({ describe: { id, timeLeftMs } });
            return known.includes(id) ? { taskId: id, via: "describe" } : undefined;
        },
    });
    const lists = () => calls.filter((c) => c.list).map((c) => c.list!.token ?? "first");
    const describes = () => calls.filter((c) => c.describe).map((c) => c.describe!.id);
    return { source, calls, lists, describes };
}

const viaOf = (found: ReadonlyMap<string, Snap>) => Object.fromEntries([...found].map(([id, s]) => [id, s.via]));

describe("services/listSource: waits share list pages", () => {
    it("answers several ids from one page, without reading further or describing any", async () => {
        const api = fakeApi(["a", "b", "c", "d", "e", "f", "g"]);
        const found = await api.source.fetch(["c", "a", "b"]);
        assert.deepStrictEqual(viaOf(found), { c: "page", a: "page", b: "page" });
        assert.deepStrictEqual(api.lists(), ["first"], "one page served them all: the walk stops");
        assert.deepStrictEqual(api.describes(), []);
        assert.deepStrictEqual(api.calls[0].list!.size, 3, "pages as large as the API allows");
    });

    it("follows the pages while ids are missing, and describes by id those not on them", async () => {
        const api = fakeApi(["a", "b", "c", "d", "e", "f", "g", "h"], ["a", "b", "c", "d", "e", "f", "g", "h", "old"]);
        const found = await api.source.fetch(["e", "old", "gone"]);
        // 3 ids fill one page of 3: one page more is read, and the next while pages still find some; then the rest by id
        assert.deepStrictEqual(api.lists(), ["first", "3", "6"]);
        assert.deepStrictEqual(api.describes().sort(), ["gone", "old"]);
        assert.deepStrictEqual(viaOf(found), { e: "page", old: "describe" }, "an id the API does not know is not visible");
    });

    it("reads on while a page finds ids and two or more are missing, then asks for the last one by id", async () => {
        const long = Array.from({ length: 300 }, (_, i) => `t${i}`);
        const api = fakeApi(long);
        const wanted = ["t0", "t4", "t7", "t8", "t299"];
        const found = await api.source.fetch(wanted);
        // 5 ids fill 2 pages of 3, and one more is read; one missing id costs what a page costs: t299 by id
        assert.deepStrictEqual(api.lists(), ["first", "3", "6"]);
        assert.deepStrictEqual(api.describes(), ["t299"]);
        assert.deepStrictEqual(viaOf(found), { t0: "page", t4: "page", t7: "page", t8: "page", t299: "describe" });
    });

    it("past the pages the ids could fill, stops at a page that finds none, however long the list", async () => {
        const long = Array.from({ length: 300 }, (_, i) => `t${i}`);
        const api = fakeApi(long);
        const found = await api.source.fetch(["t0", "t1", "t298", "t299"]);
        // 4 ids fill 2 pages of 3, one more is read: the third finds none, so the old ids are asked for by id
        assert.deepStrictEqual(api.lists(), ["first", "3", "6"]);
        assert.deepStrictEqual(api.describes().sort(), ["t298", "t299"]);
        assert.strictEqual(found.size, 4);
    });

    it("follows pages that keep finding ids, late in a run when the waits left sit among finished tasks", async () => {
        const long = Array.from({ length: 30 }, (_, i) => `t${i}`);
        const api = fakeApi(long);
        const found = await api.source.fetch(["t1", "t4", "t7", "t10", "t13", "t16", "t17"]);
        // 7 ids fill 3 pages of 3 (4 read); pages 5 and 6 still find some, and the sixth finds the last two
        assert.deepStrictEqual(api.lists(), ["first", "3", "6", "9", "12", "15"]);
        assert.deepStrictEqual(api.describes(), []);
        assert.strictEqual(found.size, 7);
    });

    it("reads at most MAX_LIST_PAGES pages in one walk", async () => {
        const long = Array.from({ length: 3 * (MAX_LIST_PAGES + 5) }, (_, i) => `t${i}`);
        const api = fakeApi(long);
        // one wanted id on every page: each page finds one, the walk stops at the cap
        const wanted = long.filter((_, i) => i % 3 === 0);
        const found = await api.source.fetch(wanted);
        assert.strictEqual(api.lists().length, MAX_LIST_PAGES);
        assert.strictEqual(api.describes().length, wanted.length - MAX_LIST_PAGES);
        assert.strictEqual(found.size, wanted.length);
    });

    it("stops at the last page, which names no next one", async () => {
        const api = fakeApi(["a", "b", "c", "d"], ["a", "b", "c", "d", "x", "y"]);
        const found = await api.source.fetch(["x", "y", "d", "a", "b", "c", "z"]);
        assert.deepStrictEqual(api.lists(), ["first", "3"]);
        assert.deepStrictEqual(api.describes().sort(), ["x", "y", "z"]);
        assert.strictEqual(found.size, 6);
    });

    it("describes a lone id at once: one call either way, and the right one", async () => {
        const api = fakeApi(["a", "b", "c"]);
        const found = await api.source.fetch(["b"], 4321);
        assert.deepStrictEqual(viaOf(found), { b: "describe" });
        assert.deepStrictEqual(api.calls, [{ describe: { id: "b", timeLeftMs: 4321 } }], "no list call, the time left passed on");
    });

    it("passes the time left to every call and serves up to LISTED_BATCH_SIZE ids a fetch", async () => {
        const api = fakeApi(["a", "b", "c", "d"], ["a", "b", "c", "d", "e"]);
        await api.source.fetch(["d", "e"], 9000);
        assert.ok(api.calls.length >= 2);
        for (const call of api.calls) assert.strictEqual((call.list ?? call.describe)!.timeLeftMs, 9000);
        assert.strictEqual(api.source.batchKey, "fake:key");
        assert.strictEqual(api.source.maxBatchSize, LISTED_BATCH_SIZE);
    });
});

describe("services/ecd: DescribeEcdReportTasks pages by PageNum", () => {
    const client = new StubClient();
    const ctx = {
        client,
        region: "cn-hangzhou",
        credentials: { provider: { getCredentials: async () => ({ accessKeyId: "AK", accessKeySecret: "SK" }) }, source: "test", account: "AK" },
    };
    const task = (id: string) => ({ ...ECD_SAMPLE.ExportTaskList[0], TaskId: id });
    /** An account with `total` exports, ret-0 the newest; `alsoKnown` answers only when asked for by TaskId. */
    function ecdAccount(total: number, alsoKnown: string[] = []) {
        return (call: RecordedCall) => {
            const { PageSize, PageNum, TaskId } = call.params as { PageSize: number; PageNum: number; TaskId?: string };
            if (TaskId) {
                const known = alsoKnown.includes(TaskId) || Number(TaskId.slice(4)) < total;
                return { RequestId: "R", TotalCount: known ? 1 : 0, ExportTaskList: known ? [task(TaskId)] : [] };
            }
            const from = (PageNum - 1) * PageSize;
            const ids = Array.from({ length: Math.max(0, Math.min(PageSize, total - from)) }, (_, i) => `ret-${from + i}`);
            return { RequestId: "R", TotalCount: total, ExportTaskList: ids.map(task) };
        };
    }
    const listCalls = (calls: RecordedCall[]) => calls.filter((c) => !c.params.TaskId).map((c) => [c.params.PageSize, c.params.PageNum]);
    const byId = (calls: RecordedCall[]) => calls.filter((c) => c.params.TaskId).map((c) => c.params.TaskId);

    it("walks pages 1, 2, ... of 200 while waited ids are missing, then asks for the rest by TaskId", async () => {
        const stub = client.answer(ecdAccount(1000, ["ret-old"]));
        try {
            const found = await ecdReportTaskSource(ctx).fetch(["ret-5", "ret-250", "ret-old"]);
            assert.deepStrictEqual([...found.keys()].sort(), ["ret-250", "ret-5", "ret-old"]);
            // 3 ids fill one page: two pages at most, though TotalCount says there are five
            assert.deepStrictEqual(listCalls(stub.calls), [
                [200, 1],
                [200, 2],
            ]);
            assert.deepStrictEqual(byId(stub.calls), ["ret-old"]);
        } finally {
            stub.restore();
        }
    });

    it("stops where TotalCount says the list ends", async () => {
        const stub = client.answer(ecdAccount(150, ["ret-old"]));
        try {
            const found = await ecdReportTaskSource(ctx).fetch(["ret-1", "ret-old"]);
            assert.strictEqual(found.size, 2);
            assert.deepStrictEqual(listCalls(stub.calls), [[200, 1]]);
            assert.deepStrictEqual(byId(stub.calls), ["ret-old"]);
        } finally {
            stub.restore();
        }
    });

    it("asks for a lone export by TaskId, with no list call", async () => {
        const stub = client.answer(ecdAccount(1000));
        try {
            const found = await ecdReportTaskSource(ctx).fetch(["ret-700"]);
            assert.deepStrictEqual([...found.keys()], ["ret-700"]);
            assert.deepStrictEqual(listCalls(stub.calls), []);
            assert.deepStrictEqual(byId(stub.calls), ["ret-700"]);
        } finally {
            stub.restore();
        }
    });
});
