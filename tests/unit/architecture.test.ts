import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The house style's import rules (../shared/house-style.md), enforced on every file.
const ROOT = path.resolve(import.meta.dirname, "../..");
const MODULE_ORDER = [
  "config", "errors", "log", "sdui", "db", "auth", "security", "workspace", "tenant-db",
  "bundler", "functions", "agent", "releases", "projects", "http",
];
// One owner per seam: these packages may be imported only inside the named lib module.
const SEAM_OWNERS: Record<string, string> = {
  "@prisma/client": "db", "@prisma/adapter-pg": "db", "pglite-prisma-adapter": "db", "@electric-sql/pglite": "db", pg: "db",
  "better-sqlite3": "tenant-db", "simple-git": "workspace", esbuild: "bundler", "isolated-vm": "functions",
  openai: "agent", "@sentry/nextjs": "log", "@upstash/ratelimit": "security", "@upstash/redis": "security",
  ioredis: "security",
};
const MAX_LINES = 300;

type Import = { spec: string; typeOnly: boolean };
type SourceFile = { rel: string; text: string; imports: Import[] };

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : walk(full);
    return /\.(ts|tsx)$/.test(e.name) ? [full] : [];
  });
}

function importsOf(text: string): Import[] {
  const found: Import[] = [];
  const re = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'"]*?\sfrom\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;
  for (const m of text.matchAll(re)) {
    const spec = m[3] ?? m[4];
    if (spec) found.push({ spec, typeOnly: Boolean(m[2]) });
  }
  return found;
}

const files: SourceFile[] = ["app", "components", "lib"].flatMap((top) =>
  walk(path.join(ROOT, top)).map((full) => {
    const text = fs.readFileSync(full, "utf8");
    return { rel: path.relative(ROOT, full), text, imports: importsOf(text) };
  }),
);

function moduleOf(rel: string): string | undefined {
  const m = /^lib\/([^/]+)\//.exec(rel);
  return m?.[1];
}

function packageOf(spec: string): string {
  const parts = spec.split("/");
  return spec.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? spec);
}

function violations(check: (file: SourceFile, imp: Import) => string | undefined): string[] {
  return files.flatMap((f) => f.imports.map((imp) => check(f, imp)).filter((v): v is string => Boolean(v)).map((v) => `${f.rel}: ${v}`));
}

describe("architecture", () => {
  it("reads the source tree", () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files.some((f) => f.rel === "lib/http/route.ts")).toBe(true);
  });

  it("has only the lib modules the design lists, each with an index.ts", () => {
    const modules = fs.readdirSync(path.join(ROOT, "lib"));
    for (const m of modules) {
      expect(MODULE_ORDER, `unknown module lib/${m}`).toContain(m);
      expect(fs.existsSync(path.join(ROOT, "lib", m, "index.ts")), `lib/${m}/index.ts`).toBe(true);
    }
  });

  it("lib modules import only earlier modules, only through their index", () => {
    const bad = violations((f, { spec }) => {
      const own = moduleOf(f.rel);
      if (!own) return undefined;
      const target = /^@\/lib\/([^/]+)(\/.*)?$/.exec(spec);
      if (target?.[2]) return `imports ${spec}; use "@/lib/${target[1]}"`;
      if (target && MODULE_ORDER.indexOf(target[1] ?? "") >= MODULE_ORDER.indexOf(own)) return `${own} may not import ${spec}`;
      if (spec.startsWith("../") && !path.resolve(ROOT, path.dirname(f.rel), spec).startsWith(path.join(ROOT, "lib", own, path.sep))) {
        return `relative import ${spec} leaves lib/${own}`;
      }
      return undefined;
    });
    expect(bad).toEqual([]);
  });

  it("lib never imports app/, components/ or next/* (auth and http excepted)", () => {
    const bad = violations((f, { spec }) => {
      const own = moduleOf(f.rel);
      if (!own) return undefined;
      if (/^@\/(app|components)\//.test(spec)) return `imports ${spec}`;
      if (/^next(\/|$)/.test(spec) && !["auth", "http"].includes(own)) return `imports ${spec}`;
      return undefined;
    });
    expect(bad).toEqual([]);
  });

  it("components import only client-safe lib modules, or types", () => {
    const bad = violations((f, { spec, typeOnly }) => {
      if (!f.rel.startsWith("components/") || typeOnly) return undefined;
      const target = /^@\/lib\/([^/]+)/.exec(spec);
      return target && !["sdui", "errors"].includes(target[1] ?? "") ? `imports ${spec} (only types or sdui/errors)` : undefined;
    });
    expect(bad).toEqual([]);
  });

  it("each seam's package is imported only by its owner module", () => {
    const bad = violations((f, { spec }) => {
      const owner = SEAM_OWNERS[packageOf(spec)];
      return owner && moduleOf(f.rel) !== owner ? `imports ${spec}, owned by lib/${owner}` : undefined;
    });
    expect(bad).toEqual([]);
  });

  it("reads process.env only in lib/config and writes to the console only in lib/log", () => {
    const bad = files.flatMap((f) => [
      // A quoted "process.env.X" is an esbuild define key for browser bundles, not a read.
      ...(f.rel.startsWith("lib/config/") || !/(?<!["'])process\.env\b/.test(f.text) ? [] : [`${f.rel}: reads process.env`]),
      ...(f.rel.startsWith("lib/log/") || !/\bconsole\.\w+\(/.test(f.text) ? [] : [`${f.rel}: uses console`]),
    ]);
    expect(bad).toEqual([]);
  });

  it("route handlers stay thin: no Prisma, no file system", () => {
    const bad = files
      .filter((f) => /^app\/api\/.*route\.ts$/.test(f.rel))
      .flatMap((f) => f.imports.filter((i) => i.spec === "@/lib/db" && !i.typeOnly || /^(node:)?fs/.test(i.spec)).map((i) => `${f.rel}: imports ${i.spec}`));
    expect(bad).toEqual([]);
  });

  it(`keeps files at most ${MAX_LINES} lines`, () => {
    const long = files.filter((f) => f.text.split("\n").length > MAX_LINES).map((f) => f.rel);
    expect(long).toEqual([]);
  });
});
