import type { ResolvedCredentials } from "../client/credentials";

/** What every service module needs to call its API: where, as whom, and how long a call may take. */
export interface ServiceContext {
    region: string;
    credentials: ResolvedCredentials;
    /** One base URL for every service (the simulator, a private endpoint). */
    endpointOverride?: string;
    timeoutMs?: number;
}
