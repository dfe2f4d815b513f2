import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { ecdReportExportSchema, sasReportExportSchema, bdrcTaskWaiterSchema, ecsTaskWaiterSchema } from "../../provider/inputs";
import { reportExportOutputsSchema, taskWaiterOutputsSchema } from "../../provider/outputs";
import { propertyKeys } from "../../provider/resources/properties";
import { REPO_ROOT } from "../support/repoRoot";

const ROOT = REPO_ROOT;

function parse(file: string): ts.SourceFile {
    return ts.createSourceFile(file, fs.readFileSync(path.join(ROOT, file), "utf8"), ts.ScriptTarget.ES2022, true);
}

function hasDoc(node: ts.Node): boolean {
    return ts.getJSDocCommentsAndTags(node).some((d) => ts.isJSDoc(d) && (ts.getTextOfJSDocComment(d.comment) ?? "").trim().length > 0);
}

/** The `declare readonly` properties of the exported class of a resource file. */
function declaredProperties(file: string): ts.PropertyDeclaration[] {
    const source = parse(file);
    const cls = source.statements.find(ts.isClassDeclaration)!;
    return cls.members.filter(ts.isPropertyDeclaration).filter((m) => m.modifiers?.some((x) => x.kind === ts.SyntaxKind.DeclareKeyword));
}

describe("public types: plain, documented, every input also an output", () => {
    const resources = [
        { file: "provider/resources/taskWaiter.ts", keys: propertyKeys([ecsTaskWaiterSchema, bdrcTaskWaiterSchema], taskWaiterOutputsSchema) },
        { file: "provider/resources/reportExport.ts", keys: propertyKeys([ecdReportExportSchema, sasReportExportSchema], reportExportOutputsSchema) },
    ];

    for (const { file, keys } of resources) {
        it(`${path.basename(file)}: the class declares, with TSDoc, exactly the properties it passes to Pulumi (every input and output)`, () => {
            const declared = declaredProperties(file);
            assert.deepStrictEqual(declared.map((p) => p.name.getText()).sort(), [...keys].sort());
            for (const p of declared) {
                assert.ok(hasDoc(p), `${p.name.getText()} has no documentation`);
                assert.match(p.type!.getText(), /^pulumi\.Output</, `${p.name.getText()} is an Output`);
            }
            for (const input of ["region", "timeout", "taskId", "service"]) assert.ok(keys.includes(input), `input ${input} is an output`);
        });
    }

    it("provider/types.ts: every exported interface and each of its properties has TSDoc; no zod, no Input<undefined>", () => {
        const source = parse("provider/types.ts");
        const text = source.getFullText();
        assert.ok(!/zod|z\.infer|Zod/.test(text.replace(/^\/\/.*$/gm, "")), "no zod in the public types");
        assert.ok(!text.includes("Input<undefined>"));
        const interfaces = source.statements.filter(ts.isInterfaceDeclaration);
        assert.ok(interfaces.length >= 10, `${interfaces.length} interfaces`);
        for (const i of interfaces) {
            assert.ok(hasDoc(i), `${i.name.text} has no documentation`);
            for (const m of i.members) assert.ok(hasDoc(m), `${i.name.text}.${m.name?.getText()} has no documentation`);
        }
        const imports = source.statements.filter(ts.isImportDeclaration).map((d) => (d.moduleSpecifier as ts.StringLiteral).text);
        assert.deepStrictEqual(imports, ["@pulumi/pulumi"]);
    });

    it("the Args say what the API accepts: LangType is zh-CN or en-GB only", () => {
        const text = fs.readFileSync(path.join(ROOT, "provider/types.ts"), "utf8");
        assert.match(text, /langType\?: pulumi\.Input<"zh-CN" \| "en-GB">;/);
    });
});
