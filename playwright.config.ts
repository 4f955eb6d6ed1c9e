import { defineConfig } from "@playwright/test";
import { METRICS_PORT, MODEL_PORT, MODEL_SERVER_PORT, PORT, SENTRY_DSN, SENTRY_PORT } from "./tests/e2e/support/servers";

// The e2e suite runs against a production build (`next build` first; tests/run.mjs does it) served on
// its own port with a throw-away data dir, in Debian's Chromium: Playwright never downloads a browser.
const BASE_URL = `http://localhost:${PORT}`;

function server(port: number, dataDir: string, extraEnv: Record<string, string> = {}) {
  const url = `http://localhost:${port}`;
  return {
    command: `rm -rf ${dataDir} && node --no-node-snapshot lib/http/server.mjs`,
    url: `${url}/api/ready`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "ignore" as const,
    stderr: "pipe" as const,
    env: {
      PORT: String(port),
      MYCO_DATA_DIR: dataDir,
      MYCO_URL: url,
      MYCO_APPS_URL: `http://{slug}.apps.localhost:${port}`,
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "warn",
      MYCO_METRICS_PORT: "0",
      // Every e2e user signs up from 127.0.0.1, so the per-address account limits are raised to fit the
      // suite; the per-client limit on app functions is lowered so a test can reach it quickly.
      MYCO_RATE_LIMITS: JSON.stringify({ signUps: { limit: 500 }, signInAttempts: { limit: 500 }, tokens: { limit: 500 }, appCallsPerClient: { limit: 40 } }),
      ...extraEnv,
    },
  };
}

export default defineConfig({
  testDir: "./tests/e2e",
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: "test-results",
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL: BASE_URL,
    browserName: "chromium",
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: [
    // Projects' own model endpoints may be on loopback here: tests/e2e/ide-model-usage.spec.ts runs one.
    server(PORT, "data/e2e", { AI_ALLOW_PRIVATE_HOSTS: "127.0.0.1", MYCO_METRICS_PORT: String(METRICS_PORT) }),
    server(MODEL_PORT, "data/e2e-model", { AI_BASE_URL: `http://127.0.0.1:${MODEL_SERVER_PORT}/v1`, AI_MODEL: "scripted-model", AI_API_KEY: "e2e" }),
    // Error reporting to a fake ingest that tests/e2e/sentry.spec.ts runs only while it needs it.
    server(SENTRY_PORT, "data/e2e-sentry", { SENTRY_DSN }),
  ],
});
