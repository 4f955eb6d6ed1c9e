import { defineConfig } from "@playwright/test";

// The e2e suite runs against a production build (`next build` first; tests/run.mjs does it) served on
// its own port with a throw-away data dir, in Debian's Chromium: Playwright never downloads a browser.
const PORT = 3100;
const BASE_URL = `http://localhost:${PORT}`;

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
  webServer: {
    command: `rm -rf data/e2e && next start -p ${PORT}`,
    url: `${BASE_URL}/api/ready`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      MYCO_DATA_DIR: "data/e2e",
      MYCO_URL: BASE_URL,
      MYCO_APPS_URL: `http://{slug}.apps.localhost:${PORT}`,
      NODE_OPTIONS: "--no-node-snapshot",
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "warn",
    },
  },
});
