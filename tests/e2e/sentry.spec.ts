import http from "node:http";
import { expect, test } from "@playwright/test";
import { SENTRY_DSN, SENTRY_INGEST_PORT, SENTRY_PORT } from "./support/servers";

// The browser half of error reporting: the IDE served with SENTRY_DSN (playwright.config.ts) initialises
// Sentry in the browser (instrumentation-client.ts) and posts an uncaught error to the DSN's ingest, a
// fake one here that keeps the envelopes it receives.
function startIngest(): { received: string[]; close(): Promise<void>; listening: Promise<void> } {
  const received: string[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      if (req.method === "POST" && req.url?.startsWith("/api/1/envelope/")) received.push(body);
      res.writeHead(200, { "access-control-allow-origin": "*", "access-control-allow-headers": "*", "content-type": "application/json" }).end("{}");
    });
  });
  const listening = new Promise<void>((resolve) => server.listen(SENTRY_INGEST_PORT, "127.0.0.1", resolve));
  return { received, listening, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

test.describe("with SENTRY_DSN", () => {
  test.use({ baseURL: `http://localhost:${SENTRY_PORT}` });

  test("the IDE sends an uncaught browser error to the DSN's ingest, which its CSP allows", async ({ page }) => {
    const ingest = startIngest();
    await ingest.listening;
    try {
      const response = await page.goto("/sign-in");
      expect(response?.headers()["content-security-policy"]).toContain(`connect-src 'self' http://127.0.0.1:${SENTRY_INGEST_PORT}`);
      await expect(page.locator("html")).toHaveAttribute("data-sentry-dsn", SENTRY_DSN);
      await page.evaluate(() => setTimeout(() => {
        throw new Error("e2e browser kaboom");
      }));
      await expect.poll(() => ingest.received.some((body) => body.includes("e2e browser kaboom")), { timeout: 15_000 }).toBe(true);
    } finally {
      await ingest.close();
    }
  });
});

test("without SENTRY_DSN the IDE renders no DSN and its CSP connects only to itself", async ({ page }) => {
  const response = await page.goto("/sign-in");
  expect(response?.headers()["content-security-policy"]).toMatch(/connect-src 'self'(;| ws:;)/);
  await expect(page.locator("html")).not.toHaveAttribute("data-sentry-dsn", /./);
});
