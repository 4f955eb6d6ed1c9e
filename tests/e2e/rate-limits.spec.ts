import http from "node:http";
import { expect, test } from "@playwright/test";
import { api, apiUser } from "./support/api";

/** A raw POST to an app's origin on the running server, with headers a browser would never let a page set. */
function postToApp(host: string, path: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
  const base = new URL(test.info().project.use.baseURL ?? "");
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: base.port, path, method: "POST", headers: { host, "content-type": "application/json", ...headers } }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on("error", reject);
    req.end("{}");
  });
}

test("a client cannot dodge an app's per-client limit by making up X-Forwarded-For", async ({ request }) => {
  const user = await apiUser(request, "Limits");
  const project = (await api(request, user, "POST", "/api/projects", { name: "Limited app" })).body;
  expect((await api(request, user, "PUT", `/api/projects/${project.id}/files/functions/ping.ts`, { content: "export default async () => ({ pong: true });\n" })).status).toBe(200);
  const host = new URL(project.appUrl as string).host;
  const statuses: number[] = [];
  let refused: http.IncomingHttpHeaders | undefined;
  for (let i = 0; i < 41; i++) {
    const res = await postToApp(host, "/_fn/ping", { "x-forwarded-for": `203.0.113.${i}`, "x-real-ip": `203.0.113.${i}` });
    statuses.push(res.status);
    if (res.status === 429) refused = res.headers;
  }
  expect(statuses.slice(0, 40).every((s) => s === 200)).toBe(true);
  expect(statuses[40]).toBe(429);
  expect(refused?.["ratelimit-limit"]).toBe("40");
  expect(Number(refused?.["retry-after"])).toBeGreaterThanOrEqual(1);
});
