// The shape of lib/, stated once: tests/unit/architecture.test.ts enforces it on every source file and
// checks that docs/architecture.md gives the same order. Adding a module or a seam starts here.

/** The lib/<module> folders in dependency order: a module imports only modules before it. */
export const MODULE_ORDER = [
  "config", "errors", "log", "storage", "sdui", "db", "coordination", "auth", "security", "workspace", "tenant-db",
  "bundler", "functions", "agent", "releases", "projects", "http",
] as const;

export type ModuleName = (typeof MODULE_ORDER)[number];

/**
 * One owner per seam: each package here is imported only inside its owner module (`node:` builtins by
 * their bare name). The console counts as a seam: `node:console` here, the global by the same rule.
 */
export const SEAM_OWNERS: Readonly<Record<string, ModuleName>> = {
  "@prisma/client": "db", "@prisma/adapter-pg": "db", "pglite-prisma-adapter": "db", "@electric-sql/pglite": "db", pg: "db",
  "better-sqlite3": "tenant-db", "simple-git": "workspace", esbuild: "bundler", "isolated-vm": "functions",
  openai: "agent", "@sentry/nextjs": "log", console: "log", "@upstash/ratelimit": "security", "@upstash/redis": "security",
  ioredis: "security", "prom-client": "log", eslint: "security", "@typescript-eslint/parser": "security",
  "eslint-plugin-security": "security", "eslint-plugin-no-unsanitized": "security", "@aws-sdk/client-s3": "storage",
};

/** The modules client components may take values from; from any other module, only types. */
export const CLIENT_SAFE_MODULES: readonly ModuleName[] = ["sdui", "errors"];

/** The modules that may import next/*; the rest of lib/ runs without Next (scripts, runners, tests). */
export const NEXT_MODULES: readonly ModuleName[] = ["auth", "http"];
