import { randomBytes, randomUUID } from "node:crypto";
import { POST as signUpRoute } from "@/app/api/auth/signup/route";
import { POST as tokensRoute } from "@/app/api/tokens/route";
import { POST as projectsRoute } from "@/app/api/projects/route";
import { call } from "./http";

export const TEST_PASSWORD = "a long enough password";

export type TestUser = { id: string; email: string; token: string };

/**
 * A made-up client address, so each test user signs up from an address of its own: a random /64 of the
 * IPv6 documentation prefix (2001:db8::/32), 2^32 of them, as rate limits count IPv6 by its /64. An IPv4
 * draw (65,536 at most) could land on an address another test had flooded, which stays refused for the
 * limit's window, even across runs on a shared Redis.
 */
export function testAddress(): string {
  const hex = randomBytes(4).toString("hex");
  return `2001:db8:${hex.slice(0, 4)}:${hex.slice(4)}::1`;
}

/** Signs a new user up through the API and issues them an API token with their password. */
export async function signUpUser(name = "Test User"): Promise<TestUser> {
  const email = `${name.toLowerCase().replace(/\W+/g, "-")}-${randomUUID().slice(0, 8)}@example.test`;
  // Handlers called directly have no socket: the address comes from X-Forwarded-For, as under next dev.
  const headers = { "x-forwarded-for": testAddress() };
  const signUp = await call(signUpRoute, { method: "POST", headers, body: { email, password: TEST_PASSWORD, name } });
  if (signUp.status !== 201) throw new Error(`sign-up failed: ${JSON.stringify(signUp.body)}`);
  const token = await call(tokensRoute, { method: "POST", headers, body: { name: "tests", email, password: TEST_PASSWORD } });
  if (token.status !== 201) throw new Error(`token failed: ${JSON.stringify(token.body)}`);
  return { id: signUp.body.id, email, token: token.body.token };
}

/** Creates a project owned by `owner` through the API. */
export async function createTestProject(owner: TestUser, name = "Test project"): Promise<{ id: string; slug: string }> {
  const res = await call(projectsRoute, { method: "POST", token: owner.token, body: { name } });
  if (res.status !== 201) throw new Error(`create project failed: ${JSON.stringify(res.body)}`);
  return res.body;
}
