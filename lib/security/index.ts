/** Request guards, rate limits and other defences that sit in front of the domain. */
/** The CSRF check for cookie-authenticated mutations. */
export { assertSameOrigin } from "./same-origin";
/** CSP and isolation headers of the IDE origin. */
export { ideSecurityHeaders } from "./ide-headers";
