/**
 * Accounts and access: sign-up and credentials, GitHub sign-in, sessions (next-auth, JWT), API tokens,
 * roles and the one access check that makes a ProjectScope.
 */
export type { Identity, TokenGrant } from "./identity";
export type { AppScope, ProjectScope, TenantScope } from "./scope";
/** Makes a ProjectScope (members) or throws not_found / forbidden; makes an AppScope (an app's public side). */
export { authorize, authorizeApp, forgetApp } from "./scope";
/** Role ordering: viewer < editor < owner. */
export { ROLES, hasRole } from "./roles";
/** Who made a request (API token or session cookie). */
export { authenticate, sessionCookie } from "./session";
/** The identity of a server-rendered page. */
export { findPageIdentity, requirePageIdentity, requirePageScope } from "./page-identity";
/** Account creation and password checks. */
export { CredentialsInput, Email, Password, SignUpInput, signUp, verifyCredentials, type SignInGuard } from "./credentials";
/** GitHub OAuth account linking. */
export { linkGithubUser, type GithubProfile } from "./github";
/** API tokens for scripts: shown once, stored hashed. */
export {
  CreateTokenInput,
  IssueTokenInput,
  createApiToken,
  issueApiToken,
  listApiTokens,
  revokeApiToken,
  type ApiTokenInfo,
  type CreatedApiToken,
} from "./api-tokens";
/** next-auth's route handlers, with the sign-in limits put around each password attempt. */
export { createAuthHandlers, type SignInGuardFor } from "./next-auth";
/** Refuses what next-auth's handlers would answer with a 500 (an unusable callbackUrl). */
export { checkAuthRequest } from "./check-auth-request";
/** Password hashing (scrypt), exported for tests and account tooling. */
export { hashPassword, verifyPassword } from "./password";
/** The platform admin's view of accounts. */
export { listUsers, type UserSummary } from "./list-users";
