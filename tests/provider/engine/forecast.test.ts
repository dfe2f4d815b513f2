import * as assert from "assert";
import { ProgressTrack } from "../../../provider/engine/forecast";

const SECOND = 1000;

/** A track fed with readings `[at, percent]`. */
function trackOf(readings: [number, number | undefined][]): ProgressTrack {
    const track = new ProgressTrack();
    for (const [at, percent] of readings) track.observe(at, percent);
    return track;
}

/** What a linear task reports at `t`: whole percents (floor, as ECS and Security Center do) or tenths (floor, as ECD does). */
function linearReading(t: number, start: number, end: number, resolution: 1 | 0.1 = 1): number {
    const exact = ((t - start) / (end - start)) * 100;
    return Math.round(Math.floor(exact / resolution) * resolution * 10) / 10;
}

describe("engine: ProgressTrack forecast", () => {
    it("forecasts a linear task's end: earliest never after the true end, likely close to it", () => {
        const end = 600 * SECOND;
        for (const every of [3 * SECOND, 10 * SECOND, 37 * SECOND]) {
            const track = new ProgressTrack();
            for (let t = 0; t < end; t += every) {
                track.observe(t, linearReading(t, 0, end));
                const forecast = track.forecast();
                if (t < 20 * SECOND) continue;
                assert.ok(forecast, `a forecast once the task moved (t=${t}, every ${every})`);
                assert.ok(forecast.earliest <= end, `earliest ${forecast.earliest} after the end ${end} (t=${t}, every ${every})`);
                assert.ok(forecast.earliest <= forecast.likely, `earliest ${forecast.earliest} <= likely ${forecast.likely}`);
                // a few whole percents say little about the pace: likely is judged from 20% on, within a
                // reading interval plus a few percent of the run
                if (t < 0.2 * end) continue;
                const slack = every + 0.05 * end;
                assert.ok(Math.abs(forecast.likely - end) <= slack, `likely ${forecast.likely} vs end ${end} (t=${t}, every ${every})`);
            }
        }
    });

    it("allows one step of resolution in each reading, so that earliest comes before the end of a task that is ahead of what it reports", () => {
        // actual progress 0.99% at t=0 and 1% a second: the task ends at 99.01 s; it reports 0 then 10
        const track = trackOf([
            [0, 0],
            [10 * SECOND, 10],
        ]);
        const forecast = track.forecast()!;
        assert.ok(forecast.earliest <= 99_010, `earliest ${forecast.earliest}`);
        // without the step the pace would be 1%/s and the end 100 s: too late
        assert.ok(forecast.earliest < 100 * SECOND - 5 * SECOND);
    });

    it("reads whole percents with a step of 1 and tenths with a step of 0.1, which narrows the forecast", () => {
        const end = 500 * SECOND;
        const times = [0, 50, 100, 150, 200].map((s) => s * SECOND);
        const whole = trackOf(times.map((t) => [t, linearReading(t, 0, end, 1)]));
        const tenths = trackOf(times.map((t) => [t, linearReading(t, 0, end, 0.1) + 0.05]));
        assert.strictEqual(whole.step(), 1);
        assert.strictEqual(tenths.step(), 0.1);
        const a = whole.forecast()!;
        const b = tenths.forecast()!;
        assert.ok(a.earliest <= end && b.earliest <= end + 1, `earliest ${a.earliest}, ${b.earliest}`);
        assert.ok(b.earliest > a.earliest, "a finer reading allows a later (tighter) earliest end");
        assert.ok(end - b.earliest < 0.02 * end, `tenths put earliest within 2% of the run: ${b.earliest}`);
        // one tenth among whole readings switches the step for good
        whole.observe(210 * SECOND, 42.5);
        assert.strictEqual(whole.step(), 0.1);
    });

    it("gives no forecast before the task moves: no readings, one reading, or readings that do not change", () => {
        assert.strictEqual(new ProgressTrack().forecast(), undefined);
        assert.strictEqual(trackOf([[0, 30]]).forecast(), undefined);
        const flatZero = trackOf(Array.from({ length: 30 }, (_, i) => [i * 10 * SECOND, 0] as [number, number]));
        assert.strictEqual(flatZero.forecast(), undefined);
        const flatMiddle = trackOf(Array.from({ length: 30 }, (_, i) => [i * 10 * SECOND, 42] as [number, number]));
        assert.strictEqual(flatMiddle.forecast(), undefined);
        // readings without progress are not readings
        const none = trackOf([
            [0, undefined],
            [SECOND, Number.NaN],
            [2 * SECOND, undefined],
        ]);
        assert.strictEqual(none.latest, undefined);
        assert.strictEqual(none.forecast(), undefined);
    });

    it("rests the forecast on the time the task started moving: the last of the first equal readings", () => {
        // queued at 0% for a minute, then 1% a second from t=60 s
        const track = trackOf([
            [0, 0],
            [30 * SECOND, 0],
            [60 * SECOND, 0],
            [80 * SECOND, 20],
            [100 * SECOND, 40],
        ]);
        const forecast = track.forecast()!;
        assert.strictEqual(forecast.since, 60 * SECOND);
        // the queue does not slow the pace: 160 s, not 250 s (the pace over the whole 100 s)
        assert.ok(Math.abs(forecast.likely - 160 * SECOND) <= 5 * SECOND, `likely ${forecast.likely}`);
    });

    it("starts again when progress goes back (a retried step): what came before says nothing of the pace", () => {
        const track = trackOf([
            [0, 0],
            [10 * SECOND, 10],
            [20 * SECOND, 20],
            [30 * SECOND, 30],
            [40 * SECOND, 40],
        ]);
        assert.ok(track.forecast());
        track.observe(50 * SECOND, 30);
        assert.strictEqual(track.forecast(), undefined, "one reading since the fall: no pace yet");
        assert.deepStrictEqual(track.latest, { at: 50 * SECOND, percent: 30 });
        track.observe(60 * SECOND, 30);
        assert.strictEqual(track.forecast(), undefined, "stalled after the fall");
        track.observe(100 * SECOND, 34);
        const forecast = track.forecast()!;
        assert.strictEqual(forecast.since, 60 * SECOND, "the anchor is the last reading before it moved again");
        // 4% in 40 s from 30%: some 700 s to go, not the 60 s the first pace (1%/s) would say
        assert.ok(forecast.likely > 600 * SECOND, `likely ${forecast.likely}`);
        assert.ok(forecast.earliest > 500 * SECOND, `earliest ${forecast.earliest}`);
    });

    it("does not start again for a reading lower by no more than its step", () => {
        const track = trackOf([
            [0, 0],
            [10 * SECOND, 10],
            [20 * SECOND, 20],
            [30 * SECOND, 19],
        ]);
        const forecast = track.forecast();
        assert.ok(forecast, "a one-percent wobble keeps the forecast");
        assert.strictEqual(forecast.since, 0);
    });

    it("forecasts the end now at 100%", () => {
        const track = trackOf([
            [0, 0],
            [10 * SECOND, 50],
            [20 * SECOND, 100],
        ]);
        // resting on the readings since the task started moving: a task still running at 100% is a little late
        // (checked densely) for a part of that time, then late
        assert.deepStrictEqual(track.forecast(), { earliest: 20 * SECOND, likely: 20 * SECOND, since: 0 });
        // even a task seen at 100% at once, with nothing before
        assert.deepStrictEqual(trackOf([[5 * SECOND, 100]]).forecast(), { earliest: 5 * SECOND, likely: 5 * SECOND, since: 5 * SECOND });
    });

    it("counts from the first time a value was read, however many readings repeat it: a task stuck near 100% falls behind its forecast", () => {
        // 1% a second to 99%, then 99% for 40 more readings (more than the readings kept)
        const track = new ProgressTrack();
        for (let t = 0; t <= 99; t++) track.observe(t * SECOND, t);
        const atFirst = track.forecast()!;
        for (let i = 1; i <= 40; i++) {
            track.observe((99 + 3 * i) * SECOND, 99);
            const forecast = track.forecast()!;
            assert.strictEqual(forecast.earliest, atFirst.earliest, `earliest does not move with the clock (reading ${i})`);
            assert.strictEqual(forecast.since, 0);
            // likely moves only as the overall pace slows (1% at 99% of the pace so far)
            assert.ok(forecast.likely < 105 * SECOND, `likely ${forecast.likely} (reading ${i})`);
        }
        assert.ok(track.latest!.at - track.forecast()!.likely > 100 * SECOND, "the task is well late on its forecast, so the cadence backs off");
        // at 100% too: the end was due when 100% was first read
        for (let i = 1; i <= 20; i++) track.observe((300 + 3 * i) * SECOND, 100);
        assert.deepStrictEqual(track.forecast(), { earliest: 303 * SECOND, likely: 303 * SECOND, since: 0 });
    });

    it("clamps readings to 0..100 and ignores readings older than the latest", () => {
        const track = trackOf([
            [0, -5],
            [10 * SECOND, 10],
        ]);
        assert.deepStrictEqual(track.latest, { at: 10 * SECOND, percent: 10 }, "the clamped 0 is the anchor; 10 the latest");
        track.observe(5 * SECOND, 90);
        assert.deepStrictEqual(track.latest, { at: 10 * SECOND, percent: 10 }, "an out-of-order reading is dropped");
        track.observe(20 * SECOND, 250);
        assert.deepStrictEqual(track.forecast(), { earliest: 20 * SECOND, likely: 20 * SECOND, since: 0 });
    });

    it("keeps a bounded number of readings however long the wait, and keeps the anchor", () => {
        const track = new ProgressTrack();
        const points = () => (track as unknown as { points: unknown[] }).points.length;
        // queued at 0% for 100 readings; from `start` on, 0.001% a second (a day-long task read every 10 s)
        for (let i = 0; i < 100; i++) track.observe(i * 10 * SECOND, 0);
        // MAX_POINTS (12) besides the anchor
        assert.ok(points() <= 13, `${points()} readings kept of a flat run`);
        const start = 99 * 10 * SECOND;
        const end = start + 100_000 * SECOND;
        for (let i = 1; i <= 9_000; i++) {
            track.observe(start + i * 10 * SECOND, Math.floor(i / 10) / 10);
            assert.ok(points() <= 13, `${points()} readings kept after ${i}`);
        }
        const forecast = track.forecast()!;
        // the reading at start + 90 s is the last 0: the task moved after it
        assert.strictEqual(forecast.since, start + 90 * SECOND, "the anchor survives the trimming");
        assert.ok(forecast.earliest <= end, `earliest ${forecast.earliest} <= ${end}`);
        assert.ok(Math.abs(forecast.likely - end) < 0.02 * (end - start), `likely ${forecast.likely} vs ${end}`);
    });
});
