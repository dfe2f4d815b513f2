import * as fs from "fs";
import * as path from "path";
import * as prettier from "prettier";
import { REFERENCE_PATH, referencePage } from "./reference";
import { NAMED_ENUMS, RESOURCES, TYPE_NAMES } from "./resources";
import { pulumiSchema } from "./schema";
import { propertyKeysModule } from "./propertyKeys";
import { replaceClassBlock, typesModule } from "./types";

/**
 * Every file `npm run docs` writes from the zod schemas: the reference page (docs/reference.md), provider/types.ts,
 * the property blocks of the resource classes, their property keys (provider/resources/keys.ts) and the
 * provider plugin's Pulumi schema. A unit test compares them with the tree, so
 * neither the docs nor the public types can drift from the schemas.
 */

export interface GeneratedFile {
    /** Relative to the repository root. */
    path: string;
    text: string;
}

const CLASS_FILES: Record<string, string> = {
    TaskWaiter: "provider/resources/taskWaiter.ts",
    ReportExport: "provider/resources/reportExport.ts",
    ApiWaiter: "provider/resources/apiWaiter.ts",
};

const KEYS_FILE = "provider/resources/keys.ts";

async function formatted(root: string, file: string, text: string): Promise<string> {
    const filepath = path.join(root, file);
    const options = (await prettier.resolveConfig(filepath)) ?? {};
    return prettier.format(text, { ...options, filepath });
}

export async function generatedFiles(root: string): Promise<GeneratedFile[]> {
    const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");
    const types = typesModule(
        RESOURCES.map((ref) => ({ ref, names: TYPE_NAMES[ref.name] })),
        NAMED_ENUMS,
    );
    const files: GeneratedFile[] = [
        { path: REFERENCE_PATH, text: referencePage(RESOURCES) },
        { path: "provider/types.ts", text: await formatted(root, "provider/types.ts", types.text) },
    ];
    const version = JSON.parse(read("package.json")).version as string;
    const schema = pulumiSchema(
        RESOURCES.map((ref) => ({ ref, names: TYPE_NAMES[ref.name] })),
        version,
    );
    files.push({ path: "provider/plugin/schema.json", text: await formatted(root, "provider/plugin/schema.json", JSON.stringify(schema)) });
    files.push({ path: KEYS_FILE, text: await formatted(root, KEYS_FILE, propertyKeysModule(RESOURCES)) });
    for (const [name, file] of Object.entries(CLASS_FILES)) {
        files.push({ path: file, text: await formatted(root, file, replaceClassBlock(read(file), types.classProperties[name])) });
    }
    return files;
}
