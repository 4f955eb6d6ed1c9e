import { afterAll, describe, expect, it } from "vitest";
import { GET as overviewRoute } from "@/app/api/projects/[projectId]/overview/route";
import { GET as dashboardRoute } from "@/app/api/dashboard/route";
import { POST as invokeRoute } from "@/app/api/projects/[projectId]/functions/[name]/invoke/route";
import { shutdownRuntime } from "@/lib/functions";
import { call } from "@/tests/support/http";
import { createTestProject, signUpUser } from "@/tests/support/accounts";
import { putFile } from "@/tests/support/workspace";

afterAll(() => shutdownRuntime());

const HELLO_FN = `
export default async function handler(req: { query: Record<string, string> }) {
  if (req.query.fail) throw new Error("asked to fail");
  return { hello: req.query.name ?? "world" };
}
`;

const APP_JSON = JSON.stringify({
  version: 1,
  name: "Greeter",
  routes: [{ path: "/", page: "home" }, { path: "/about", page: "about" }],
  pages: { home: { title: "Home", body: { type: "text", id: "t", text: "Hi" } }, about: { title: "About us", body: { type: "text", id: "a", text: "About" } } },
});

type Point = { calls: number; errors: number };

describe("the master dashboard", () => {
  it("shows each function's calls, errors and latency over the range, the routes of each environment, and storage", async () => {
    await admin();
    const owner = await signUpUser("Dashboard owner");
    const project = await createTestProject(owner, "Greeter");
    const params = { projectId: project.id };
    await putFile(owner, project.id, "functions/hello.ts", HELLO_FN);
    await putFile(owner, project.id, "app.json", APP_JSON);

    const before = await call(overviewRoute, { token: owner.token, params });
    expect(before.status).toBe(200);
    expect(before.body.functions.find((f: { name: string }) => f.name === "hello").stats.calls).toBe(0);

    for (const query of [{}, { name: "ada" }, { name: "bob" }, { fail: "1" }]) {
      await call(invokeRoute, { method: "POST", token: owner.token, params: { ...params, name: "hello" }, body: { method: "GET", query } });
    }
    // Invocations are recorded after they answer: the figures catch up within moments.
    const helloOf = async () => {
      const res = await call(overviewRoute, { token: owner.token, params, path: "/api/x?range=hour" });
      expect(res.status).toBe(200);
      return { res, hello: res.body.functions.find((f: { name: string }) => f.name === "hello") };
    };
    await expect.poll(async () => (await helloOf()).hello.stats.calls, { timeout: 10_000 }).toBe(4);
    const { res, hello } = await helloOf();
    expect(hello).toMatchObject({ name: "hello", versions: 1, usedBy: [] });
    expect(hello.stats).toMatchObject({ calls: 4, errors: 1, errorRate: 0.25 });
    expect(hello.stats.p50).toBeGreaterThanOrEqual(0);
    expect(hello.stats.p99).toBeGreaterThanOrEqual(hello.stats.p50);
    expect(hello.stats.points).toHaveLength(60);
    expect(hello.stats.points.reduce((n: number, p: Point) => n + p.calls, 0)).toBe(4);
    // The newest buckets hold them (two, should the minute have turned during the calls).
    expect(hello.stats.points.slice(-2).reduce((n: number, p: Point) => n + p.calls, 0)).toBe(4);

    const dev = res.body.routes.find((r: { env: string }) => r.env === "dev");
    expect(dev.pages.map((p: { path: string; title: string }) => [p.path, p.title])).toEqual([["/", "Home"], ["/about", "About us"]]);
    expect(dev.pages.every((p: { url: string }) => p.url.startsWith(`http://${project.slug}.apps.localhost:3000/`))).toBe(true);
    expect(dev.functions).toEqual([{ name: "hello", url: `http://${project.slug}.apps.localhost:3000/_fn/hello` }]);
    expect(res.body.routes.find((r: { env: string }) => r.env === "prod")).toMatchObject({ version: null, pages: [] });
    expect(res.body.storage.workspaceBytes).toBeGreaterThan(0);
    expect(res.body.storage.artifactBytes).toBeGreaterThan(0);

    const day = await call(overviewRoute, { token: owner.token, params, path: "/api/x?range=day" });
    expect(day.body.functions.find((f: { name: string }) => f.name === "hello").stats.points).toHaveLength(24);
    const bad = await call(overviewRoute, { token: owner.token, params, path: "/api/x?range=week" });
    expect(bad.body.error).toMatchObject({ code: "bad_request", field: "range" });

    const list = await call(dashboardRoute, { token: owner.token });
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).toMatchObject({ id: project.id, role: "owner", calls: 4, errors: 1, functions: 1 });
  });

  it("shows the platform admin every project, and nobody a project they are not a member of", async () => {
    const owner = await signUpUser("Private owner");
    const project = await createTestProject(owner, "Private");
    const stranger = await signUpUser("Dashboard stranger");
    expect((await call(overviewRoute, { token: stranger.token, params: { projectId: project.id } })).status).toBe(404);
    expect((await call(dashboardRoute, { token: stranger.token })).body).toEqual([]);
    const platform = await call(dashboardRoute, { token: (await admin()).token });
    expect(platform.body.find((p: { id: string }) => p.id === project.id)).toMatchObject({ name: "Private", role: null });
  });

  it("links a blueprint's pages only on the app's own origin, whatever paths app.json holds", async () => {
    const owner = await signUpUser("Dashboard linker");
    const project = await createTestProject(owner, "Linker");
    const blueprint = JSON.parse(APP_JSON);
    blueprint.routes.push({ path: "@evil.example/login", page: "about" }, { path: "//evil.example/x", page: "about" });
    await putFile(owner, project.id, "app.json", JSON.stringify(blueprint));
    const res = await call(overviewRoute, { token: owner.token, params: { projectId: project.id } });
    const dev = res.body.routes.find((r: { env: string }) => r.env === "dev");
    expect(dev.pages.map((p: { path: string }) => p.path)).toEqual(["/", "/about"]);
  });

  // The first account of the test database is the platform admin: made by the first test that asks, once
  // the database exists (setup makes it before the first test, not when this file is read).
  let adminUser: ReturnType<typeof signUpUser> | undefined;
  const admin = () => (adminUser ??= signUpUser("Dashboard admin"));
});
