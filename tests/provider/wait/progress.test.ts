// Progress lines on a fake clock: every status change at once, otherwise one line per resource every 15 s.
import * as assert from "assert";
import { ProgressReporter } from "../../../provider/wait/progress";
import type { TaskSnapshot, TaskStatus } from "../../../provider/services/snapshot";

/** A snapshot and the status the wait read it as, as `observe` takes them. */
function snapshot(taskId: string, rawStatus: string, status: TaskStatus, progress?: number): [TaskSnapshot, TaskStatus] {
    return [{ taskId, rawStatus, ...(progress !== undefined ? { progress } : {}), details: {} }, status];
}

/** Time moves only when a test says so. */
class ManualTime {
    constructor(private current: number) {}
    now(): number {
        return this.current;
    }
    advance(ms: number): void {
        this.current += ms;
    }
}

describe("progress lines", () => {
    let clock: ManualTime;
    let lines: string[];
    const reporter = (label = 'TaskWaiter "gate"') =>
        new ProgressReporter(
            label,
            clock.now(),
            (text) => text,
            () => clock.now(),
            (line) => lines.push(line),
        );

    beforeEach(() => {
        clock = new ManualTime(1_700_000_000_000);
        lines = [];
    });

    it("name the resource, the task, the raw and the common status, the progress and the time since the wait began", () => {
        const r = reporter();
        clock.advance(65_000);
        r.observe(...snapshot("t-123", "Processing", "running", 40));
        assert.deepStrictEqual(lines, ['[alicloud-tasks] TaskWaiter "gate": task t-123 Processing 40% (running) after 1m05s']);
    });

    it("round fractional progress to one decimal and leave it out when the API reports none", () => {
        const r = reporter('ReportExport "report"');
        r.observe(...snapshot("ecd-1", "RUNNING", "running", 33.33333));
        r.observe(...snapshot("ecd-2", "init", "pending"));
        assert.deepStrictEqual(lines, [
            '[alicloud-tasks] ReportExport "report": task ecd-1 RUNNING 33.3% (running) after 0ms',
            '[alicloud-tasks] ReportExport "report": task ecd-2 init (pending) after 0ms',
        ]);
    });

    it("write on every status change, however soon after the last line", () => {
        const r = reporter();
        r.observe(...snapshot("t-1", "Waiting", "pending"));
        clock.advance(300);
        r.observe(...snapshot("t-1", "Processing", "running", 10));
        clock.advance(300);
        r.observe(...snapshot("t-1", "Finished", "succeeded", 100));
        assert.deepStrictEqual(
            lines.map((l) => / (\w+) \d*%? ?\(/.exec(l)?.[1]),
            ["Waiting", "Processing", "Finished"],
        );
    });

    it("otherwise write at most every 15 seconds, with the progress of the moment", () => {
        const r = reporter();
        for (let second = 0; second <= 45; second++) {
            r.observe(...snapshot("t-1", "Processing", "running", second * 2));
            clock.advance(1_000);
        }
        assert.deepStrictEqual(
            lines.map((l) => / (\d+)% .* after (\S+)$/.exec(l)?.slice(1).join(" ")),
            ["0 0ms", "30 15s", "60 30s", "90 45s"],
        );
    });

    it("count the 15 seconds per resource: several tasks of one resource share them, another resource has its own", () => {
        const a = reporter('TaskWaiter "a"');
        const b = reporter('TaskWaiter "b"');
        a.observe(...snapshot("t-1", "Processing", "running", 1));
        a.observe(...snapshot("t-2", "Processing", "running", 1)); // a first sighting is a change
        b.observe(...snapshot("t-9", "Processing", "running", 1));
        clock.advance(5_000);
        a.observe(...snapshot("t-1", "Processing", "running", 5));
        a.observe(...snapshot("t-2", "Processing", "running", 5));
        b.observe(...snapshot("t-9", "Processing", "running", 5));
        assert.strictEqual(lines.length, 3, lines.join("\n"));
        clock.advance(10_000);
        a.observe(...snapshot("t-1", "Processing", "running", 15));
        a.observe(...snapshot("t-2", "Processing", "running", 15));
        b.observe(...snapshot("t-9", "Processing", "running", 15));
        assert.deepStrictEqual(lines.slice(3), [
            '[alicloud-tasks] TaskWaiter "a": task t-1 Processing 15% (running) after 15s',
            '[alicloud-tasks] TaskWaiter "b": task t-9 Processing 15% (running) after 15s',
        ]);
    });

    it("notes name the resource too", () => {
        reporter().note("resolved 2 resource(s) to task(s) t-1, t-2");
        assert.deepStrictEqual(lines, ['[alicloud-tasks] TaskWaiter "gate": resolved 2 resource(s) to task(s) t-1, t-2']);
    });
});
