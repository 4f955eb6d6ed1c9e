import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { MODULE_ORDER } from "@/lib/modules";
import { applyAllowlist, checkTree, formatViolation, RULES, type AllowlistEntry, type Rule, type Violation } from "../support/architecture/check-tree";
import { checkOrderLine, HOUSE_RULES } from "../support/architecture/house-rules";

// The house style's import rules (../shared/house-style.md) on every source file of the repository; which
// rules apply where is in docs/architecture.md. The checker itself is proven by architecture-checker.test.ts.
const ROOT = path.resolve(import.meta.dirname, "../..");

// Each exception names one file, one rule and one specifier or variable, and says why; an entry that no
// longer permits anything fails the test, so none outlives its reason.
const ALLOWLIST: AllowlistEntry[] = [
  { file: "instrumentation.ts", rule: "env", subject: "process.env.NEXT_RUNTIME",
    why: "Next replaces this literal at build time with the runtime it compiles for; lib/config is Node-only and cannot load before the check" },
  ...["SENTRY_AUTH_TOKEN", "SENTRY_ORG", "SENTRY_PROJECT"].map((name) => ({ file: "next.config.ts", rule: "env" as const, subject: `process.env.${name}`,
    why: "source-map upload at `next build`: build-time secrets the running app never sees, so lib/config does not hold them" })),
  { file: "next.config.ts", rule: "seam", subject: "@sentry/nextjs/config",
    why: "Sentry's build plugin must wrap the Next config; run-time Sentry stays in lib/log" },
  { file: "instrumentation-client.ts", rule: "seam", subject: "@sentry/nextjs",
    why: "the browser's error reporting: Next runs this file in the browser before hydration, where lib/log (server-only) cannot load" },
  { file: "components/sdui/mfe-loader.ts", rule: "computed", subject: "<computed>",
    why: "the browser runtime imports a tenant's content-hashed MFE bundle by URL; it never names a platform module" },
  ...["NODE_ENV", "MYCO_PEER_HEADER", "PORT"].map((name) => ({ file: "lib/http/server.mjs", rule: "env" as const, subject: `process.env.${name}`,
    why: "the process entry of `npm start`: it sets the environment Next and lib/config then read (production mode, the peer header's random name) and reads PORT as `next start` does, before any TypeScript module loads" })),
  { file: "components/ui/api-client.ts", rule: "layer", subject: "@/app/api/openapi.json/route-table",
    why: "a type-only import, erased from the bundle: the IDE's typed API client takes its request and result types from the route table's handlers, so a route's zod schema change breaks the IDE's type-check" },
  { file: "lib/bundler/build-runtime.ts", rule: "computed", subject: "<computed>",
    why: "reads the export names of the React entry points listed in REACT_SPECS from the server's own node_modules" },
];

let files: string[] = [];
let violations: Violation[] = [];
let stale: AllowlistEntry[] = [];

beforeAll(() => {
  const tree = checkTree(ROOT, HOUSE_RULES);
  files = tree.files;
  ({ violations, stale } = applyAllowlist(tree.violations, ALLOWLIST));
});

describe("architecture", () => {
  it("reads every source file: app, components, lib, prisma, tests, the root files and .mjs", () => {
    expect(files.length).toBeGreaterThan(300);
    for (const file of ["lib/http/route.ts", "proxy.ts", "instrumentation.ts", "next.config.ts", "vitest.config.mts", "lib/tenant-db/query-runner.mjs", "prisma/migrate.mjs"]) {
      expect(files, file).toContain(file);
    }
  });

  it.each(Object.entries(RULES))("%s: %s", (rule) => {
    expect(violations.filter((v) => v.rule === (rule as Rule)).map(formatViolation)).toEqual([]);
  });

  it("has no allowlist entry left that permits nothing", () => {
    expect(stale).toEqual([]);
  });

  it("has only the lib modules lib/modules.ts lists, each with an index.ts", () => {
    const folders = fs.readdirSync(path.join(ROOT, "lib"), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    for (const m of folders) {
      expect(MODULE_ORDER as readonly string[], `unknown module lib/${m}: add it to lib/modules.ts`).toContain(m);
      expect(fs.existsSync(path.join(ROOT, "lib", m, "index.ts")), `lib/${m}/index.ts`).toBe(true);
    }
  });

  it("docs/architecture.md states the module order of lib/modules.ts", () => {
    expect(checkOrderLine(fs.readFileSync(path.join(ROOT, "docs/architecture.md"), "utf8"), MODULE_ORDER)).toEqual([]);
  });
});
