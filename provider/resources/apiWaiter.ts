import * as pulumi from "@pulumi/pulumi";
import { ANSWER_OUTPUTS } from "../services/answerOutputs";
import type * as types from "../types";
import { API_WAITER_PROPERTY_KEYS as PROPERTY_KEYS } from "./keys";
import { resourceProperties, waiterOptions } from "./properties";
import { lifecycleModule, providerShell } from "./shell";

/** Exported for tests that drive the provider host directly; programs use the class. */
export const apiWaiterProvider = providerShell(lifecycleModule("apiWaiter"));
/** What `secret: true` marks secret: the answer and the value an acceptor matched. */
export const API_WAITER_SECRET_OUTPUTS: string[] = [...ANSWER_OUTPUTS];

/**
 * Waits on any Alibaba Cloud API (RPC or ROA) until an acceptor over its answer says success or
 * failure, or checks a condition on every `pulumi up` and `pulumi refresh` (mode "check"). Shown in
 * `pulumi preview` as `pulumi-nodejs:dynamic/alicloud-tasks:ApiWaiter`.
 *
 * The deadline is the `timeout` input: Pulumi does not pass `customTimeouts` to dynamic providers.
 */
export class ApiWaiter extends pulumi.dynamic.Resource {
    // generated:begin properties (`npm run docs` writes them from the zod schemas; do not edit)
    /**
     * Product code (Ecs, CS, Sas, ...): picks the endpoint from Alibaba's endpoint data for the region, and the rate-limit bucket. A code Alibaba's product list does not hold gets a warning at `check`, naming the codes it is near.
     */
    declare public readonly product: pulumi.Output<string | undefined>;
    /**
     * The endpoint to call, instead of the endpoint data's: an https URL or a host name (https is implied) under aliyuncs.com, Alibaba Cloud's API domain in its endpoint data. The provider's endpoint override (stack config alicloud-tasks:endpoint or ALICLOUD_TASKS_ENDPOINT, e.g. the simulator) wins over both.
     */
    declare public readonly endpoint: pulumi.Output<string | undefined>;
    /**
     * API version, e.g. 2014-05-26 for ECS.
     */
    declare public readonly version: pulumi.Output<string>;
    /**
     * RPC: the action, e.g. DescribeInstances. A read (Describe, List, Get, Query, Check, Search, Count, Lookup, and their Batch forms) unless allowNonReadAction is set.
     */
    declare public readonly action: pulumi.Output<string | undefined>;
    /**
     * RPC: request parameters. Objects and arrays are flattened as Alibaba's SDKs do (Tag.1.Key, Filter.Name), null dropped, at most 8 levels deep; a parameter the API takes as JSON text is passed as a string. RegionId is added from region unless set (null leaves it out). Names the signer sets (Action, Version, Signature, AccessKeyId, SecurityToken, ...) are refused.
     */
    declare public readonly params: pulumi.Output<Record<string, unknown> | undefined>;
    /**
     * ROA: the HTTP method. Default GET. GET and HEAD read; any other needs allowNonReadAction.
     */
    declare public readonly method: pulumi.Output<"GET" | "HEAD" | "POST" | "PUT" | "DELETE" | "PATCH" | undefined>;
    /**
     * ROA: the resource path, e.g. /clusters/c82e6987e2961451182edacd74faf****. No "." or ".." segments, in any encoding.
     */
    declare public readonly path: pulumi.Output<string | undefined>;
    /**
     * ROA: query parameters (names the signer sets refused).
     */
    declare public readonly query: pulumi.Output<Record<string, unknown> | undefined>;
    /**
     * ROA: a request body, sent as JSON.
     */
    declare public readonly body: pulumi.Output<unknown>;
    /**
     * Allow an action or method that is not a read (anything but Describe*, List*, Get*, Query*, Check*, Search*, Count*, Lookup* and ROA GET or HEAD). A wait repeats its call on every poll: the action is sent again and again. Mode "check" never calls one. A call that failed ambiguously (5xx, timeout, network) is not repeated: the server may have acted.
     *
     * Recorded with its default (`false`) when not set.
     */
    declare public readonly allowNonReadAction: pulumi.Output<boolean>;
    /**
     * Evaluated on each answer, in order; the first that matches decides. An answer no acceptor matches: keep waiting (mode wait) or the check fails (mode check).
     */
    declare public readonly acceptors: pulumi.Output<types.ApiAcceptor[] | undefined>;
    /**
     * Shorthand for a last success acceptor, like aliyun --waiter: { expr, to }.
     */
    declare public readonly until: pulumi.Output<types.ApiUntil | undefined>;
    /**
     * Compare strings exactly; by default statuses compare case-insensitively.
     *
     * Recorded with its default (`false`) when not set.
     */
    declare public readonly caseSensitive: pulumi.Output<boolean>;
    /**
     * JMESPath expression shown in progress lines: a number is a percentage (which, as for the other waits, places the checks around the end it forecasts), anything else a status.
     */
    declare public readonly progress: pulumi.Output<string | undefined>;
    /**
     * JMESPath expression selecting the part of the last answer recorded as `answer`. Default: the whole answer.
     */
    declare public readonly output: pulumi.Output<string | undefined>;
    /**
     * Mark `answer` and `matchedValue` secret, and keep their values out of messages.
     *
     * Recorded with its default (`false`) when not set.
     */
    declare public readonly secret: pulumi.Output<boolean>;
    /**
     * "wait": wait until an acceptor ends it. "check": evaluate again on every `pulumi up` and `pulumi refresh`, like a Terraform check block.
     *
     * Recorded with its default (`"wait"`) when not set.
     */
    declare public readonly mode: pulumi.Output<"wait" | "check">;
    /**
     * The region the wait ran in: the `region` input, else the configured region (stack config `alicloud:region`, else `ALIBABA_CLOUD_REGION_ID` / `ALICLOUD_REGION`).
     */
    declare public readonly region: pulumi.Output<string>;
    /**
     * How long one `pulumi up` waits before recording the resource as still waiting (resumed by the next `pulumi up`): a duration from 1s to 24h, default 30m. This is the only deadline: Pulumi does not pass `customTimeouts` to dynamic providers.
     *
     * Recorded with its default (`"30m"`) when not set.
     */
    declare public readonly timeout: pulumi.Output<string>;
    /**
     * Bounds of the delay between polls: the first check is immediate, then the delay doubles from min up to max; a task that reports progress is polled around the end its progress forecasts, never more than max apart.
     */
    declare public readonly pollInterval: pulumi.Output<types.PollInterval | undefined>;
    /**
     * "fail": a failed task fails the deployment. "warn": the resource is recorded with status "failed" and a warning, like a Terraform check block.
     *
     * Recorded with its default (`"fail"`) when not set.
     */
    declare public readonly onFailure: pulumi.Output<"fail" | "warn">;
    /**
     * succeeded (a success acceptor matched), failed (a failure acceptor matched, an error no acceptor expects, or a check that does not hold), running (timed out: the next `pulumi up` waits again).
     */
    declare public readonly status: pulumi.Output<types.TaskStatus>;
    /**
     * Why it ended, in words: which acceptor matched and what it saw, or the error, or the timeout.
     */
    declare public readonly reason: pulumi.Output<string>;
    /**
     * Index of the acceptor that decided (acceptors first, then until).
     */
    declare public readonly matchedAcceptor: pulumi.Output<number | undefined>;
    /**
     * The value the deciding acceptor's expression selected (for an errorCode acceptor, the code).
     *
     * A secret output: Pulumi stores it encrypted and shows it as `[secret]`.
     */
    declare public readonly matchedValue: pulumi.Output<unknown>;
    /**
     * The last answer, or the part `output` selects: scrubbed of signatures and the provider's credentials, and left out (with a warning) when larger than 128 KiB of JSON.
     *
     * A secret output: Pulumi stores it encrypted and shows it as `[secret]`.
     */
    declare public readonly answer: pulumi.Output<unknown>;
    /**
     * Fields of the last answer whose names mark them secret (SecretData, AccessKeySecret, Password, ...): their values stay out of lines and messages, and without `secret: true` the outputs that hold them (answer, matchedValue) are recorded as secret outputs.
     */
    declare public readonly secretFields: pulumi.Output<string[] | undefined>;
    /**
     * The error code of the last answer, when it was an error.
     */
    declare public readonly errorCode: pulumi.Output<string | undefined>;
    /**
     * RequestId of the last answer, for support tickets.
     */
    declare public readonly requestId: pulumi.Output<string | undefined>;
    /**
     * Seconds the last create, update or refresh spent.
     */
    declare public readonly waitedSeconds: pulumi.Output<number>;
    /**
     * When the deciding answer came (ISO 8601): in check mode, the last evaluation.
     */
    declare public readonly evaluatedAt: pulumi.Output<string>;
    // generated:end

    constructor(name: string, args: types.ApiWaiterArgs, opts?: pulumi.CustomResourceOptions) {
        ({ args, opts } = waiterOptions("ApiWaiter", name, args, opts));
        // `secret` decides, when the resource is declared, which outputs Pulumi encrypts: a plain boolean, not an Output
        const secretOutputs = args.secret ? API_WAITER_SECRET_OUTPUTS : [];
        const options = { ...opts, additionalSecretOutputs: [...new Set([...(opts?.additionalSecretOutputs ?? []), ...secretOutputs])] };
        super(apiWaiterProvider, name, resourceProperties(PROPERTY_KEYS, args, name), options, "alicloud-tasks", "ApiWaiter");
    }
}
