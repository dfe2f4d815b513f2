import type { Clock } from "../../provider/engine/clock";

interface FakeTimer {
    id: number;
    at: number;
    callback: () => void;
}

/** A manual clock for tests: time moves only when `advance` is called. */
export class FakeClock implements Clock {
    private current: number;
    private timers: FakeTimer[] = [];
    private nextId = 1;

    constructor(start = 0) {
        this.current = start;
    }

    now(): number {
        return this.current;
    }

    setTimer(callback: () => void, delayMs: number): unknown {
        const timer = { id: this.nextId++, at: this.current + Math.max(0, delayMs), callback };
        this.timers.push(timer);
        return timer.id;
    }

    clearTimer(handle: unknown): void {
        this.timers = this.timers.filter((t) => t.id !== handle);
    }

    get pendingTimers(): number {
        return this.timers.length;
    }

    /**
     * Moves time forward by `ms`, firing due timers in order and letting promise callbacks run
     * between them, so code awaiting a fetch sees the same interleaving as with real time.
     */
    async advance(ms: number): Promise<void> {
        const target = this.current + ms;
        for (;;) {
            await flushPromises();
            const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
            if (!due) break;
            this.timers = this.timers.filter((t) => t !== due);
            this.current = Math.max(this.current, due.at);
            due.callback();
        }
        this.current = target;
        await flushPromises();
    }
}

async function flushPromises(): Promise<void> {
    for (let i = 0; i < 20; i++) await Promise.resolve();
    await new Promise((resolve) => setImmediate(resolve));
}
