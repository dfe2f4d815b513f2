// One style for the whole tree: provider, simulator, cli, harness, bench, tools, examples and tests.
// Formatting is prettier's (eslint-config-prettier turns off the rules that would fight it).
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import tseslint from "typescript-eslint";

export default tseslint.config(
    { ignores: ["bin/", "node_modules/", "**/node_modules/", "**/bin/", ".tmp/"] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    prettier,
    {
        languageOptions: { globals: { require: "readonly", module: "writable", process: "readonly", __dirname: "readonly", console: "readonly" } },
        rules: {
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
            // `import X = require("...")` is how TypeScript imports a CommonJS module whose export is a class
            "@typescript-eslint/no-require-imports": ["error", { allowAsImport: true }],
        },
    },
);
