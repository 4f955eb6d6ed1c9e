import { expect, type APIRequestContext } from "@playwright/test";

/** A user made through the API, with a token for further API calls. */
export type ApiUser = { email: string; token: string };

/** Signs up a new user and issues a token, through the HTTP API only. */
export async function apiUser(request: APIRequestContext, name: string): Promise<ApiUser> {
  const email = `${name.toLowerCase()}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`;
  const password = "a long enough password";
  expect((await request.post("/api/auth/signup", { data: { email, password, name } })).status()).toBe(201);
  const token = await request.post("/api/tokens", { data: { name: "e2e", email, password } });
  expect(token.status()).toBe(201);
  return { email, token: (await token.json()).token };
}

/** Calls the JSON API as `user`. */
export async function api(request: APIRequestContext, user: ApiUser, method: string, path: string, data?: unknown) {
  const res = await request.fetch(path, { method, headers: { authorization: `Bearer ${user.token}` }, ...(data === undefined ? {} : { data }) });
  const text = await res.text();
  return { status: res.status(), body: text ? JSON.parse(text) : undefined };
}
