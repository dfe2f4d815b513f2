import type * as grpc from "@grpc/grpc-js";
import { createRequire } from "module";
import type * as anyproto from "google-protobuf/google/protobuf/any_pb";
import type * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import type * as structproto from "google-protobuf/google/protobuf/struct_pb";
import type * as enginerpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import type * as engineproto from "@pulumi/pulumi/proto/engine_pb";
import type * as plugproto from "@pulumi/pulumi/proto/plugin_pb";
import type * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import type * as provproto from "@pulumi/pulumi/proto/provider_pb";
import type * as statusproto from "@pulumi/pulumi/proto/status_pb";

/** The gRPC library and Pulumi's protocol messages the plugin speaks with. */
export interface Protocol {
    grpc: typeof grpc;
    any: typeof anyproto;
    empty: typeof emptyproto;
    struct: typeof structproto;
    engine: typeof engineproto;
    engineRpc: typeof enginerpc;
    plugin: typeof plugproto;
    provider: typeof provproto;
    providerRpc: typeof provrpc;
    status: typeof statusproto;
}

/**
 * Loads them from where the SDK is: the package's peer `@pulumi/pulumi` (the package installed in a project,
 * whose SDK is the project's), else through `fallback`, the plugin folder's require, whose node_modules holds
 * the SDK that runs the plugin (a packed package unpacked by hand has its runtime dependencies, not its peer).
 * gRPC and protobuf are the SDK's own dependencies, loaded from its folder: the SDK's messages and the
 * protobuf runtime they are built on must be the same copies.
 */
export function loadProtocol(fallback?: NodeJS.Require): Protocol {
    const sdk = (() => {
        try {
            return require.resolve("@pulumi/pulumi/package.json");
        } catch (error) {
            if (!fallback) throw error;
            return fallback.resolve("@pulumi/pulumi/package.json");
        }
    })();
    const load = createRequire(sdk);
    return {
        grpc: load("@grpc/grpc-js") as typeof grpc,
        any: load("google-protobuf/google/protobuf/any_pb") as typeof anyproto,
        empty: load("google-protobuf/google/protobuf/empty_pb") as typeof emptyproto,
        struct: load("google-protobuf/google/protobuf/struct_pb") as typeof structproto,
        engine: load("./proto/engine_pb") as typeof engineproto,
        engineRpc: load("./proto/engine_grpc_pb") as typeof enginerpc,
        plugin: load("./proto/plugin_pb") as typeof plugproto,
        provider: load("./proto/provider_pb") as typeof provproto,
        providerRpc: load("./proto/provider_grpc_pb") as typeof provrpc,
        status: load("./proto/status_pb") as typeof statusproto,
    };
}
