/**
 * When a task will end, judged from the progress it reports. Generic: a percentage (0..100) and the
 * time it was read, nothing about any API. The forecast is deliberately cautious about being late:
 * `earliest` assumes the fastest pace the task has shown, with each reading possibly up to one step
 * of its resolution higher than it says, so that polls placed by it tend to come before the end.
 */

export interface ProgressPoint {
    /** When the reading was taken (the start of the poll that read it). */
    at: number;
    /** 0..100. */
    percent: number;
}

export interface Forecast {
    /** The soonest the task plausibly ends: at the fastest pace it has shown, from the highest reading it may have. */
    earliest: number;
    /** When it ends if it keeps its recent pace (its overall pace when it has made no recent progress). */
    likely: number;
    /** Since when the task has been seen moving: the forecast rests on what it did since. */
    since: number;
}

/** Readings kept besides the anchor: enough for a recent pace, bounded per wait. */
const MAX_POINTS = 12;

/**
 * The readings of one wait. A reading lower than the one before (by more than a step) means the task
 * went back (a retried step): what came before says nothing about the pace from there, so the
 * readings restart. Readings that do not move say nothing about the pace either: the forecast uses
 * the last of the first equal readings as its anchor, since the task started moving after it.
 */
export class ProgressTrack {
    private points: ProgressPoint[] = [];
    private integerOnly = true;
    /** When the latest value was first read: kept apart, as trimming may drop that reading. */
    private latestSince = 0;

    observe(at: number, percent: number | undefined): void {
        if (percent === undefined || !Number.isFinite(percent)) return;
        const value = Math.min(100, Math.max(0, percent));
        const last = this.points[this.points.length - 1];
        if (last && at < last.at) return;
        if (!Number.isInteger(value)) this.integerOnly = false;
        if (last && value < last.percent - this.step()) this.points = [];
        const previous = this.points[this.points.length - 1];
        if (!previous || previous.percent !== value) this.latestSince = at;
        this.points.push({ at, percent: value });
        // drop the oldest reading but the anchor (the last of the first equal ones)
        if (this.points.length > MAX_POINTS + 1) this.points.splice(this.points[1].percent === this.points[0].percent ? 0 : 1, 1);
    }

    /** The resolution the readings seem to have: whole percents, or tenths. */
    step(): number {
        return this.integerOnly ? 1 : 0.1;
    }

    get latest(): ProgressPoint | undefined {
        return this.points[this.points.length - 1];
    }

    /** Undefined until the task has been seen to move forward. */
    forecast(): Forecast | undefined {
        const latest = this.latest;
        if (!latest) return undefined;
        // the end was due when 100% was first read: a task that stays there is late from then on, a
        // little late (polled densely) for a part of the time it has been tracked, then backed off
        if (latest.percent >= 100) return { earliest: this.latestSince, likely: this.latestSince, since: this.anchor().at };
        const anchor = this.anchor();
        if (latest.percent <= anchor.percent || latest.at <= anchor.at) return undefined;
        const q = this.step();
        const overall = (latest.percent - anchor.percent) / (latest.at - anchor.at);
        const fastestOverall = (latest.percent - anchor.percent + q) / (latest.at - anchor.at);
        const recent = this.recentFrom(anchor);
        const recentPace = recent ? (latest.percent - recent.percent) / (latest.at - recent.at) : overall;
        const fastestRecent = recent ? (latest.percent - recent.percent + q) / (latest.at - recent.at) : fastestOverall;
        // the task reached the latest reading by the first time it was read: count from then (from
        // the latest reading, a task that stays within a step of 100% would end "now" at every poll
        // and never be late)
        const reached = this.latestSince;
        const earliest = reached + Math.max(0, 100 - latest.percent - q) / Math.max(fastestOverall, fastestRecent);
        const pace = recentPace > 0 ? recentPace : overall;
        return { earliest, likely: Math.max(earliest, reached + (100 - latest.percent) / pace), since: anchor.at };
    }

    /** The last reading of the first run of equal ones: the task moved after it. */
    private anchor(): ProgressPoint {
        let anchor = this.points[0];
        for (const point of this.points) {
            if (point.percent !== this.points[0].percent) break;
            anchor = point;
        }
        return anchor;
    }

    /** The newest reading at least a third of the tracked time before the latest: the start of the recent pace. */
    private recentFrom(anchor: ProgressPoint): ProgressPoint | undefined {
        const latest = this.latest!;
        const window = (latest.at - anchor.at) / 3;
        for (let i = this.points.length - 2; i >= 0; i--) {
            const point = this.points[i];
            if (point.at < anchor.at) break;
            if (latest.at - point.at >= window) return point === anchor ? undefined : point;
        }
        return undefined;
    }
}
