export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_FAILURE = 2;

/** A mistake of the user's: one clean line on stderr, exit code 2, no stack trace. */
export class UsageError extends Error {}
