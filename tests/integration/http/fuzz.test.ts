// Every route module under app/api and app/apps-host, found by walking the folders, called as Next
// calls it with each class of bad input (tests/support/fuzz/classes.ts) in each param, in the query
// and in each field of a body derived from the route's own zod schema.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shutdownRuntime } from "@/lib/functions";
import { printableText } from "@/lib/security";
import type { TestUser } from "@/tests/support/accounts";
import { describeClasses, HOSTILE_HEADERS } from "@/tests/support/fuzz/classes";
import { seedFixture } from "@/tests/support/fuzz/fixture";
import { hostileCases, refusedCases, validCase, type Case } from "@/tests/support/fuzz/cases";
import { discoverRoutes, implementedHandlers, pathFor, ROUTE_METHODS, type RouteHandler, type RouteModule } from "@/tests/support/fuzz/routes";
import { refusalProblem, send, survivalProblem } from "@/tests/support/fuzz/send";
import { snapshotState } from "@/tests/support/fuzz/state";
import type { Fixture } from "@/tests/support/fuzz/values";

const routes = await discoverRoutes();
const CATCH_ALL = "/api/[...path]";
// Each call starts a full agent run (model loop, build, commit); its prompt is fuzzed for refused classes only.
const TOO_COSTLY_FOR_HOSTILE_BODIES = new Set(["POST /api/projects/[projectId]/agent/runs"]);

let owner: TestUser;
let fx: Fixture;
const sent = { refused: 0, hostile: 0 };

beforeAll(async () => {
  ({ owner, fx } = await seedFixture());
}, 120_000);
afterAll(() => shutdownRuntime());

async function allowOf(route: RouteModule): Promise<string | null> {
  const options = route.handlers.find((h) => h.method === "OPTIONS");
  if (!options) return null;
  const res = await send(options.handler, { method: "OPTIONS", path: route.urlPath, params: {}, token: owner.token });
  return res.headers.get("allow");
}

async function run(route: RouteModule, h: RouteHandler, c: Case, headers?: Record<string, string>) {
  const body = h.method === "GET" || h.method === "HEAD" ? undefined : c.body;
  return send(h.handler, { method: h.method, path: pathFor(route, c.params), query: c.query, params: c.params, body, contentType: c.contentType, token: owner.token, headers });
}

describe("the route fuzz", () => {
  it("tries these classes of input", () => {
    console.info(`Fuzz classes:\n${describeClasses()}`);
    expect(routes.length).toBeGreaterThan(30);
  });

  it("finds every route file, and each answers every method: its own, or a JSON 405 with Allow", async () => {
    const problems: string[] = [];
    for (const route of routes) {
      const methods = route.handlers.map((h) => h.method);
      const hasGet = methods.includes("GET");
      for (const m of ROUTE_METHODS) if (!methods.includes(m) && !(m === "HEAD" && hasGet)) problems.push(`${route.file} exports no ${m} (end it with notAllowed)`);
      if (route.urlPath === CATCH_ALL) continue;
      const allow = await allowOf(route);
      if (!allow) {
        problems.push(`${route.file}: OPTIONS sends no Allow`);
        continue;
      }
      for (const h of route.handlers.filter((x) => x.method !== "OPTIONS" && !allow.split(", ").includes(x.method))) {
        const res = await send(h.handler, { method: h.method, path: route.urlPath, params: {}, token: owner.token });
        const problem = res.status === 405 ? refusalProblem(res, "method") : `status ${res.status}`;
        if (problem || res.headers.get("allow") !== allow) problems.push(`${h.method} ${route.urlPath}: ${problem ?? `Allow ${res.headers.get("allow")}`}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("answers every method on an unknown /api path with a JSON 404 naming path", async () => {
    const route = routes.find((r) => r.urlPath === CATCH_ALL);
    for (const h of route?.handlers ?? []) {
      const res = await send(h.handler, { method: h.method, path: "/api/nothing/%00", params: { path: ["nothing", "\u0000"] }, token: owner.token });
      expect(refusalProblem(res, "path"), h.method).toBeNull();
      expect(res.status).toBe(404);
    }
  });
});

describe.each(routes.filter((r) => r.urlPath !== CATCH_ALL).map((r) => [r.urlPath, r] as const))("%s", (_path, route) => {
  it("refuses each malformed class with a 4xx naming the field, and stores nothing", async () => {
    const before = await snapshotState({ userId: owner.id, projectId: fx.projectId });
    const problems: string[] = [];
    for (const h of await implementedHandlers(route)) {
      for (const c of refusedCases(route, h, fx)) {
        const res = await run(route, h, c);
        sent.refused++;
        const problem = refusalProblem(res, c.field === undefined ? undefined : printableText(c.field));
        if (problem) problems.push(`${h.method} ${c.what}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
    expect(await snapshotState({ userId: owner.id, projectId: fx.projectId })).toEqual(before);
  }, 300_000);

  it("never answers hostile but storable input with a 5xx", async () => {
    const problems: string[] = [];
    for (const h of await implementedHandlers(route)) {
      const skipBodies = TOO_COSTLY_FOR_HOSTILE_BODIES.has(`${h.method} ${route.urlPath}`);
      for (const c of hostileCases(route, h, fx, { skipBodies })) {
        const problem = survivalProblem(await run(route, h, c));
        sent.hostile++;
        if (problem) problems.push(`${h.method} ${c.what}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
  }, 600_000);
});

describe("hostile headers", () => {
  it("never make a route answer 5xx, and none passes for a credential", async () => {
    const problems: string[] = [];
    for (const route of routes.filter((r) => r.urlPath !== CATCH_ALL)) {
      for (const h of await implementedHandlers(route)) {
        for (const { name, headers } of HOSTILE_HEADERS) {
          const res = await run(route, h, validCase(route, h, fx), headers);
          sent.hostile++;
          const problem = survivalProblem(res) ?? (h.spec?.access.startsWith("project:") && res.status !== 401 ? `status ${res.status} without a credential` : null);
          if (problem) problems.push(`${h.method} ${route.urlPath} ${name}: ${problem}`);
        }
      }
    }
    expect(problems).toEqual([]);
  }, 600_000);
});

describe("the route fuzz, in total", () => {
  it("sent thousands of requests to the route handlers", () => {
    console.info(`Fuzz: ${sent.refused} malformed requests refused, ${sent.hostile} hostile requests survived, over ${routes.length} route files.`);
    expect(sent.refused).toBeGreaterThan(1500);
    expect(sent.hostile).toBeGreaterThan(1500);
  });
});
