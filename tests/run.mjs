// `npm test`: the whole suite (vitest unit + integration, then a production build and Playwright e2e in
// Chromium), ending with one "N passed, N failed" line. `--db-only` runs just the database-backed
// integration tests (CI runs them again against PostgreSQL with TEST_DATABASE_URL set), listed below.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

const dbOnly = process.argv.includes("--db-only");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
fs.mkdirSync("test-results", { recursive: true });

function run(cmd, args, extraEnv = {}) {
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  return r.status ?? 1;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

const tally = { passed: 0, failed: 0 };
let exitCode = 0;

function vitest(label, paths) {
  const out = `test-results/vitest-${label}.json`;
  fs.rmSync(out, { force: true });
  const code = run("npx", ["vitest", "run", ...paths, "--reporter=default", "--reporter=json", `--outputFile.json=${out}`]);
  const r = readJson(out);
  tally.passed += r?.numPassedTests ?? 0;
  tally.failed += r ? r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0) : 1;
  if (code !== 0) exitCode = code;
}

function e2e() {
  const out = "test-results/e2e.json";
  fs.rmSync(out, { force: true });
  if (run("npx", ["next", "build"]) !== 0) {
    tally.failed += 1;
    exitCode = 1;
    return;
  }
  const code = run("npx", ["playwright", "test"]);
  const s = readJson(out)?.stats;
  tally.passed += s ? s.expected + s.flaky : 0;
  tally.failed += s ? s.unexpected : 1;
  if (code !== 0) exitCode = code;
}

// The database suite: integration tests whose subject touches the platform database. Tests of the
// bundler, the function runtime, tenant SQLite, the offline planner's builds, HTTP fuzzing and egress use
// it only to sign a user up, so a second run on PostgreSQL would only repeat them.
const NOT_DATABASE = [
  "tests/integration/bundler/**", "tests/integration/tenant-db/**", "tests/integration/functions/runtime-*",
  "tests/integration/functions/isolation.test.ts", "tests/integration/functions/db-cancellation.test.ts",
  "tests/integration/functions/runner-pool*.test.ts", "tests/integration/functions/code-cache.test.ts",
  "tests/integration/agent/offline-*", "tests/integration/agent/tools-*", "tests/integration/agent/app-check.test.ts",
  "tests/integration/agent/render-check.test.ts", "tests/integration/agent/providers.test.ts", "tests/integration/agent/loop.test.ts",
  "tests/integration/http/fuzz.test.ts", "tests/integration/security/egress.test.ts",
];

if (dbOnly) {
  vitest("db", ["tests/integration", ...NOT_DATABASE.map((glob) => `--exclude=${glob}`)]);
} else {
  vitest("all", []);
  e2e();
}

if (process.env.MYCO_TEST_TALLY) fs.appendFileSync(process.env.MYCO_TEST_TALLY, `${tally.passed} ${tally.failed}\n`);
console.log(`${tally.passed} passed, ${tally.failed} failed`);
process.exit(exitCode);
