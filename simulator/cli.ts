#!/usr/bin/env node
/**
 * Runs the simulator on its own:  node bin/simulator/cli.js [--port N] [--speed X | --manual-clock]
 * The FIRST line of stdout is the base URL (scripts read it to find a port chosen at random);
 * the second names the fake credentials and the control endpoints. With --manual-clock the task
 * clock stands still until POST /__sim/clock/advance {"ms": N} moves it. Stops on SIGINT / SIGTERM.
 */
import { readFlags, UsageError, type FlagSpec } from "./cliArgs";
import { ManualClock, MAX_CLOCK_SPEED, MIN_CLOCK_SPEED, PortUnavailableError, startSimulator } from "./index";

/** The same exit code for usage errors as `alicloud-tasks` (cli/exitCodes.ts). */
const USAGE_EXIT = 3;

interface CliOptions {
    port: number;
    speed: number;
    manualClock: boolean;
}

const FLAGS: readonly FlagSpec[] = [
    { name: "--port", value: "N" },
    { name: "--speed", value: "X" },
    { name: "--manual-clock" },
    { name: "--help", short: "-h" },
];

const USAGE = [
    "alicloud-tasks-simulator: a fake Alibaba Cloud on 127.0.0.1 for testing stacks and scripts.",
    "",
    "Usage: alicloud-tasks-simulator [--port N] [--speed X | --manual-clock]",
    "",
    "  --port N          Port to listen on (0..65535). Default 0: any free port.",
    "  --speed X         Run task timelines X times faster than real time (0.001 to 1000000). Default 1.",
    '  --manual-clock    Stand the task clock still until POST /__sim/clock/advance {"ms": N} moves it.',
    "  --help            Show this help.",
    "",
    "The first line printed is the base URL; the second names the fake credentials and the control endpoints.",
    `Exit codes: 0 stopped by SIGINT or SIGTERM (or --help), 1 could not start, ${USAGE_EXIT} usage error.`,
].join("\n");

/** The options, or "help"; throws UsageError for a usage mistake. */
function parseCommandLine(argv: readonly string[]): CliOptions | "help" {
    const { values, switches } = readFlags(argv, FLAGS, "alicloud-tasks-simulator");
    if (switches.has("--help")) return "help";
    const options: CliOptions = { port: 0, speed: 1, manualClock: switches.has("--manual-clock") };
    const port = values.get("--port");
    if (port !== undefined) {
        const number = Number(port);
        if (!/^\d+$/.test(port) || number > 65535) throw new UsageError(`--port: ${JSON.stringify(port)} is not a port: use 0..65535`);
        options.port = number;
    }
    const speed = values.get("--speed");
    if (speed !== undefined) {
        const number = Number(speed);
        if (speed.trim() === "" || !(number >= MIN_CLOCK_SPEED && number <= MAX_CLOCK_SPEED)) {
            throw new UsageError(`--speed must be a number from ${MIN_CLOCK_SPEED} to ${MAX_CLOCK_SPEED}, such as 60: got ${JSON.stringify(speed)}`);
        }
        options.speed = number;
    }
    if (options.manualClock && speed !== undefined) throw new UsageError("--speed and --manual-clock exclude each other: give one");
    return options;
}

async function main(): Promise<void> {
    let parsed: CliOptions | "help";
    try {
        parsed = parseCommandLine(process.argv.slice(2));
    } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        process.stderr.write(`alicloud-tasks-simulator: ${error.message}\nRun \`alicloud-tasks-simulator --help\` for usage.\n`);
        process.exit(USAGE_EXIT);
    }
    if (parsed === "help") {
        process.stdout.write(`${USAGE}\n`);
        return;
    }
    const options = parsed;
    // Signal handlers go in before the URL is printed: a script may signal as soon as it reads it.
    let signalled = false;
    let stop = (): void => {
        signalled = true; // still starting: acted on once the server is up
    };
    const onSignal = (): void => stop();
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);

    const sim = await startSimulator({ port: options.port, speed: options.speed, clock: options.manualClock ? new ManualClock() : undefined }).catch(
        (err: unknown) => {
            if (!(err instanceof PortUnavailableError)) throw err;
            // Said in the command's own terms: the flag, and --port 0, whose URL is the first line printed.
            throw new Error(
                `alicloud-tasks-simulator: port ${err.port} ${err.code === "EADDRINUSE" ? "is in use" : "is not open to this user"} (${err.code}): choose another with --port N, or --port 0 for any free port (the first line printed is the URL)`,
            );
        },
    );
    let closing = false;
    stop = (): void => {
        if (closing) return;
        closing = true;
        sim.close().then(
            () => process.exit(0),
            (err: unknown) => {
                console.error("simulator: error while closing:", err);
                process.exit(1);
            },
        );
    };
    if (signalled) return stop();

    const { accessKey, sts } = sim.credentials;
    process.stdout.write(`${sim.url}\n`);
    process.stdout.write(
        `credentials: ${accessKey.accessKeyId} / ${accessKey.accessKeySecret}; ` +
            `STS ${sts.accessKeyId} / ${sts.accessKeySecret} / ${sts.securityToken}; ` +
            `control: POST /__sim/tasks, GET /__sim/tasks/<id>, DELETE /__sim/tasks, GET /__sim/stats, POST /__sim/stats/reset, POST|GET|DELETE /__sim/faults, ` +
            `PUT /__sim/task-templates/<service>, POST /__sim/clock/advance, POST|GET|DELETE /__sim/apis; ` +
            `${options.manualClock ? "manual clock" : `speed ${options.speed}`}\n`,
    );
}

main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
});
