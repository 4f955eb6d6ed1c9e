// The API document (/api/openapi.json) against the route files on disk and the zod schemas they validate
// with: every route in it, every operation well-formed, and every body it documents accepted by the route.
import { describe, expect, it } from "vitest";
import { routeSpecOf, type DocumentedMethod, type OpenApiOperation } from "@/lib/http";
import { API_ROUTES, UNDOCUMENTED_ROUTES, apiDocument } from "@/app/api/openapi.json/route-table";
import { GET as openApiJson } from "@/app/api/openapi.json/route";
import { discoverRoutes } from "@/tests/support/fuzz/routes";
import { call } from "@/tests/support/http";
import { CannotSample, sampleOf } from "@/tests/support/openapi-sample";

const routes = await discoverRoutes();
const doc = apiDocument();
const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, op]) => ({ path, method: method.toUpperCase() as DocumentedMethod, op: op as OpenApiOperation })),
);

// Bodies no sample from the document alone satisfies, by operation, and why: what JSON Schema does not
// state (a zod refinement across fields). Each must still fail today, so none outlives its reason.
const UNSAMPLEABLE_BODIES: Readonly<Record<string, string>> = {
  "POST /api/projects/{projectId}/db/migrations": "exactly one of sql and operations: a refinement across two optional fields",
};

/** `/api/projects/[projectId]/files/[...path]` → `/api/projects/{projectId}/files/{path}`. */
const openApiPath = (urlPath: string) => urlPath.replace(/\[{1,2}(?:\.\.\.)?([^\]]+)\]{1,2}/g, "{$1}");

describe("the API document", () => {
  it("lists every route file on disk, or says why it leaves one out", () => {
    const tabled = new Set<string>(API_ROUTES.map((r) => r.path));
    const problems = routes
      .filter((r) => !tabled.has(openApiPath(r.urlPath)) && !(r.file in UNDOCUMENTED_ROUTES))
      .map((r) => `${r.file}: add it to API_ROUTES in app/api/openapi.json/route-table.ts`);
    const files = new Set(routes.map((r) => r.file));
    const stale = Object.keys(UNDOCUMENTED_ROUTES).filter((f) => !files.has(f)).map((f) => `${f}: no such route file`);
    expect([...problems, ...stale]).toEqual([]);
    expect(API_ROUTES.length).toBe(new Set(API_ROUTES.map((r) => r.path)).size);
  });

  it("pairs each table path with that path's own route module", () => {
    for (const entry of API_ROUTES) {
      const onDisk = routes.find((r) => openApiPath(r.urlPath) === entry.path);
      expect(onDisk, entry.path).toBeDefined();
      for (const h of onDisk?.handlers ?? []) expect((entry.module as Record<string, unknown>)[h.method], `${h.method} ${entry.path}`).toBe(h.handler);
    }
  });

  it("documents every method a listed file implements with route(), and only those refuse with 405", async () => {
    const problems: string[] = [];
    for (const route of routes.filter((r) => !(r.file in UNDOCUMENTED_ROUTES))) {
      const item = doc.paths[openApiPath(route.urlPath)] ?? {};
      for (const { method, handler, spec } of route.handlers) {
        if (method === "OPTIONS" || (method === "HEAD" && item.get)) continue;
        const documented = item[method.toLowerCase() as Lowercase<DocumentedMethod>] !== undefined;
        if (spec && !documented) problems.push(`${method} ${route.urlPath} is a route() but not documented`);
        if (spec) continue;
        const res = await handler(new Request(`http://localhost${route.urlPath}`, { method }), { params: Promise.resolve({}) });
        if (res.status !== 405) problems.push(`${method} ${route.urlPath} is neither documented nor a 405 (${res.status})`);
      }
    }
    expect(problems).toEqual([]);
    expect(operations.length).toBeGreaterThan(60);
  });

  it("is OpenAPI 3.1 in shape: unique operationIds, every path param declared and required, refs resolved", () => {
    expect(doc.openapi).toBe("3.1.0");
    const ids = operations.map((o) => o.op.operationId);
    expect(ids.length).toBe(new Set(ids).size);
    const problems: string[] = [];
    for (const { path, method, op } of operations) {
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const declared = op.parameters.filter((p) => p.in === "path");
      if (JSON.stringify(declared.map((p) => p.name)) !== JSON.stringify(inPath)) problems.push(`${method} ${path}: path params ${declared.map((p) => p.name).join(",")}`);
      if (declared.some((p) => !p.required)) problems.push(`${method} ${path}: a path param is optional`);
      if (!Object.keys(op.responses).some((s) => s.startsWith("2"))) problems.push(`${method} ${path}: no success response`);
      if (!op["x-myco-access"] || !op.summary || op.tags.length !== 1) problems.push(`${method} ${path}: access, summary or tag missing`);
      for (const s of op.security) for (const name of Object.keys(s)) if (!(name in doc.components.securitySchemes)) problems.push(`${method} ${path}: security ${name}`);
    }
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1] ?? "");
    for (const ref of refs) if (!(ref in doc.components.schemas)) problems.push(`unresolved $ref ${ref}`);
    expect(problems).toEqual([]);
  });

  it("states access as route() enforces it: a session or a token, and none for public routes", () => {
    for (const { path, method, op } of operations) {
      const handler = API_ROUTES.find((r) => r.path === path)?.module as Record<string, unknown> | undefined;
      expect(op["x-myco-access"], `${method} ${path}`).toBe(routeSpecOf(handler?.[method])?.access);
      expect(op.security.some((s) => Object.keys(s).length === 0), `${method} ${path}`).toBe(op["x-myco-access"] === "public");
      if (op["x-myco-access"] !== "public") expect(op.responses["401"], `${method} ${path}`).toBeDefined();
    }
  });

  it("documents only bodies the route's own zod schema accepts, sampled from the document alone", () => {
    const problems: string[] = [];
    let checked = 0;
    for (const { path, method, op } of operations) {
      const key = `${method} ${path}`;
      const jsonSchema = op.requestBody?.content["application/json"].schema;
      const handler = (API_ROUTES.find((r) => r.path === path)?.module as Record<string, unknown>)[method];
      const zodBody = routeSpecOf(handler)?.body;
      expect(Boolean(jsonSchema), key).toBe(Boolean(zodBody));
      if (!jsonSchema || !zodBody) continue;
      let samples: unknown[];
      try {
        // What is required, then everything: a refinement may want one of several optional fields.
        samples = [sampleOf(jsonSchema, doc.components.schemas), sampleOf(jsonSchema, doc.components.schemas, true)];
      } catch (err) {
        if (!(err instanceof CannotSample)) throw err;
        if (!UNSAMPLEABLE_BODIES[key]) problems.push(`${key}: cannot sample (${err.message}); name it in UNSAMPLEABLE_BODIES`);
        continue;
      }
      const refusal = zodBody.safeParse(samples[0]).error;
      const accepted = !refusal || samples.slice(1).some((s) => zodBody.safeParse(s).success);
      checked++;
      if (accepted && UNSAMPLEABLE_BODIES[key]) problems.push(`${key}: samples now; drop it from UNSAMPLEABLE_BODIES`);
      if (!accepted && !UNSAMPLEABLE_BODIES[key]) {
        problems.push(`${key}: ${JSON.stringify(samples[0])} refused: ${refusal?.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  });

  it("documents only query strings the route accepts, required parameters sampled as strings", () => {
    const problems: string[] = [];
    for (const { path, method, op } of operations) {
      const query = op.parameters.filter((p) => p.in === "query" && p.required);
      const handler = (API_ROUTES.find((r) => r.path === path)?.module as Record<string, unknown>)[method];
      const schema = routeSpecOf(handler)?.query;
      if (!schema) continue;
      const sample = Object.fromEntries(query.map((p) => [p.name, String(sampleOf(p.schema, doc.components.schemas))]));
      const parsed = schema.safeParse(sample);
      if (!parsed.success) problems.push(`${method} ${path}?${new URLSearchParams(sample).toString()}: ${parsed.error.issues[0]?.message}`);
    }
    expect(problems).toEqual([]);
  });
});

describe("GET /api/openapi.json", () => {
  it("serves the document to anyone, cacheable", async () => {
    const res = await call(openApiJson, { path: "/api/openapi.json" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(res.headers.get("cache-control")).toBe("public, max-age=300");
    expect(res.body.openapi).toBe("3.1.0");
    expect(Object.keys(res.body.paths)).toContain("/api/projects/{projectId}/files/{path}");
    expect(res.body.paths["/api/openapi.json"].get["x-myco-access"]).toBe("public");
  });
});
