// What `pulumi new typescript` writes (pulumi/templates typescript/): the files every user's project starts from.

/** `pulumi new typescript`'s tsconfig.json: no skipLibCheck, no esModuleInterop. */
export const TEMPLATE_TSCONFIG = {
    compilerOptions: {
        strict: true,
        outDir: "bin",
        target: "es2020",
        module: "nodenext",
        moduleResolution: "nodenext",
        sourceMap: true,
        experimentalDecorators: true,
        pretty: true,
        noFallthroughCasesInSwitch: true,
        noImplicitReturns: true,
        forceConsistentCasingInFileNames: true,
    },
    files: ["index.ts"],
};

/**
 * The template's tsconfig before it moved to nodenext (March 2026), what most existing projects
 * have, with a test file that imports the simulator (node resolution reads no `exports` map).
 */
export const LEGACY_TEMPLATE_TSCONFIG = {
    compilerOptions: { ...TEMPLATE_TSCONFIG.compilerOptions, outDir: "bin-legacy", module: "commonjs", moduleResolution: "node" },
    files: ["index.ts", "simulator-usage.ts"],
};
