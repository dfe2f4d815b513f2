export * from "./backoff";
export * from "./clock";
export * from "./duration";
export * from "./poller";
export * from "./result";
