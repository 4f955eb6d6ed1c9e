import http from "node:http";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Sentry from "@sentry/nextjs";

// Error reporting against a local fake ingest: Sentry's SDK posts envelopes to
// http://<host>/api/<projectId>/envelope/, which this server keeps. The DSN is set before anything reads
// the configuration (lib/config parses the environment once).
type Envelope = { path: string; body: string };
const received: Envelope[] = [];
const ingest = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const raw = Buffer.concat(chunks);
    const body = req.headers["content-encoding"] === "gzip" ? gunzipSync(raw).toString("utf8") : raw.toString("utf8");
    received.push({ path: req.url ?? "", body });
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => ingest.listen(0, "127.0.0.1", resolve));
  const { port } = ingest.address() as import("node:net").AddressInfo;
  process.env.SENTRY_DSN = `http://publickey@127.0.0.1:${port}/1`;
  const { initErrorReporting } = await import("@/lib/log");
  initErrorReporting();
});

afterAll(async () => {
  await Sentry.close(2_000);
  await new Promise((resolve) => ingest.close(resolve));
});

/** The envelopes that arrived mentioning `text`, after Sentry sent what it had. */
async function envelopesWith(text: string): Promise<Envelope[]> {
  await Sentry.flush(5_000);
  return received.filter((e) => e.body.includes(text));
}

describe("error reporting with SENTRY_DSN", () => {
  it("lets the IDE's pages connect to the DSN's origin, for the browser's reports", async () => {
    const { ideSecurityHeaders } = await import("@/lib/security");
    const { port } = ingest.address() as import("node:net").AddressInfo;
    expect(ideSecurityHeaders("n")["content-security-policy"]).toContain(`connect-src 'self' http://127.0.0.1:${port};`);
  });

  it("sends log.error's error, message and event to the DSN's ingest", async () => {
    const { log } = await import("@/lib/log");
    log.error("test.reported", { projectId: "p-1" }, new Error("kaboom from log.error"));
    const [envelope] = await envelopesWith("kaboom from log.error");
    expect(envelope?.path).toMatch(/^\/api\/1\/envelope\/(\?|$)/);
    expect(envelope?.body).toContain('"type":"event"');
    expect(envelope?.body).toContain('"event":"test.reported"');
    expect(envelope?.body).toContain("publickey");
  });

  it("reports an error a route handler throws, while the client gets a generic 500", async () => {
    const { route } = await import("@/lib/http");
    const { call } = await import("@/tests/support/http");
    const handler = route({ access: "public" }, () => {
      throw new Error("kaboom from a route handler");
    });
    const res = await call(handler, { path: "/api/boom" });
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toContain("kaboom");
    const [envelope] = await envelopesWith("kaboom from a route handler");
    expect(envelope?.body).toContain('"event":"http.unhandled"');
  });

  it("sends the error only: never the request's body, cookies, headers or query string", async () => {
    const { route } = await import("@/lib/http");
    const { call } = await import("@/tests/support/http");
    const { z } = await import("zod");
    // Made at run time: Sentry sends the source lines around a stack frame, and this file's must not match.
    const tag = crypto.randomUUID();
    const secrets = { body: `body-${tag}`, query: `query-${tag}`, cookie: `cookie-${tag}`, header: `header-${tag}` };
    const handler = route({ access: "public", body: z.strictObject({ value: z.string() }) }, () => {
      throw new Error(`kaboom ${tag}`);
    });
    await call(handler, {
      method: "POST",
      path: `/api/boom?apiKey=${secrets.query}`,
      body: { value: secrets.body },
      headers: { cookie: `theme=${secrets.cookie}`, "x-api-key": secrets.header },
    });
    const [envelope] = await envelopesWith(`kaboom ${tag}`);
    expect(envelope).toBeDefined();
    for (const secret of Object.values(secrets)) expect(envelope?.body).not.toContain(secret);
  });
});
