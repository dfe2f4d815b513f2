#!/usr/bin/env node
/**
 * Runs the simulator on its own:  node bin/simulator/cli.js [--port N] [--speed X | --manual-clock]
 * The FIRST line of stdout is the base URL (scripts read it to find a port chosen at random);
 * the second names the fake credentials and the control endpoints. With --manual-clock the task
 * clock stands still until POST /__sim/clock/advance {"ms": N} moves it. Stops on SIGINT / SIGTERM.
 */
import { ManualClock, MAX_CLOCK_SPEED, MIN_CLOCK_SPEED, startSimulator } from "./index";

interface CliOptions {
    port: number;
    speed: number;
    manualClock: boolean;
}

const USAGE = "usage: cli.js [--port N] [--speed X | --manual-clock]";

function parseArgs(argv: readonly string[]): CliOptions {
    const options: CliOptions = { port: 0, speed: 1, manualClock: false };
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === "--manual-clock") {
            options.manualClock = true;
            continue;
        }
        const [flag, inline] = argv[i].split("=", 2);
        const value = inline ?? argv[++i];
        const number = Number(value);
        if (flag === "--port" && Number.isInteger(number) && number >= 0 && number <= 65535) options.port = number;
        else if (flag === "--speed" && value !== undefined && value.trim() !== "" && number >= MIN_CLOCK_SPEED && number <= MAX_CLOCK_SPEED)
            options.speed = number;
        else if (flag === "--speed") throw new Error(`${USAGE}  (--speed must be a number from ${MIN_CLOCK_SPEED} to ${MAX_CLOCK_SPEED}, got ${value})`);
        else throw new Error(`${USAGE}  (bad argument: ${argv.slice(i - (inline ? 0 : 1), i + 1).join(" ")})`);
    }
    if (options.manualClock && options.speed !== 1) throw new Error(`${USAGE}  (--speed and --manual-clock exclude each other)`);
    return options;
}

async function main(): Promise<void> {
    const options = parseArgs(process.argv.slice(2));
    // Signal handlers go in before the URL is printed: a script may signal as soon as it reads it.
    let signalled = false;
    let stop = (): void => {
        signalled = true; // still starting: acted on once the server is up
    };
    const onSignal = (): void => stop();
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);

    const sim = await startSimulator({ port: options.port, speed: options.speed, clock: options.manualClock ? new ManualClock() : undefined });
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
            `PUT /__sim/task-templates/<service>, POST /__sim/clock/advance; ` +
            `${options.manualClock ? "manual clock" : `speed ${options.speed}`}\n`,
    );
}

main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(2);
});
