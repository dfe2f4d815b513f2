import { BackoffPolicy, DEFAULT_BACKOFF, RandomSource, backoffDelay, backoffPollsWithin, finalPollLead, nextPollAt } from "./backoff";
import { CadencePolicy, DEFAULT_CADENCE, nextPoll } from "./cadence";
import { Clock, systemClock } from "./clock";
import { ProgressTrack } from "./forecast";
import { AcceptorState, Failure, FailureRecord, WaitResult, toFailure } from "./result";

/**
 * Where snapshots come from. Waits whose sources share a `batchKey` are polled together: one
 * `fetch` call answers up to `maxBatchSize` task ids, so sources with the same key must be
 * interchangeable (same API, account and region).
 */
export interface TaskSource<S> {
    readonly batchKey: string;
    readonly maxBatchSize: number;
    /**
     * How many ids one call answers, when a fetch of maxBatchSize ids takes several calls (a list
     * read in pages). Default maxBatchSize. The poller spaces shared polls by the waits each call
     * answers (cadence.ts sharedGap).
     */
    readonly idsPerCall?: number;
    /**
     * The current snapshot of each id; an id missing from the map is not visible (yet, or any more).
     * `timeLeftMs` is how long the latest deadline among the waits asking allows: no request needs
     * to take longer (the waits end by their deadlines whatever the request does).
     */
    fetch(taskIds: readonly string[], timeLeftMs?: number): Promise<ReadonlyMap<string, S>>;
}

/** When a wait polls, and for how long: wait/options.ts engineSchedule makes it from a wait's options. */
export interface WaitSchedule {
    timeoutMs: number;
    backoff?: BackoffPolicy;
    /**
     * The longest time between the starts of two polls of the running task, kept as given
     * (wait/options.ts decides it). A progress forecast may space polls out up to this while the
     * end is far; it is never exceeded (unless the server asks to wait longer).
     */
    maxGapMs: number;
    /** maxGapMs is a user's promise (pollInterval.max): polls are aimed a little before it (cadence.ts maxGapLead). */
    userMaxGap?: boolean;
}

export interface WaitRequest<S> extends WaitSchedule {
    source: TaskSource<S>;
    taskId: string;
    /** The task's progress in a snapshot, 0..100, when the API reports one: polls are placed around the end it forecasts. */
    progressOf?(snapshot: S): number | undefined;
    /** The acceptors' judgement of a snapshot: retry keeps waiting, success or failure ends the wait. */
    judge(snapshot: S): AcceptorState;
    /** Consecutive polls a task may be invisible before the wait fails as not found. Default 3. */
    notFoundTolerance?: number;
    /** Called once when the task is judged final, for details that only then matter; retried like polls. */
    finalize?(snapshot: S, timeLeftMs: number): Promise<S>;
    /** Every snapshot seen, in order (for a judged one, the finalized one): for progress reporting. */
    onSnapshot?(snapshot: S): void;
    /** A poll failed and will be retried; `leftMs` until the deadline. For progress reporting: a network error is not silent. */
    onRetry?(failure: Failure, leftMs: number): void;
    /** Ends the wait at once as aborted (a request in flight is left to finish unread). */
    signal?: AbortSignal;
}

export const DEFAULT_NOT_FOUND_TOLERANCE = 3;
/**
 * How long after its deadline a wait still waits for a request in flight before it ends anyway:
 * a hung server, a long retry-after or a queue in the rate limiter never holds a wait longer.
 */
const DEADLINE_GRACE_MS = 2000;
const MAX_ERROR_RECORDS = 50;

interface Subscription<S> {
    request: WaitRequest<S>;
    policy: BackoffPolicy;
    track: ProgressTrack;
    /** Polls since the forecast end passed with the task still running. */
    latePolls: number;
    /**
     * The calls this wait's polls cost it: a call that answered n waits costs each 1/n. Below
     * `polls` once a poll of it was shared (each share is at most 1/2).
     */
    spentCalls: number;
    startedAt: number;
    deadline: number;
    attempt: number;
    dueAt: number;
    phase: "polling" | "in-flight" | "finalizing";
    polls: number;
    errors: FailureRecord[];
    snapshot?: S;
    notFoundStreak: number;
    resolve(result: WaitResult<S>): void;
}

/** What one poll brought a wait: its snapshot (none: the task is not visible), or the error that failed the poll. */
type PollOutcome<S> = { snapshot?: S; error?: unknown };

/**
 * One loop for every wait in the process. A caller asks "tell me when task X is terminal" and
 * gets a promise; the poller decides when to call which source, so concurrent waits on one
 * API share requests while each keeps its own deadline and backoff. Sharing only ever adds
 * observations to a wait, never delays one.
 */
export class Poller {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- waits of every snapshot type share one loop
    private readonly subscriptions = new Set<Subscription<any>>();
    private timer: unknown;
    private timerAt = Infinity;
    /** Per batch key, when the latest first poll of a wait is (or was) due: where later starts gather. */
    private readonly firstPolls = new Map<string, number>();

    constructor(
        /** The time its waits run on; runWait measures a wait's deadline on it too. */
        readonly clock: Clock = systemClock,
        private readonly random: RandomSource = Math.random,
        private readonly cadence: CadencePolicy = DEFAULT_CADENCE,
    ) {}

    wait<S>(request: WaitRequest<S>): Promise<WaitResult<S>> {
        return new Promise((resolve) => {
            const now = this.clock.now();
            const policy = request.backoff ?? DEFAULT_BACKOFF;
            const sub: Subscription<S> = {
                request,
                policy,
                track: new ProgressTrack(),
                latePolls: 0,
                spentCalls: 0,
                startedAt: now,
                deadline: now + request.timeoutMs,
                attempt: 0,
                dueAt: this.firstPollAt(request.source.batchKey, now),
                phase: "polling",
                polls: 0,
                errors: [],
                notFoundStreak: 0,
                resolve,
            };
            if (request.signal?.aborted) return resolve(this.resultOf(sub, { state: "aborted" }));
            request.signal?.addEventListener("abort", () => this.finish(sub, { state: "aborted" }), { once: true });
            this.subscriptions.add(sub);
            this.schedule();
        });
    }

    /**
     * The first poll of a wait starting now: at once, unless another wait on the source had its first
     * poll less than gatherMs ago; then together with the others that start in the same window, at its
     * end. A lone wait never waits; a burst of n starts over t ms costs about t / gatherMs + 1 calls.
     */
    private firstPollAt(batchKey: string, now: number): number {
        const latest = this.firstPolls.get(batchKey);
        const at = latest === undefined || now >= latest + this.cadence.gatherMs ? now : latest >= now ? latest : latest + this.cadence.gatherMs;
        if (this.firstPolls.size > 1000) for (const [key, t] of this.firstPolls) if (t < now - this.cadence.gatherMs) this.firstPolls.delete(key);
        this.firstPolls.set(batchKey, at);
        return at;
    }

    private schedule(): void {
        let earliest = Infinity;
        for (const sub of this.subscriptions) {
            earliest = Math.min(earliest, sub.phase === "polling" ? sub.dueAt : sub.deadline + DEADLINE_GRACE_MS);
        }
        if (earliest === this.timerAt) return;
        if (this.timer !== undefined) this.clock.clearTimer(this.timer);
        this.timer = undefined;
        this.timerAt = earliest;
        if (earliest === Infinity) return;
        this.timer = this.clock.setTimer(() => {
            this.timer = undefined;
            this.timerAt = Infinity;
            this.round();
        }, earliest - this.clock.now());
    }

    /**
     * Polls every due wait, grouped by batch key; spare room in each request carries waits not yet
     * due (earliest first), so they do not fire requests of their own moments later. A coalescing
     * window (waits due within 20% of their delay join even into one more request) was measured
     * against this: two thirds fewer rounds, but 6-10% more requests at 150..1000 waits, because
     * the extra request is rarely full. Filling spare room keeps every request full.
     */
    private round(): void {
        const now = this.clock.now();
        for (const sub of this.subscriptions) {
            if (sub.phase !== "polling" && now >= sub.deadline + DEADLINE_GRACE_MS) {
                const failure = { kind: "transient" as const, code: "RequestTimeout", message: "no answer before the deadline" };
                this.finish(sub, { state: "timeout", failure: this.recordError(sub, failure) });
            }
        }
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as for subscriptions
        const groups = new Map<string, Subscription<any>[]>();
        for (const sub of this.subscriptions) {
            if (sub.phase !== "polling") continue;
            const key = sub.request.source.batchKey;
            const list = groups.get(key) ?? [];
            list.push(sub);
            groups.set(key, list);
        }
        for (const ready of groups.values()) {
            const dueIds = unique(ready.filter((s) => s.dueAt <= now).map((s) => s.request.taskId));
            if (dueIds.length === 0) continue;
            const source = ready[0].request.source;
            const size = Math.max(1, source.maxBatchSize);
            const capacity = Math.ceil(dueIds.length / size) * size;
            const ids = new Set(dueIds);
            const notDue = ready.filter((s) => s.dueAt > now).sort((a, b) => a.dueAt - b.dueAt);
            for (const sub of notDue) {
                if (ids.size >= capacity) break;
                ids.add(sub.request.taskId);
            }
            const all = [...ids];
            for (let i = 0; i < all.length; i += size) {
                const chunk = all.slice(i, i + size);
                const members = ready.filter((s) => chunk.includes(s.request.taskId));
                this.poll(source, chunk, members, now);
            }
        }
        this.schedule();
    }

    private poll<S>(source: TaskSource<S>, ids: string[], members: Subscription<S>[], startedAt: number): void {
        for (const sub of members) sub.phase = "in-flight";
        const timeLeftMs = Math.max(0, Math.max(...members.map((m) => m.deadline)) - startedAt);
        const perCall = Math.max(1, source.idsPerCall ?? source.maxBatchSize);
        const waitsPerCall = ids.length / Math.ceil(ids.length / perCall);
        Promise.resolve()
            .then(() => source.fetch(ids, timeLeftMs))
            .then(
                (snapshots) => {
                    for (const sub of members) this.handlePollOutcome(sub, { snapshot: snapshots.get(sub.request.taskId) }, startedAt, waitsPerCall);
                },
                (error) => {
                    for (const sub of members) this.handlePollOutcome(sub, { error }, startedAt, waitsPerCall);
                },
            )
            .finally(() => this.schedule());
    }

    /**
     * What one poll brought one of the waits it answered (a snapshot, none, or an error): counted and
     * judged, then the wait ends or its next poll is placed. `waitsPerCall`: how many waits each call
     * of the poll answered (1: this wait alone).
     */
    private handlePollOutcome<S>(sub: Subscription<S>, outcome: PollOutcome<S>, pollStartedAt: number, waitsPerCall: number): void {
        if (!this.subscriptions.has(sub)) return; // ended at its deadline while the request was in flight
        sub.polls++;
        sub.phase = "polling";
        let extraDelay = 0;
        let retried: Failure | undefined;
        if (outcome.error !== undefined) {
            const failure = this.recordError(sub, outcome.error);
            if (failure.kind === "permanent") return this.finish(sub, { state: "failure", cause: "error", failure });
            extraDelay = failure.retryAfterMs ?? 0;
            retried = failure;
        } else if (outcome.snapshot === undefined) {
            if (sub.snapshot !== undefined) return this.finish(sub, { state: "failure", cause: "not-found", disappeared: true });
            sub.notFoundStreak++;
            if (sub.notFoundStreak > (sub.request.notFoundTolerance ?? DEFAULT_NOT_FOUND_TOLERANCE)) {
                return this.finish(sub, { state: "failure", cause: "not-found", disappeared: false });
            }
        } else {
            sub.snapshot = outcome.snapshot;
            sub.notFoundStreak = 0;
            const judged = sub.request.judge(outcome.snapshot);
            if (judged !== "retry") return void this.finalize(sub, outcome.snapshot, judged);
            sub.track.observe(pollStartedAt, sub.request.progressOf?.(outcome.snapshot));
            sub.request.onSnapshot?.(outcome.snapshot);
        }
        sub.spentCalls += 1 / waitsPerCall;
        const everShared = sub.spentCalls < sub.polls;
        const now = this.clock.now();
        // The last of a batch keeps the others' cadence while what sharing saved it lasts: its calls,
        // the next one included, within what the backoff would have made by now. Alone on the
        // backoff, it would fall to 10 s for its last stretch; a long one left alone early still ends
        // up on the backoff's cadence, never above Terraform's calls.
        const keepsShared = waitsPerCall > 1 || (everShared && sub.spentCalls + 1 <= backoffPollsWithin(now - sub.startedAt, sub.policy));
        const wasFinalPoll = pollStartedAt >= sub.deadline - finalPollLead(sub.policy);
        if (wasFinalPoll || now >= sub.deadline) {
            const lastError = outcome.error !== undefined ? sub.errors[sub.errors.length - 1] : undefined;
            return this.finish(sub, { state: "timeout", failure: lastError });
        }
        const next = nextPoll(
            {
                policy: sub.policy,
                cadence: this.cadence,
                attempt: sub.attempt,
                latePolls: sub.latePolls,
                forecast: sub.track.forecast(),
                startedAt: pollStartedAt,
                answeredAt: now,
                shared: keepsShared,
                waitsPerCall,
                maxGapMs: sub.request.maxGapMs,
                hardMaxGap: sub.request.userMaxGap === true,
            },
            this.random,
        );
        sub.attempt++;
        sub.latePolls = next.late ? sub.latePolls + 1 : 0;
        // a server's retry-after wins; the last poll stays just before the deadline
        const at = Math.max(next.at, now + extraDelay);
        sub.dueAt = nextPollAt(now, at - now, sub.deadline, sub.policy);
        if (retried) sub.request.onRetry?.(retried, sub.deadline - now);
    }

    /** The task is judged final; fetch its final details (if the request wants any), retrying like a poll. */
    private async finalize<S>(sub: Subscription<S>, terminal: S, judged: "success" | "failure"): Promise<void> {
        const finalizer = sub.request.finalize;
        if (!finalizer) return this.finishJudged(sub, terminal, judged);
        sub.phase = "finalizing";
        for (let attempt = 0; ; attempt++) {
            try {
                const detailed = await finalizer(terminal, Math.max(0, sub.deadline - this.clock.now()));
                if (this.subscriptions.has(sub)) this.finishJudged(sub, detailed, judged);
                return;
            } catch (error) {
                if (!this.subscriptions.has(sub)) return;
                const failure = this.recordError(sub, error);
                const delay = Math.max(backoffDelay(attempt, sub.policy, this.random), failure.retryAfterMs ?? 0);
                if (failure.kind === "permanent" || this.clock.now() + delay >= sub.deadline) {
                    return this.finish(sub, { state: "failure", cause: "error", failure, snapshot: terminal });
                }
                await new Promise<void>((resolve) => this.clock.setTimer(resolve, delay));
            }
        }
    }

    /**
     * The last snapshot a wait reports is the finalized one, judged again: a partial failure is known
     * only after finalize (a judgement of retry there keeps the one that ended the polling).
     */
    private finishJudged<S>(sub: Subscription<S>, snapshot: S, judged: "success" | "failure"): void {
        sub.request.onSnapshot?.(snapshot);
        const final = sub.request.judge(snapshot);
        const state = final === "retry" ? judged : final;
        this.finish(sub, { state, cause: state === "failure" ? "status" : undefined, snapshot });
    }

    /** The engine's view of an error, kept among the wait's last errors (its result reports them). */
    private recordError<S>(sub: Subscription<S>, error: unknown): Failure {
        const failure = toFailure(error);
        sub.errors.push({ ...failure, at: this.clock.now() });
        if (sub.errors.length > MAX_ERROR_RECORDS) sub.errors.shift();
        return failure;
    }

    private finish<S>(sub: Subscription<S>, end: Pick<WaitResult<S>, "state"> & Partial<WaitResult<S>>): void {
        if (!this.subscriptions.delete(sub)) return;
        sub.resolve(this.resultOf(sub, end));
        this.schedule();
    }

    private resultOf<S>(sub: Subscription<S>, end: Pick<WaitResult<S>, "state"> & Partial<WaitResult<S>>): WaitResult<S> {
        return {
            taskId: sub.request.taskId,
            snapshot: sub.snapshot,
            polls: sub.polls,
            errors: sub.errors,
            startedAt: sub.startedAt,
            elapsedMs: this.clock.now() - sub.startedAt,
            ...end,
        };
    }
}

function unique<T>(values: T[]): T[] {
    return [...new Set(values)];
}
