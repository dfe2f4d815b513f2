// `npm run docs`: regenerates, from the zod schemas, the reference page (docs/reference.md), the public
// types (provider/types.ts) and the property declarations of the resource classes.
import * as fs from "fs";
import * as path from "path";
import { generatedFiles } from "./generated";

async function main(): Promise<void> {
    const root = path.join(__dirname, "..", "..");
    for (const file of await generatedFiles(root)) {
        const target = path.join(root, file.path);
        const before = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : "";
        if (before === file.text) {
            console.log(`${file.path}: up to date`);
        } else {
            fs.writeFileSync(target, file.text);
            console.log(`${file.path}: regenerated`);
        }
    }
}

main().catch((error) => {
    console.error(error);
    process.exit(1);
});
