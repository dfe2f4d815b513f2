// The real Pulumi CLI (built by `npm run pulumi-cli`) on real projects: for the end-to-end tests and the benchmark.
export * from "./events";
export * from "./project";
export * from "./python";
export * from "./template";
export * from "./workspace";
