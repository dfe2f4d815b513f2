// Errors returned by the dynamic provider host, decoded the way the engine decodes them.
//
// The host answers a failed call with gRPC code 2 (UNKNOWN) and the provider's message in `details`. A create or
// update that threw an error carrying `id`, `properties` and `reasons` is a partial failure: the host packs a
// `pulumirpc.ErrorResourceInitFailed` into a google.rpc.Status sent as `grpc-status-details-bin` metadata.
import type { Metadata, ServiceError } from "@grpc/grpc-js";
import * as providerProto from "@pulumi/pulumi/proto/provider_pb";
import * as statusProto from "@pulumi/pulumi/proto/status_pb";

export interface InitFailure {
    id: string;
    properties: Record<string, unknown>;
    reasons: string[];
}

export class HostCallError extends Error {
    constructor(
        message: string,
        /** The gRPC status code (2 = UNKNOWN for provider errors, 14 = UNAVAILABLE when the host is gone). */
        readonly code: number,
        /** The ResourceProvider method that failed, e.g. "create". */
        readonly method: string,
        /** Set for partial failures: the resource exists, with these outputs, but did not finish initializing. */
        readonly initFailed?: InitFailure,
    ) {
        super(message);
        this.name = "HostCallError";
    }
}

const STATUS_DETAILS_KEY = "grpc-status-details-bin";
const INIT_FAILED_TYPE = "pulumirpc.ErrorResourceInitFailed";

/** Converts a grpc-js ServiceError into a HostCallError; `context` is appended (e.g. why the host died). */
export function hostCallError(method: string, err: ServiceError, context = ""): HostCallError {
    const message = (err.details || err.message) + context;
    return new HostCallError(message, err.code, method, decodeInitFailure(err.metadata));
}

export function decodeInitFailure(metadata: Metadata | undefined): InitFailure | undefined {
    const raw = metadata?.get(STATUS_DETAILS_KEY)[0];
    if (raw === undefined) {
        return undefined;
    }
    const bytes = typeof raw === "string" ? Buffer.from(raw, "base64") : raw;
    const status = statusProto.Status.deserializeBinary(new Uint8Array(bytes));
    for (const detail of status.getDetailsList()) {
        const failed = detail.unpack(providerProto.ErrorResourceInitFailed.deserializeBinary, INIT_FAILED_TYPE);
        if (failed) {
            return {
                id: failed.getId(),
                properties: (failed.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>,
                reasons: failed.getReasonsList(),
            };
        }
    }
    return undefined;
}
