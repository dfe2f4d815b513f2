/**
 * What a CI step branches on. 3 means "fix how the command is called or what it runs with"
 * (flags, credentials, permissions): running it again unchanged will not help.
 */
export const EXIT = {
    succeeded: 0,
    /** The task failed, was cancelled or expired, was not found, or an API error ended the wait. */
    failed: 1,
    /** The deadline (--timeout) passed first: the task may still finish; run the command again to keep waiting. */
    timedOut: 2,
    /** Bad flags, no region, no or refused credentials, no permission, a wrong clock. */
    usage: 3,
    /** Stopped by SIGINT (130, as shells report it; SIGTERM: 143): the task goes on; the message says how to resume. */
    interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * Error codes that say the caller, not the task, is the problem: credentials missing or refused,
 * or a key without permission for the API.
 */
const CALLER_CODE_PATTERNS = [
    /^MissingCredentials$/,
    /^CredentialsUnavailable$/,
    /^InvalidAccessKeyId/,
    /^SignatureDoesNotMatch$/,
    /^InvalidSecurityToken/,
    /^Forbidden/,
    /^NoPermission$/,
    /^RdCheckNoPermission$/,
    // the request's time and Alibaba Cloud's differ by more than 15 minutes: fix the clock
    /^InvalidTimeStamp/,
    /^RequestTimeTooSkewed$/,
];

export function isCallerErrorCode(code: string | undefined): boolean {
    return code !== undefined && CALLER_CODE_PATTERNS.some((p) => p.test(code));
}
