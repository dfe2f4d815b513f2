import * as assert from "assert";
// A simulated deployment: the simulator, and Pulumi's dynamic provider host configured against it.
import * as pulumi from "@pulumi/pulumi";
import { NO_AMBIENT_CREDENTIALS, ProviderHost, startProviderHost, urnFor } from "../../harness";

export { NO_AMBIENT_CREDENTIALS };
import { SimClock, Simulator, SimulatorOptions, startSimulator } from "../../simulator";

export const TASK_WAITER_TYPE = "pulumi-nodejs:dynamic/alicloud-tasks:TaskWaiter";
export const REPORT_EXPORT_TYPE = "pulumi-nodejs:dynamic/alicloud-tasks:ReportExport";
export const API_WAITER_TYPE = "pulumi-nodejs:dynamic/alicloud-tasks:ApiWaiter";

/** Fast polling: the simulator's tasks last seconds, not minutes. */
export const FAST_POLL = { min: "100ms", max: "300ms" };

export interface Fixture {
    sim: Simulator;
    host: ProviderHost;
    config: Record<string, string>;
    close(): Promise<void>;
}

export interface FixtureOptions {
    /** Stack config to configure the host with; default: the simulator's key pair, endpoint and cn-hangzhou. */
    config?: (sim: Simulator) => Record<string, string>;
    env?: Record<string, string>;
    /** How to start the simulator, e.g. with a ManualClock for scripted APIs. */
    simulator?: SimulatorOptions;
    /** The simulator's task clock; default real time. A ManualClock (tests/support/clock.ts) holds tasks where the test put them. */
    clock?: SimClock;
}

export function simulatorConfig(sim: Simulator): Record<string, string> {
    return {
        "alicloud:accessKey": sim.credentials.accessKey.accessKeyId,
        "alicloud:secretKey": sim.credentials.accessKey.accessKeySecret,
        "alicloud:region": "cn-hangzhou",
        "alicloud-tasks:endpoint": sim.url,
    };
}

export async function startFixture(options: FixtureOptions = {}): Promise<Fixture> {
    const sim = await startSimulator({ ...options.simulator, ...(options.clock ? { clock: options.clock } : {}) });
    const host = await startProviderHost({ env: { ...NO_AMBIENT_CREDENTIALS, ...options.env } });
    const config = (options.config ?? simulatorConfig)(sim);
    await host.configure(config, ["alicloud:secretKey", "alicloud:securityToken"]);
    return {
        sim,
        host,
        config,
        close: async () => {
            await host.close();
            await sim.close();
        },
    };
}

/** The provider text a resource class stores as `__provider`, serialized the way dynamic.Resource does it. */
export async function serializeProvider(provider: pulumi.dynamic.ResourceProvider): Promise<string> {
    return (await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })).text;
}

export function urn(type: string, name: string): string {
    return urnFor(type, name);
}

/** `check` through the host as the engine calls it, asserting it found nothing wrong; the checked inputs. */
export async function checkedInputs(
    host: ProviderHost,
    type: string,
    provider: string,
    name: string,
    inputs: Record<string, unknown>,
): Promise<Record<string, unknown>> {
    const result = await host.check(urn(type, name), {}, { __provider: provider, resourceName: name, ...inputs });
    assert.deepStrictEqual(result.failures, [], JSON.stringify(result.failures));
    return result.inputs;
}
