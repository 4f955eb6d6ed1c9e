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
const failures = [];
let exitCode = 0;

const firstLine = (text) => String(text ?? "").replace(/\u001b\[[0-9;]*m/g, "").trim().split("\n")[0].slice(0, 200);

function vitest(label, paths) {
  const out = `test-results/vitest-${label}.json`;
  fs.rmSync(out, { force: true });
  const code = run("npx", ["vitest", "run", ...paths, "--reporter=default", "--reporter=json", `--outputFile.json=${out}`]);
  const r = readJson(out);
  const before = failures.length;
  tally.passed += r?.numPassedTests ?? 0;
  tally.failed += r ? r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0) : 1;
  for (const file of r?.testResults ?? []) {
    const name = file.name.replace(`${process.cwd()}/`, "");
    const failed = file.assertionResults.filter((t) => t.status === "failed");
    for (const t of failed) failures.push(`${name} > ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
    if (file.status === "failed" && failed.length === 0) failures.push(`${name}: ${firstLine(file.message)}`);
  }
  if (code !== 0 && failures.length === before) failures.push(`vitest (${label}) exited ${code} with no failed test: an unhandled error, printed above`);
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
  const report = readJson(out);
  const s = report?.stats;
  tally.passed += s ? s.expected + s.flaky : 0;
  tally.failed += s ? s.unexpected : 1;
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== "unexpected") continue;
        const error = test.results?.at(-1)?.error?.message;
        failures.push(`${spec.file} > ${[...titles, spec.title].join(" > ")}: ${firstLine(error)}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
  };
  for (const suite of report?.suites ?? []) walk(suite, []);
  for (const error of report?.errors ?? []) failures.push(`e2e: ${firstLine(error.message)}`);
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
if (process.env.MYCO_TEST_FAILURES && failures.length) fs.appendFileSync(process.env.MYCO_TEST_FAILURES, failures.map((f) => `${f}\n`).join(""));
for (const failure of failures) console.log(`FAILED ${failure}`);
console.log(`${tally.passed} passed, ${tally.failed} failed`);
process.exit(exitCode);
