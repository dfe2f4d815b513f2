#!/usr/bin/env node
import * as fs from "fs";
import * as path from "path";
import schema from "./schema.json";
import { loadProtocol } from "./protocol";
import { serve } from "./server";

/**
 * `pulumi-resource-alicloud-tasks`: the provider plugin's entry. The engine starts it with its own address
 * as the argument and reads the port from its first line of output. Loaded only by the plugin: programs
 * that import the package's classes never load gRPC. `pluginRequire`: the plugin folder's require, where
 * the SDK that runs the plugin is (see protocol.ts).
 */
export async function main(args: string[] = process.argv.slice(2), pluginRequire?: NodeJS.Require): Promise<void> {
    const packageJson = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "..", "package.json"), "utf8")) as { version: string };
    await serve(
        loadProtocol(pluginRequire),
        packageJson.version,
        JSON.stringify({ ...schema, version: packageJson.version }),
        args.find((a) => !a.startsWith("-")),
    );
}

if (require.main === module) {
    main().catch((error: unknown) => {
        console.error(`alicloud-tasks plugin: ${error instanceof Error ? error.stack : String(error)}`);
        process.exit(1);
    });
}
