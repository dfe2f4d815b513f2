import * as assert from "assert";
import { DEFAULT_BACKOFF } from "../../../provider/engine/backoff";
import { DEFAULT_CADENCE, PollContext, maxGapLead, nextPoll, sharedGap } from "../../../provider/engine/cadence";
import type { Forecast } from "../../../provider/engine/forecast";

const SECOND = 1000;
const noJitter = () => 0.5;
/** A check that started at 100 s and was answered 300 ms later. */
const STARTED = 100 * SECOND;
const ANSWERED = STARTED + 300;

function context(extra: Partial<PollContext> = {}): PollContext {
    return {
        policy: DEFAULT_BACKOFF,
        cadence: DEFAULT_CADENCE,
        attempt: 0,
        latePolls: 0,
        startedAt: STARTED,
        answeredAt: ANSWERED,
        shared: false,
        maxGapMs: 60 * SECOND,
        ...extra,
    };
}

/** A forecast whose ends are `earliestIn` and `likelyIn` after the check's start, resting on `restsOn` ms of readings. */
function forecastIn(earliestIn: number, likelyIn = earliestIn, restsOn = 100 * SECOND): Forecast {
    return { earliest: STARTED + earliestIn, likely: STARTED + likelyIn, since: STARTED - restsOn };
}

const gapOf = (ctx: PollContext) => nextPoll(ctx, noJitter).at - ctx.startedAt;

describe("engine: nextPoll cadence", () => {
    it("spaces checks beyond the backoff's 10 s while the forecast end is far, never past maxGapMs", () => {
        // half the time left to the earliest end: 20 s ahead -> the next check ~10 s later, 40 s -> ~20 s
        assert.strictEqual(nextPoll(context({ forecast: forecastIn(40 * SECOND, 50 * SECOND) }), noJitter).at, ANSWERED + 0.5 * (40 * SECOND - 300));
        assert.ok(gapOf(context({ forecast: forecastIn(40 * SECOND) })) > DEFAULT_BACKOFF.maxMs);
        // an end an hour away: held to maxGapMs from the check's start
        assert.strictEqual(gapOf(context({ forecast: forecastIn(3600 * SECOND) })), 60 * SECOND);
        assert.strictEqual(gapOf(context({ forecast: forecastIn(3600 * SECOND), maxGapMs: 25 * SECOND })), 25 * SECOND);
        // a user's maximum below the backoff's holds too
        assert.strictEqual(gapOf(context({ forecast: forecastIn(3600 * SECOND), maxGapMs: 5 * SECOND })), 5 * SECOND);
        assert.strictEqual(nextPoll(context({ forecast: forecastIn(3600 * SECOND) }), noJitter).late, false);
    });

    it("aims a little before a user's maximum gap (hardMaxGap), so that a late timer or a queued call still starts within it", () => {
        assert.strictEqual(maxGapLead(20 * SECOND), SECOND);
        assert.strictEqual(maxGapLead(10 * SECOND), 500);
        assert.strictEqual(maxGapLead(60 * SECOND), SECOND, "at most a second");
        assert.strictEqual(gapOf(context({ forecast: forecastIn(3600 * SECOND), maxGapMs: 20 * SECOND, hardMaxGap: true })), 19 * SECOND);
        // without a forecast, a user's pollInterval.max of 10 s: checked 9.5 s after each check's start
        assert.strictEqual(gapOf(context({ attempt: 5, maxGapMs: 10 * SECOND, hardMaxGap: true })), 9500);
        // the backoff's own cap is not a promise: no lead
        assert.strictEqual(gapOf(context({ attempt: 5, maxGapMs: 10 * SECOND })), 10 * SECOND);
    });

    it("checks densely near the forecast end, never more often than the backoff's minimum", () => {
        // the earliest end 4 s ahead: half of it is below minMs, so minMs after the answer
        assert.strictEqual(nextPoll(context({ forecast: forecastIn(4 * SECOND, 20 * SECOND) }), noJitter).at, ANSWERED + DEFAULT_BACKOFF.minMs);
        // between earliest and likely: a quarter of the time left to likely
        const between = context({ forecast: forecastIn(-5 * SECOND, 40 * SECOND) });
        assert.strictEqual(nextPoll(between, noJitter).at, ANSWERED + 0.25 * (40 * SECOND - 300));
        assert.strictEqual(nextPoll(between, noJitter).late, false);
        // likely 8 s ahead: a quarter is 2 s, held to minMs
        assert.strictEqual(gapOf(context({ forecast: forecastIn(-5 * SECOND, 8 * SECOND) })), 300 + DEFAULT_BACKOFF.minMs);
    });

    it("keeps checking densely when a little late, and backs off (from its start) when well late", () => {
        // rests on 100 s of readings: 10% of it (10 s) is the slack
        const slightly = nextPoll(context({ attempt: 20, forecast: forecastIn(-8 * SECOND, -5 * SECOND) }), noJitter);
        assert.deepStrictEqual(slightly, { at: ANSWERED + DEFAULT_BACKOFF.minMs, late: false });
        const late = nextPoll(context({ attempt: 20, forecast: forecastIn(-20 * SECOND, -15 * SECOND) }), noJitter);
        assert.deepStrictEqual(late, { at: ANSWERED + DEFAULT_BACKOFF.minMs, late: true }, "the backoff starts again at its first step");
        const later = nextPoll(context({ attempt: 20, latePolls: 1, forecast: forecastIn(-30 * SECOND, -25 * SECOND) }), noJitter);
        assert.deepStrictEqual(later, { at: ANSWERED + 2 * DEFAULT_BACKOFF.minMs, late: true });
        const longLate = nextPoll(context({ latePolls: 9, forecast: forecastIn(-600 * SECOND, -500 * SECOND) }), noJitter);
        assert.deepStrictEqual(longLate, { at: ANSWERED + DEFAULT_BACKOFF.maxMs, late: true }, "late, the backoff's maximum holds, not maxGapMs");
        // the slack scales with the time the forecast rests on
        const longRun = nextPoll(context({ forecast: forecastIn(-60 * SECOND, -50 * SECOND, 1000 * SECOND) }), noJitter);
        assert.deepStrictEqual(longRun, { at: ANSWERED + DEFAULT_BACKOFF.minMs, late: false });
    });

    it("without a forecast, follows the backoff: 3 s, 6 s, then 10 s, whatever maxGapMs allows", () => {
        const gaps = [0, 1, 2, 3, 10].map((attempt) => nextPoll(context({ attempt, maxGapMs: 600 * SECOND }), noJitter));
        assert.deepStrictEqual(
            gaps.map((n) => n.at - ANSWERED),
            [3000, 6000, 10_000, 10_000, 10_000],
        );
        assert.ok(gaps.every((n) => !n.late));
        // a user's maximum below the backoff's: never past it from the check's start
        assert.strictEqual(gapOf(context({ attempt: 10, maxGapMs: 4 * SECOND })), 4 * SECOND);
        // a forecast that says nothing for now (its end passed long ago, already late) is no reason to stretch
        assert.ok(gapOf(context({ latePolls: 30, forecast: forecastIn(-900 * SECOND, -900 * SECOND) })) <= DEFAULT_BACKOFF.maxMs + 300);
    });

    it("checks a shared wait every sharedMs from the check's start, or further apart when its forecast end is far", () => {
        const sharedMs = DEFAULT_CADENCE.sharedMs;
        // no forecast: the backoff, at most sharedMs, counted from the start (latency does not add)
        for (const attempt of [0, 1, 2, 10]) {
            const at = nextPoll(context({ shared: true, attempt }), noJitter).at;
            assert.strictEqual(at, STARTED + Math.min(sharedMs, [3000, 6000, 10_000, 10_000][Math.min(attempt, 3)]), `attempt ${attempt}`);
        }
        // a near forecast end: not denser than sharedMs (other waits' checks answer it anyway)
        assert.strictEqual(nextPoll(context({ shared: true, forecast: forecastIn(2 * SECOND, 6 * SECOND) }), noJitter).at, STARTED + sharedMs);
        // a far one: further apart, up to maxGapMs
        assert.strictEqual(nextPoll(context({ shared: true, forecast: forecastIn(3600 * SECOND) }), noJitter).at, STARTED + 60 * SECOND);
        assert.strictEqual(nextPoll(context({ shared: true, forecast: forecastIn(60 * SECOND) }), noJitter).at, STARTED + 0.5 * (60 * SECOND - 300));
    });

    it("shortens the shared gap when one call answers more than 200 waits, down to the backoff's minimum", () => {
        assert.strictEqual(sharedGap(DEFAULT_BACKOFF, DEFAULT_CADENCE, 1), 4 * SECOND);
        assert.strictEqual(sharedGap(DEFAULT_BACKOFF, DEFAULT_CADENCE, 200), 4 * SECOND);
        assert.strictEqual(sharedGap(DEFAULT_BACKOFF, DEFAULT_CADENCE, 250), 3200);
        assert.strictEqual(sharedGap(DEFAULT_BACKOFF, DEFAULT_CADENCE, 500), 3 * SECOND);
        // a user's pollInterval.min of 5 s holds
        assert.strictEqual(sharedGap({ ...DEFAULT_BACKOFF, minMs: 5 * SECOND }, DEFAULT_CADENCE, 500), 5 * SECOND);
        // nextPoll uses it: no forecast, and a near forecast end
        assert.strictEqual(nextPoll(context({ shared: true, waitsPerCall: 500, attempt: 5 }), noJitter).at, STARTED + 3 * SECOND);
        assert.strictEqual(nextPoll(context({ shared: true, waitsPerCall: 250, forecast: forecastIn(2 * SECOND, 6 * SECOND) }), noJitter).at, STARTED + 3200);
    });

    it("never places a check more than maxGapMs after the start of the last one, whatever the forecast, latency or step", () => {
        const forecasts: (Forecast | undefined)[] = [undefined];
        for (const earliestIn of [-3600, -60, -5, 0, 1, 5, 30, 120, 3600, 86_400]) {
            for (const extra of [0, 10, 600, 86_400]) {
                for (const restsOn of [1, 100, 10_000]) forecasts.push(forecastIn(earliestIn * SECOND, (earliestIn + extra) * SECOND, restsOn * SECOND));
            }
        }
        let checked = 0;
        for (const forecast of forecasts) {
            // down to pollInterval's least, 100ms: below the backoff's minimum too, the gap given is kept (wait/options.ts sets its floor)
            for (const maxGapMs of [100, 1000, 3000, 5000, 10_000, 20_000, 60_000, 600_000]) {
                for (const latency of [0, 300, 2000, 30_000, 120_000]) {
                    for (const shared of [false, true]) {
                        for (const step of [0, 3, 12]) {
                            for (const random of [() => 0, () => 0.5, () => 0.999]) {
                                const ctx = context({
                                    forecast,
                                    maxGapMs,
                                    shared,
                                    waitsPerCall: shared && step === 3 ? 500 : undefined,
                                    attempt: step,
                                    latePolls: step,
                                    answeredAt: STARTED + latency,
                                });
                                const { at } = nextPoll(ctx, random);
                                const bound = STARTED + maxGapMs;
                                assert.ok(at <= bound, `at ${at} > ${bound}: ${JSON.stringify({ forecast, maxGapMs, latency, shared, step })}`);
                                assert.ok(at > STARTED, "the next check is after this one's start");
                                checked++;
                            }
                        }
                    }
                }
            }
        }
        assert.ok(checked > 10_000);
    });
});
