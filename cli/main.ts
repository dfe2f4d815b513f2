#!/usr/bin/env node
/**
 * The `alicloud-tasks` command (package.json "bin"):
 *   alicloud-tasks wait ecs --task-id t-... [--region r] [--timeout 30m] [--json]
 * See `alicloud-tasks --help`. Exit codes: 0 succeeded, 1 failed, 2 timed out, 3 usage or credentials error,
 * 130 / 143 stopped by SIGINT / SIGTERM.
 */
import { runCli } from "./run";

/** Idle keep-alive sockets do not hold the process; this bounds anything else that might. */
const EXIT_GRACE_MS = 2000;
/** What shells report for a process ended by these signals. */
const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

function exitWith(code: number): void {
    process.exitCode = code;
    setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref();
}

// The first SIGINT or SIGTERM ends the wait: the command still reports which task and how to resume
// (and --json still prints one object); a second one exits at once.
const interrupt = new AbortController();
let caught: string | undefined;
for (const signal of Object.keys(SIGNAL_EXIT)) {
    process.on(signal, () => {
        if (caught) process.exit(SIGNAL_EXIT[caught]);
        caught = signal;
        interrupt.abort();
    });
}

runCli({ argv: process.argv.slice(2), env: process.env, stdout: process.stdout, stderr: process.stderr, signal: interrupt.signal }).then(
    (code) => exitWith(caught && code === SIGNAL_EXIT.SIGINT ? SIGNAL_EXIT[caught] : code),
    (error: unknown) => {
        process.stderr.write(`alicloud-tasks: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        exitWith(1);
    },
);
