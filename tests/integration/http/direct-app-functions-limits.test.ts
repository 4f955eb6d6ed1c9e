// An app's function calls answered past Next's router count against the per-client limit by the
// address server.mjs stamps under its secret header, which a visitor's X-Forwarded-For cannot move.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import "@/app/apps-host/[slug]/[env]/myco-fn/[name]/[[...path]]/route";
import { shutdownRuntime } from "@/lib/functions";
import type { DirectRoute } from "@/lib/http";
import { appOrigin } from "@/lib/security";
import { createTestProject, signUpUser } from "@/tests/support/accounts";

const PEER_HEADER = vi.hoisted(() => {
  // Read once, on first use of the configuration, which is after this.
  const name = "x-myco-peer-0123456789abcdef0123456789abcdef";
  process.env.MYCO_PEER_HEADER = name;
  process.env.MYCO_RATE_LIMITS = JSON.stringify({ appCallsPerClient: { limit: 3 } });
  return name;
});

let server: http.Server;
let port = 0;
let appHost = "";

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; direct: boolean }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path, headers: { host: appHost, ...headers } }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, direct: !res.headers["x-fallback"] }));
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  const owner = await signUpUser("Direct limits");
  const project = await createTestProject(owner, "Direct limits app");
  appHost = new URL(appOrigin(project.slug)).host;
  const direct = (globalThis as typeof globalThis & Record<symbol, DirectRoute | undefined>)[Symbol.for("myco.http.directAppFunctions")];
  server = http.createServer((req, res) => {
    // What lib/http/server.mjs does before anything else: the socket's address under the secret name.
    req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
    if (direct?.(req, res)) return;
    res.writeHead(299, { "x-fallback": "next" });
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
}, 60_000);

afterAll(async () => {
  server?.close();
  await shutdownRuntime();
});

describe("function calls answered past Next's router", () => {
  it("count against the per-client limit by the socket's address, whatever X-Forwarded-For or the peer header's name a visitor sends", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await get("/_fn/hello", { "x-forwarded-for": `198.51.100.${i + 1}`, [PEER_HEADER]: `203.0.113.${i + 1}` });
      expect(res.direct).toBe(true);
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });
});
