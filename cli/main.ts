#!/usr/bin/env node
/**
 * The `alicloud-tasks` command (package.json "bin"):
 *   alicloud-tasks wait ecs --task-id t-... [--region r] [--timeout 30m] [--json]
 * See `alicloud-tasks --help`. Exit codes: 0 succeeded, 1 failed, 2 timed out, 3 usage or credentials error.
 */
import { runCli } from "./run";

/** Idle keep-alive sockets do not hold the process; this bounds anything else that might. */
const EXIT_GRACE_MS = 2000;

function exitWith(code: number): void {
    process.exitCode = code;
    setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref();
}

// Ctrl-C: end the live line cleanly; 130 is what shells report for SIGINT
process.once("SIGINT", () => {
    process.stdout.write("\n");
    process.stderr.write("alicloud-tasks: interrupted; the task goes on in the cloud\n");
    process.exit(130);
});

runCli({ argv: process.argv.slice(2), env: process.env, stdout: process.stdout, stderr: process.stderr }).then(exitWith, (error: unknown) => {
    process.stderr.write(`alicloud-tasks: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    exitWith(1);
});
