import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { POST as signUpRoute } from "@/app/api/auth/signup/route";
import { GET as listTokens, POST as tokensRoute } from "@/app/api/tokens/route";
import { DELETE as revokeToken } from "@/app/api/tokens/[tokenId]/route";
import { GET as listProjectsRoute, POST as projectsRoute } from "@/app/api/projects/route";
import { GET as projectRoute } from "@/app/api/projects/[projectId]/route";
import { GET as usersRoute } from "@/app/api/admin/users/route";
import { POST as migrationsRoute } from "@/app/api/projects/[projectId]/db/migrations/route";
import { POST as queryRoute } from "@/app/api/projects/[projectId]/db/query/route";
import { POST as buildRoute } from "@/app/api/projects/[projectId]/build/route";
import { POST as invokeRoute } from "@/app/api/projects/[projectId]/functions/[name]/invoke/route";
import { POST as publicFn } from "@/app/apps-host/[slug]/[env]/myco-fn/[name]/[[...path]]/route";
import { shutdownRuntime } from "@/lib/functions";
import { call, type CallResult } from "@/tests/support/http";
import { TEST_PASSWORD, createTestProject, signUpUser, testAddress, type TestUser } from "@/tests/support/accounts";
import { putFile } from "@/tests/support/workspace";

// Small limits, so each one is reached in a few calls (read once, at the first getConfig()).
process.env.MYCO_RATE_LIMITS = JSON.stringify({
  signUps: { limit: 3 }, signInAttempts: { limit: 40 }, wrongPasswords: { limit: 3 }, wrongPasswordsPerAccount: { limit: 5 },
  tokens: { limit: 4 }, projects: { limit: 3 }, writes: { limit: 6 }, migrations: { limit: 2 }, queries: { limit: 3 },
  invokes: { limit: 3 }, builds: { limit: 2 }, appCalls: { limit: 5 }, appCallsPerClient: { limit: 3 },
});

afterAll(() => shutdownRuntime());

const from = (address: string) => ({ "x-forwarded-for": address });

function expectRefused(res: CallResult, limit: number, windowSeconds: number): void {
  expect(res.status).toBe(429);
  expect(res.body.error.code).toBe("rate_limited");
  const wait = Number(res.headers.get("retry-after"));
  expect(wait).toBeGreaterThanOrEqual(1);
  expect(wait).toBeLessThanOrEqual(windowSeconds);
  expect(res.headers.get("ratelimit-limit")).toBe(String(limit));
  expect(res.headers.get("ratelimit-remaining")).toBe("0");
  expect(res.headers.get("ratelimit-reset")).toBe(String(wait));
  expect(res.headers.get("ratelimit-policy")).toBe(`${limit};w=${windowSeconds}`);
}

const signUp = (address: string, n: number) =>
  call(signUpRoute, { method: "POST", headers: from(address), body: { email: `limit-${n}-${randomUUID().slice(0, 8)}@example.test`, password: TEST_PASSWORD, name: "L" } });
const passwordToken = (address: string, email: string, password: string) =>
  call(tokensRoute, { method: "POST", headers: from(address), body: { name: "t", email, password } });

describe("sign-up and sign-in limits", () => {
  it("refuses a fourth sign-up from one address, with Retry-After and RateLimit headers, while another address signs up", async () => {
    const address = testAddress();
    for (let n = 0; n < 3; n++) expect((await signUp(address, n)).status).toBe(201);
    expectRefused(await signUp(address, 3), 3, 3600);
    expect((await signUp(testAddress(), 4)).status).toBe(201);
  });

  it("locks password guessing per address and account, never the owner signing in from elsewhere", async () => {
    const owner = await signUpUser("Owner");
    const attacker = testAddress();
    for (let i = 0; i < 3; i++) expect((await passwordToken(attacker, owner.email, `guess ${i}`)).status).toBe(401);
    const locked = await passwordToken(attacker, owner.email, TEST_PASSWORD);
    expectRefused(locked, 3, 900);
    expect(locked.body.error.field).toBe("password");
    expect((await passwordToken(testAddress(), owner.email, TEST_PASSWORD)).status).toBe(201);
  });

  it("past the per-account limit slows guesses from many addresses down but still lets the right password in", async () => {
    const owner = await signUpUser("Targeted");
    for (let i = 0; i < 6; i++) expect((await passwordToken(testAddress(), owner.email, `spray ${i}`)).status).toBe(401);
    const started = Date.now();
    expect((await passwordToken(testAddress(), owner.email, TEST_PASSWORD)).status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
  });
});

describe("limits on what members do", () => {
  it("counts token and project creation per user", async () => {
    const user = await signUpUser("Maker"); // its first token counts against the sign-in address, not the user
    for (let i = 0; i < 4; i++) expect((await call(tokensRoute, { method: "POST", token: user.token, body: { name: `t${i}` } })).status).toBe(201);
    expectRefused(await call(tokensRoute, { method: "POST", token: user.token, body: { name: "t5" } }), 4, 3600);
    for (let i = 0; i < 3; i++) expect((await call(projectsRoute, { method: "POST", token: user.token, body: { name: `p${i}` } })).status).toBe(201);
    expectRefused(await call(projectsRoute, { method: "POST", token: user.token, body: { name: "p4" } }), 3, 3600);
  });

  it("counts writes per member and project, so one member's flood leaves another member writing", async () => {
    const owner = await signUpUser("Writer");
    const project = await createTestProject(owner);
    for (let i = 0; i < 6; i++) expect((await putFile(owner, project.id, `notes/${i}.md`, "x")).status).toBe(200);
    const refused = await putFile(owner, project.id, "notes/7.md", "x");
    expectRefused(refused, 6, 60);
    const other = await signUpUser("Other writer");
    const otherProject = await createTestProject(other);
    expect((await putFile(other, otherProject.id, "notes/1.md", "x")).status).toBe(200);
  });

  it("counts migrations per project, and queries and invocations per member", async () => {
    const owner = await signUpUser("Db user");
    const project = await createTestProject(owner);
    const params = { projectId: project.id };
    const migrate = (n: number) => call(migrationsRoute, { method: "POST", token: owner.token, params, body: { name: `t${n}`, sql: `CREATE TABLE t${n} (id INTEGER PRIMARY KEY)` } });
    expect((await migrate(1)).status).toBe(201);
    expect((await migrate(2)).status).toBe(201);
    expectRefused(await migrate(3), 2, 60);
    const query = () => call(queryRoute, { method: "POST", token: owner.token, params, body: { env: "dev", sql: "SELECT 1 AS one" } });
    for (let i = 0; i < 3; i++) expect((await query()).status).toBe(200);
    expectRefused(await query(), 3, 60);
    const invoke = () => call(invokeRoute, { method: "POST", token: owner.token, params: { ...params, name: "hello" }, body: {} });
    for (let i = 0; i < 3; i++) expect((await invoke()).status).toBe(200);
    expectRefused(await invoke(), 3, 60);
  });

  it("counts build checks per project, whoever asks", async () => {
    const owner = await signUpUser("Builder");
    const project = await createTestProject(owner);
    const build = () => call(buildRoute, { method: "POST", token: owner.token, params: { projectId: project.id } });
    for (let i = 0; i < 2; i++) expect((await build()).status).toBe(200);
    expectRefused(await build(), 2, 60);
  }, 60_000);
});

describe("limits on an app's public functions", () => {
  it("counts calls per client address and per app: one client's flood, then the app's whole budget", async () => {
    const owner = await signUpUser("App owner");
    const project = await createTestProject(owner);
    await putFile(owner, project.id, "functions/ping.ts", "export default async () => ({ pong: true });\n");
    const params = { slug: project.slug, env: "dev", name: "ping" };
    const ping = (address: string) => call(publicFn, { method: "POST", params, path: "/_fn/ping", headers: from(address), body: {} });
    const flooder = testAddress();
    for (let i = 0; i < 3; i++) expect((await ping(flooder)).status).toBe(200);
    expectRefused(await ping(flooder), 3, 60);
    expect((await ping(testAddress())).status).toBe(200);
    expect((await ping(testAddress())).status).toBe(200);
    expectRefused(await ping(testAddress()), 5, 60);
  });
});

async function tokenWith(user: TestUser, body: Record<string, unknown>, token = user.token) {
  const res = await call(tokensRoute, { method: "POST", token, body: { name: "scoped", ...body } });
  return res;
}

describe("API token grants", () => {
  it("a read-only token reads, and is refused every change, including minting a token", async () => {
    const user = await signUpUser("Reader");
    const project = await createTestProject(user);
    const readOnly = (await tokenWith(user, { readOnly: true })).body.token as string;
    expect((await call(projectRoute, { token: readOnly, params: { projectId: project.id } })).status).toBe(200);
    const write = await putFile({ ...user, token: readOnly }, project.id, "a.md", "x");
    expect(write.status).toBe(403);
    expect(write.body.error.field).toBe("authorization");
    expect((await tokenWith(user, {}, readOnly)).status).toBe(403);
  });

  it("a project's token sees only that project and cannot make projects, reach admin routes or widen itself", async () => {
    const user = await signUpUser("Scoped");
    const mine = await createTestProject(user, "Mine");
    const other = await createTestProject(user, "Other");
    const scoped = (await tokenWith(user, { projectId: mine.id })).body.token as string;
    expect((await call(projectRoute, { token: scoped, params: { projectId: mine.id } })).status).toBe(200);
    const hidden = await call(projectRoute, { token: scoped, params: { projectId: other.id } });
    expect(hidden.status).toBe(404);
    expect((await call(listProjectsRoute, { token: scoped })).body.map((p: { id: string }) => p.id)).toEqual([mine.id]);
    expect((await call(projectsRoute, { method: "POST", token: scoped, body: { name: "New" } })).status).toBe(403);
    expect((await call(usersRoute, { token: scoped })).status).toBe(403);
    expect((await tokenWith(user, { projectId: other.id }, scoped)).status).toBe(403);
    const child = await tokenWith(user, {}, scoped);
    expect(child.status).toBe(201);
    expect(child.body.projectId).toBe(mine.id);
    // The user's other tokens (the unrestricted one, one for the other project) stay out of its sight and reach.
    const elsewhere = (await tokenWith(user, { projectId: other.id })).body.id as string;
    const listed = await call(listTokens, { token: scoped });
    expect(listed.status).toBe(200);
    expect(listed.body.map((t: { projectId: string | null }) => t.projectId)).toEqual([mine.id, mine.id]);
    const unrestricted = (await call(listTokens, { token: user.token })).body.find((t: { projectId: string | null }) => t.projectId === null).id as string;
    for (const tokenId of [elsewhere, unrestricted]) {
      expect((await call(revokeToken, { method: "DELETE", token: scoped, params: { tokenId } })).status).toBe(404);
    }
    expect((await call(listProjectsRoute, { token: user.token })).status).toBe(200);
    expect((await call(revokeToken, { method: "DELETE", token: scoped, params: { tokenId: child.body.id } })).status).toBe(204);
  });

  it("a token made by a token expires no later than its parent, and a foreign project is not_found", async () => {
    const user = await signUpUser("Expiring");
    const parent = await tokenWith(user, { expiresInDays: 2 });
    const longer = await tokenWith(user, { expiresInDays: 30 }, parent.body.token);
    const unbounded = await tokenWith(user, {}, parent.body.token);
    const shorter = await tokenWith(user, { expiresInDays: 1 }, parent.body.token);
    expect(longer.body.expiresAt).toBe(parent.body.expiresAt);
    expect(unbounded.body.expiresAt).toBe(parent.body.expiresAt);
    expect(new Date(shorter.body.expiresAt).getTime()).toBeLessThan(new Date(parent.body.expiresAt).getTime());
    const stranger = await signUpUser("Stranger");
    const foreign = await createTestProject(stranger);
    const refused = await tokenWith(await signUpUser("Outsider"), { projectId: foreign.id });
    expect(refused.status).toBe(404);
    expect(refused.body.error.field).toBe("projectId");
  });
});
