import { describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import { POST as signUp } from "@/app/api/auth/signup/route";
import { GET as listTokens, POST as createToken } from "@/app/api/tokens/route";
import { DELETE as revokeToken } from "@/app/api/tokens/[tokenId]/route";
import { GET as me } from "@/app/api/me/route";
import { POST as createProject } from "@/app/api/projects/route";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { sessionCookie } from "@/lib/auth";
import { IDE_ORIGIN, call } from "@/tests/support/http";
import { TEST_PASSWORD, signUpUser } from "@/tests/support/accounts";

async function sessionCookieFor(userId: string): Promise<string> {
  const { name } = sessionCookie();
  const jwt = await encode({ token: { sub: userId }, secret: getConfig().authSecret, salt: name });
  return `${name}=${jwt}`;
}

describe("sign-up", () => {
  it("makes the first account platform admin and later ones not", async () => {
    const first = await call(signUp, { method: "POST", body: { email: "First@Example.test", password: TEST_PASSWORD, name: "First" } });
    const second = await call(signUp, { method: "POST", body: { email: "second@example.test", password: TEST_PASSWORD, name: "Second" } });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ email: "first@example.test", isAdmin: true });
    expect(second.body).toMatchObject({ isAdmin: false });
    const stored = await (await getDb()).user.findUniqueOrThrow({ where: { email: "first@example.test" } });
    expect(stored.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(stored.passwordHash).not.toContain(TEST_PASSWORD);
  });

  it("refuses a taken email with 409 naming the field, case-insensitively", async () => {
    await call(signUp, { method: "POST", body: { email: "dup@example.test", password: TEST_PASSWORD, name: "A" } });
    const again = await call(signUp, { method: "POST", body: { email: "DUP@example.test", password: TEST_PASSWORD, name: "B" } });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "conflict", field: "email" });
  });

  it.each([
    [{ email: "nope", password: TEST_PASSWORD, name: "X" }, "email"],
    [{ email: "x@example.test", password: "short", name: "X" }, "password"],
    [{ email: "x@example.test", password: TEST_PASSWORD, name: "" }, "name"],
    [{ email: "x@example.test", password: TEST_PASSWORD }, "name"],
    [{ email: "x@example.test", password: TEST_PASSWORD, name: "X", isAdmin: true }, "isAdmin"],
    [{ email: "x@example.test", password: "p".repeat(201), name: "X" }, "password"],
  ])("answers 400 naming the field for %j", async (body, field) => {
    const res = await call(signUp, { method: "POST", body });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "bad_request", field });
    expect(await (await getDb()).user.count({ where: { email: "x@example.test" } })).toBe(0);
  });

  it("answers 400 for malformed or missing JSON", async () => {
    const malformed = await call(signUp, { method: "POST", rawBody: "{not json", headers: { "content-type": "application/json" } });
    const missing = await call(signUp, { method: "POST" });
    expect(malformed.body.error).toMatchObject({ code: "bad_request", field: "body" });
    expect(missing.status).toBe(400);
  });
});

describe("API tokens", () => {
  it("are issued once for email and password, then authenticate every API call", async () => {
    const user = await signUpUser("Token Owner");
    const res = await call(me, { token: user.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: user.id, email: user.email });
    const listed = await call(listTokens, { token: user.token });
    expect(listed.body).toHaveLength(1);
    expect(JSON.stringify(listed.body)).not.toContain(user.token);
    const row = await (await getDb()).apiToken.findFirstOrThrow({ where: { userId: user.id } });
    expect(row.tokenHash).not.toContain(user.token);
  });

  it("refuses a wrong password and a missing credential with 401 naming the field", async () => {
    const user = await signUpUser("Wrong");
    const wrong = await call(createToken, { method: "POST", body: { name: "x", email: user.email, password: "not the password" } });
    const none = await call(createToken, { method: "POST", body: { name: "x" } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.field).toBe("password");
    expect(none.status).toBe(401);
  });

  it("stop working once revoked, and another user's token is not theirs to revoke", async () => {
    const user = await signUpUser("Revoker");
    const other = await signUpUser("Other");
    const [token] = (await call(listTokens, { token: user.token })).body;
    const foreign = await call(revokeToken, { method: "DELETE", token: other.token, params: { tokenId: token.id } });
    expect(foreign.status).toBe(404);
    const revoked = await call(revokeToken, { method: "DELETE", token: user.token, params: { tokenId: token.id } });
    expect(revoked.status).toBe(204);
    const after = await call(me, { token: user.token });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("unauthorized");
  });

  it("expire", async () => {
    const user = await signUpUser("Expiring");
    const issued = await call(createToken, { method: "POST", token: user.token, body: { name: "short", expiresInDays: 1 } });
    await (await getDb()).apiToken.update({ where: { id: issued.body.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await call(me, { token: issued.body.token })).status).toBe(401);
  });

  it("answers 401 without identity and for a malformed Authorization header", async () => {
    expect((await call(me)).status).toBe(401);
    const malformed = await call(me, { headers: { authorization: "Basic abc" } });
    expect(malformed.status).toBe(401);
    expect(malformed.body.error.field).toBe("authorization");
  });
});

describe("session cookies", () => {
  it("authenticate reads, and mutations only from the IDE's own origin", async () => {
    const user = await signUpUser("Cookie");
    const cookie = await sessionCookieFor(user.id);
    expect((await call(me, { headers: { cookie } })).body.id).toBe(user.id);
    const body = { name: "From a cookie" };
    const noOrigin = await call(createProject, { method: "POST", body, headers: { cookie } });
    const evil = await call(createProject, { method: "POST", body, headers: { cookie, origin: "http://evil.test" } });
    const tenantApp = await call(createProject, { method: "POST", body, headers: { cookie, origin: "http://shop.apps.localhost:3000" } });
    const ide = await call(createProject, { method: "POST", body, headers: { cookie, origin: IDE_ORIGIN } });
    const fetchMeta = await call(createProject, { method: "POST", body, headers: { cookie, "sec-fetch-site": "same-origin" } });
    expect([noOrigin.status, evil.status, tenantApp.status]).toEqual([403, 403, 403]);
    expect(evil.body.error.code).toBe("forbidden");
    expect([ide.status, fetchMeta.status]).toEqual([201, 201]);
  });

  it("refuse reads another site starts, whatever the method, and keep the IDE's own and typed-in ones", async () => {
    const user = await signUpUser("CrossSite");
    const cookie = await sessionCookieFor(user.id);
    const read = (site?: string) => call(me, { headers: { cookie, ...(site && { "sec-fetch-site": site }) } });
    const [crossSite, sameSite, sameOrigin, typed, noHeader] = await Promise.all([read("cross-site"), read("same-site"), read("same-origin"), read("none"), read()]);
    expect([crossSite.status, sameSite.status]).toEqual([403, 403]);
    expect(crossSite.body.error.field).toBe("origin");
    expect([sameOrigin.status, typed.status, noHeader.status]).toEqual([200, 200, 200]);
    const idePost = await call(createProject, { method: "POST", body: { name: "Same site" }, headers: { cookie, origin: IDE_ORIGIN, "sec-fetch-site": "same-site" } });
    expect(idePost.status).toBe(403);
  });

  it("count as none once their user is deleted, and a forged cookie is none", async () => {
    const user = await signUpUser("Gone");
    const cookie = await sessionCookieFor(user.id);
    await (await getDb()).user.delete({ where: { id: user.id } });
    expect((await call(me, { headers: { cookie } })).status).toBe(401);
    const { name } = sessionCookie();
    expect((await call(me, { headers: { cookie: `${name}=forged.jwt.value` } })).status).toBe(401);
  });

  it("API tokens need no origin: scripts are not browsers", async () => {
    const user = await signUpUser("Script");
    const res = await call(createProject, { method: "POST", token: user.token, body: { name: "Scripted" } });
    expect(res.status).toBe(201);
  });
});

describe("password guessing", () => {
  it("locks an account's password sign-in from an address after ten wrong passwords from it, with Retry-After", async () => {
    const user = await signUpUser("Guessed");
    const other = await signUpUser("Unaffected");
    const headers = { "x-forwarded-for": "203.0.113.66" };
    for (let i = 0; i < 10; i++) {
      const wrong = await call(createToken, { method: "POST", headers, body: { name: "x", email: user.email, password: `guess ${i}` } });
      expect(wrong.status).toBe(401);
    }
    const locked = await call(createToken, { method: "POST", headers, body: { name: "x", email: user.email, password: TEST_PASSWORD } });
    expect(locked.status).toBe(429);
    expect(locked.body.error).toMatchObject({ code: "rate_limited", field: "password" });
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(800);
    const elsewhere = await call(createToken, { method: "POST", body: { name: "x", email: user.email, password: TEST_PASSWORD } });
    expect(elsewhere.status).toBe(201);
    const fine = await call(createToken, { method: "POST", headers, body: { name: "x", email: other.email, password: TEST_PASSWORD } });
    expect(fine.status).toBe(201);
  });
});
