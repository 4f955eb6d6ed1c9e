import { z } from "zod";

/**
 * The platform's rate limits: attempts allowed per window and who is counted (the key). Every one can be
 * overridden with MYCO_RATE_LIMITS, e.g. `{"appCalls": {"limit": 120000}}`.
 */
export const RATE_LIMIT_DEFAULTS = {
  signUps: { limit: 10, windowSeconds: 3600 },
  signInAttempts: { limit: 60, windowSeconds: 900 },
  wrongPasswords: { limit: 10, windowSeconds: 900 },
  wrongPasswordsPerAccount: { limit: 50, windowSeconds: 900 },
  tokens: { limit: 20, windowSeconds: 3600 },
  projects: { limit: 20, windowSeconds: 3600 },
  writes: { limit: 300, windowSeconds: 60 },
  migrations: { limit: 30, windowSeconds: 60 },
  queries: { limit: 300, windowSeconds: 60 },
  invokes: { limit: 300, windowSeconds: 60 },
  // Each check builds every component and function of a project: CPU-heavy, and the editor asks once per commit.
  builds: { limit: 30, windowSeconds: 60 },
  // Far above one client's share: the app-wide cap bounds cost, and must not let a few clients shut an app.
  appCalls: { limit: 60_000, windowSeconds: 60 },
  appCallsPerClient: { limit: 1200, windowSeconds: 60 },
} as const;

/** The name of one of the platform's rate limits. */
export type RateLimitId = keyof typeof RATE_LIMIT_DEFAULTS;

const RateLimitOverride = z.strictObject({
  limit: z.number().int().min(1).max(10_000_000).optional(),
  windowSeconds: z.number().int().min(1).max(86_400).optional(),
});
export const RateLimitOverrides = z.partialRecord(
  z.enum(Object.keys(RATE_LIMIT_DEFAULTS) as [RateLimitId, ...RateLimitId[]]),
  RateLimitOverride,
);

