/**
 * Resource inputs as zod schemas: validated in `check`, and the TypeScript types of the resource
 * arguments are inferred from them.
 */
export * from "./common";
export * from "./taskWaiter";
export * from "./reportExport";
export * from "./apiWaiter";
export * from "./validate";
