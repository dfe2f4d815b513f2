// `npm run docs`: regenerates the README's reference section from the zod schemas.
import * as fs from "fs";
import * as path from "path";
import { referenceSection, replaceSection } from "./reference";
import { RESOURCES } from "./resources";

const readmePath = path.join(__dirname, "..", "..", "README.md");
const before = fs.readFileSync(readmePath, "utf8");
const after = replaceSection(before, referenceSection(RESOURCES));
if (after === before) {
    console.log("README reference is up to date");
} else {
    fs.writeFileSync(readmePath, after);
    console.log("README reference regenerated");
}
