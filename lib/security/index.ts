/** Request guards, rate limits and other defences that sit in front of the domain. */
/** The CSRF check for cookie-authenticated mutations. */
export { assertSameOrigin } from "./same-origin";
/** CSP and isolation headers of the IDE origin. */
export { ideSecurityHeaders } from "./ide-headers";
/** Outbound requests for tenant code: allowlist, SSRF checks after DNS and on every redirect. */
export { guardedFetch, isBlockedAddress, type EgressPolicy, type EgressRequest, type EgressResponse } from "./egress";
/** The IDE and apps origins, told apart by Host. */
export { appOrigin, classifyHost, type HostKind } from "./hosts";
/** A per-key attempt limit: `limit` attempts in any `windowSeconds`; `name` is a plural noun used in the 429 message. */
export type { RateLimit } from "./rate-limit";
/** Counts one attempt by `key` (e.g. a user id) against `rule`; throws AppError("rate_limited", …, { retryAfterSeconds }) when over. */
export { enforceRateLimit } from "./rate-limit";
/** The platform's named limits (sign-ups, writes, app calls …), their numbers from the configuration. */
export { assertLimitNotSpent, clearLimit, countAgainstLimit, enforceLimit, limitWaitSeconds } from "./platform-limits";
/** Password-guessing limits around one sign-in attempt (per address, per account without lock-out). */
export { signInGuard } from "./sign-in-guard";
/** The client address a request came from, as rate limits count it (unforgeable behind Myco's server). */
export { addressFrom, clientAddress, clientIp } from "./client-address";
/** Closes Redis connections (tests). */
export { closeRateLimiters } from "./rate-limit";
/** Text no store can hold: a NUL or an unpaired UTF-16 surrogate, found anywhere in a value (keys included). */
export { findUnstorableText, printableText, textProblem, type UnstorableText } from "./find-unstorable-text";
/** Nesting depth of JSON text, measured without parsing it. */
export { isJsonDeeperThan } from "./measure-json-depth";
/** A request body as strict UTF-8 text, cut off at a byte limit. */
export { readBodyText } from "./read-body-text";
/** A JSON request body, refused when too deep, invalid, or holding unstorable text (the error names the field). */
export { parseJsonText } from "./parse-json-text";
/** A project's own model endpoint: its address vetted like ctx.fetch's (operator-listed private hosts aside), and a fetch pinned to it. */
export { modelEndpointFetch, vetModelEndpoint } from "./model-egress";
/** AES-256-GCM at rest under MYCO_SECRETS_KEY, bound to a context (project and name). */
export { openSealed, sealText } from "./seal";
/**
 * A security finding (path, 1-based line and column range, rule, severity, plain message) and counts by
 * severity. The analyser itself (analyse-code.ts, eslint) is not exported here: it runs only in its worker
 * thread (analyse-worker.ts, started by lib/bundler), so no server bundle loads eslint.
 */
export { MAX_ANALYSED_BYTES, countFindings, type CodeFinding, type Severity } from "./code-finding";
