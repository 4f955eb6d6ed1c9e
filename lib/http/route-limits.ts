import type { RateLimitId } from "@/lib/config";
import type { Identity } from "@/lib/auth";
import { enforceLimit } from "@/lib/security";

/** Who a declared limit counts; the scope is the route's project (member routes) or app (app routes). */
type LimitContext = { identity: Identity | null; projectId: string | undefined; address: string };

function project(c: LimitContext): string {
  if (!c.projectId) throw new Error("a per-project rate limit on a route without a project");
  return c.projectId;
}

function member(c: LimitContext): string {
  if (!c.identity) throw new Error("a per-member rate limit on a route without an identity");
  return `${project(c)}:${c.identity.userId}`;
}

const KEYS = {
  signUps: (c: LimitContext) => c.address,
  // Tokens made with an email and password are counted by address (there is no identity yet).
  tokens: (c: LimitContext) => (c.identity ? `user:${c.identity.userId}` : `address:${c.address}`),
  projects: (c: LimitContext) => c.identity?.userId ?? `address:${c.address}`,
  writes: member,
  migrations: project,
  queries: member,
  invokes: member,
  builds: project,
  appCallsPerClient: (c: LimitContext) => `${project(c)}:${c.address}`,
  appCalls: project,
} satisfies Partial<Record<RateLimitId, (c: LimitContext) => string>>;

/** A platform limit a route can declare; route() counts one attempt against each, in the order given. */
export type RouteLimit = keyof typeof KEYS;

/** Counts the request against each of `limits`, keyed as each limit says; throws rate_limited at the first spent one. */
export async function enforceRouteLimits(limits: readonly RouteLimit[], context: LimitContext): Promise<void> {
  for (const id of limits) await enforceLimit(id, KEYS[id](context));
}
