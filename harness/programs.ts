// Loads an example program the way the Pulumi language host runs it: the module's top-level code
// is the program and its exports are the stack outputs. Fresh each time (the module cache would
// otherwise run it once per process).
import * as path from "path";

export function exampleProgram(name: string): () => unknown {
    const entry = require.resolve(path.join(__dirname, "..", "examples", name));
    return () => {
        delete require.cache[entry];
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- a program is loaded afresh each run, as the language host runs it
        return { ...require(entry) };
    };
}
