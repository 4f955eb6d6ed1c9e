import http from "node:http";
import { expect, test } from "@playwright/test";
import { api, apiUser } from "./support/api";
import { METRICS_PORT, PORT } from "./support/servers";

/** A raw GET to 127.0.0.1:`port` with the given Host header (app origins are told apart by Host). */
function get(port: number, path: string, host = `127.0.0.1:${port}`): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    http.get({ host: "127.0.0.1", port, path, headers: { host } }, (res) => {
      res.setEncoding("utf8");
      let body = "";
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, type: res.headers["content-type"] ?? "", body }));
    }).on("error", reject);
  });
}

const HELLO = `export default function handler() { return { hello: "world" }; }\n`;

test("Prometheus scrapes its own listener; /metrics on the IDE and app origins is never the registry", async ({ request }) => {
  const user = await apiUser(request, "Metrics");
  const project = (await api(request, user, "POST", "/api/projects", { name: "Metrics app" })).body;
  expect((await api(request, user, "PUT", `/api/projects/${project.id}/files/functions/hello.ts`, { content: HELLO })).status).toBe(200);
  const appHost = new URL(project.appUrl as string).host;
  const fn = await get(PORT, "/_fn/hello", appHost);
  expect(fn.status).toBe(200);

  const ide = await get(PORT, "/metrics", `localhost:${PORT}`);
  expect(ide.status).toBe(404);
  expect(ide.body).not.toContain("myco_");
  const unknownApp = await get(PORT, "/metrics", `no-such-app.apps.localhost:${PORT}`);
  expect(unknownApp.status).toBe(404);
  expect(unknownApp.body).not.toContain("myco_");
  // On an app's origin every other path is the app's own page, never the registry.
  const app = await get(PORT, "/metrics", appHost);
  expect(app.body).not.toContain("myco_");

  const scrape = await get(METRICS_PORT, "/metrics");
  expect(scrape.status).toBe(200);
  expect(scrape.type).toMatch(/^text\/plain; version=0\.0\.4/);
  expect(scrape.body).toMatch(/^myco_http_requests_total\{route="\/api\/ready",method="GET",status="200"\} \d+$/m);
  expect(scrape.body).toMatch(/^myco_http_requests_total\{route="\/(apps-host\/\{slug\}\/\{env\}\/myco-fn|_fn)\/\{name\}",method="GET",status="200"\} \d+$/m);
  expect(scrape.body).toContain(`myco_function_invocations_total{project="${project.id}",outcome="ok"} 1`);
  expect(scrape.body).toMatch(/^myco_db_pool_connections\{state="total"\} [1-9]\d*$/m);
  expect(scrape.body).toMatch(/^myco_process_resident_memory_bytes \d+/m);
  expect(scrape.body).not.toContain(project.slug as string);
  expect((await get(METRICS_PORT, "/")).status).toBe(404);
});
