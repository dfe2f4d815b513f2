// The test harness: Pulumi programs under mocks, dynamic resources in Pulumi's real provider host.
export * from "./host";
export * from "./engine";
export { resolveDeep, outputValue } from "./resolve";
export { ensurePackageLink, repositoryRoot } from "./packageLink";
export { makeSecret, unwrapSecrets } from "./secrets";
export { CapturedResource } from "./resourceOptions";
export * from "./programs";
export { NO_AMBIENT_CREDENTIALS } from "./environment";
