// A source tree that breaks every rule in every spelling the checker claims to see. Each line that the
// checker must report carries `//! <rule> <subject>` (a comment, so the checker itself never reads it);
// a file without markers must produce nothing. tests/unit/architecture-checker.test.ts holds the checker to it.

const lines = (count: number) => Array.from({ length: count }, (_, i) => `export const v${i} = ${i};`).join("\n");

export const FIXTURE_TREE: Record<string, string> = {
  "lib/db/index.ts": `export { x } from "./x";\n`,
  "lib/db/x.ts": `export const x = 1;\n`,
  "lib/functions/relative.ts": `
import { a } from "./../db/x"; //! relative ./../db/x
import { b } from ".././db/x"; //! relative .././db/x
import * as c from ".."; //! relative ..
import { d } from "../db"; //! relative ../db
import { e } from "./runner/helper";
import { f } from "../../../etc/passwd"; //! relative ../../../etc/passwd
import { g } from "@/lib/db";
`,
  "lib/db/order.ts": `
import { run } from "@/lib/agent"; //! order @/lib/agent
import type { Scope } from "@/lib/auth"; //! order @/lib/auth
import { x } from "@/lib/db/x"; //! index @/lib/db/x
import { getConfig } from "@/lib/config";
`,
  "lib/agent/deep.ts": `
import { readFiles } from "@/lib/workspace/read-files"; //! index @/lib/workspace/read-files
import { write } from "@/lib/workspace/index"; //! index @/lib/workspace/index
import { route } from "@/lib/http"; //! order @/lib/http
`,
  "lib/agent/layers.ts": `
import { Panel } from "@/components/ide/panel"; //! layer @/components/ide/panel
import { GET } from "@/app/api/things/route"; //! layer @/app/api/things/route
import { redirect } from "next/navigation"; //! layer next/navigation
import { call } from "@/tests/support/http"; //! layer @/tests/support/http
import { MODULE_ORDER } from "@/lib/modules"; //! layer @/lib/modules
import { main } from "@/prisma/migrate.mjs"; //! layer @/prisma/migrate.mjs
import { proxy } from "@/proxy"; //! layer @/proxy
`,
  "lib/auth/next.ts": `import { cookies } from "next/headers";\n`,
  "lib/workspace/forms.ts": `
import type { Plugin } from "esbuild"; //! seam esbuild
import "isolated-vm"; //! seam isolated-vm
import { //! seam openai
  OpenAI,
  APIError,
} from "openai";
export { Database } from "better-sqlite3"; //! seam better-sqlite3
export * from "@upstash/redis"; //! seam @upstash/redis
const sentry = await import("@sentry/nextjs"); //! seam @sentry/nextjs
const pg = require("pg"); //! seam pg
import prisma = require("@prisma/client"); //! seam @prisma/client
const esbuild = createRequire(import.meta.url)("esbuild"); //! seam esbuild
const load = module.createRequire(import.meta.url);
const redis = load("ioredis"); //! seam ioredis
const where = load.resolve("@upstash/ratelimit"); //! seam @upstash/ratelimit
type Lite = import("@electric-sql/pglite").PGlite; //! seam @electric-sql/pglite
const adapter = import.meta.resolve("pglite-prisma-adapter"); //! seam pglite-prisma-adapter
const vm = require.resolve("isolated-vm/package.json"); //! seam isolated-vm/package.json
const ai = module.require("openai"); //! seam openai
import git from "simple-git";
`,
  "lib/functions/runner/entry.mjs": `
import { createRequire as make } from "node:module";
const req = make(import.meta.url);
const Database = req("better-sqlite3"); //! seam better-sqlite3
`,
  "lib/tenant-db/query-runner.mjs": `
import Database from "better-sqlite3";
import * as esbuild from "esbuild"; //! seam esbuild
`,
  "lib/security/legacy.cjs": `
const ivm = require("isolated-vm"); //! seam isolated-vm
const { env } = require("node:process"); //! env process.env
const { createRequire: makeRequire } = require("node:module");
const git = makeRequire(__filename)("simple-git"); //! seam simple-git
`,
  "lib/security/typed.cts": `import git = require("simple-git"); //! seam simple-git\n`,
  "lib/security/plain.js": `export { default } from "openai"; //! seam openai\n`,
  "lib/security/module.mts": `
import { createRequire as make } from "node:module";
export const ai = make(import.meta.url)("openai"); //! seam openai
`,
  "lib/auth/env.ts": `
import { env } from "node:process"; //! env process.env
import proc from "process";
import * as nodeProcess from "node:process";
export const a = process.env.A; //! env process.env.A
export const b = process["env"]; //! env process.env
const { env: e } = process; //! env process.env
export const c = globalThis.process.env.C; //! env process.env.C
export const d = proc.env; //! env process.env
export const f = nodeProcess.env; //! env process.env
const p = globalThis["process"];
const q = p;
export const j = q?.env; //! env process.env
export const g = p.env.G; //! env process.env.G
export const h = (process as NodeJS.Process).env["H"]; //! env process.env.H
export const i = (await import("node:process")).env; //! env process.env
export const all = { env, e };
export { env as processEnv } from "node:process"; //! env process.env
export * from "process"; //! env process.env
export { cwd } from "node:process";
`,
  "lib/auth/quiet.ts": `
// import "esbuild"; process.env.SECRET; console.log("x"); require("pg")
/* const pg = require("pg"); import("openai") */
export const define = { "process.env.NODE_ENV": '"production"' };
export const text = 'import("openai") and require("ioredis") and import "esbuild"';
export const banner = \`const require = createRequire(import.meta.url); require("esbuild")\`;
export const word = "process.env";
export const cwd = process.cwd();
`,
  "lib/auth/talk.ts": `
import out from "node:console"; //! seam node:console
console.log("x"); //! console console.log
globalThis.console.error("y"); //! console console.error
out.info("z"); //! console console.info
`,
  "lib/log/index.ts": `console.log("the log module owns the console");\n`,
  "lib/config/index.ts": `export const env = process.env;\n`,
  "lib/bundler/dynamic.ts": `
const name = "esbuild";
export const a = await import(name); //! computed <computed>
export const b = require(\`\${name}\`); //! computed <computed>
`,
  "lib/db/long.ts": `export const first = 0; //! lines lines\n${lines(300)}\n`,
  "lib/db/exactly.ts": `${lines(300)}\n`,
  "lib/stray.ts": `export const stray = 1; //! placement file\n`,
  "lib/modules.ts": `import { z } from "zod"; //! layer zod\nimport { stray } from "./stray"; //! layer ./stray\n`,
  "app/(ide)/page.tsx": `
import { editFile } from "@/lib/agent/tools/edit-file"; //! index @/lib/agent/tools/edit-file
import { Builder } from "@/components/ide/builder";
import { route } from "../../lib/http"; //! relative ../../lib/http
import { sign } from "@/lib/auth";
export default function Page() { return <Builder />; }
`,
  "components/ide/panel.tsx": `
import { readFiles } from "@/lib/workspace/read-files"; //! index @/lib/workspace/read-files
import { db } from "@/lib/db"; //! client @/lib/db
import type { Project } from "@/lib/projects";
import { AppError } from "@/lib/errors";
import { matchRoute } from "@/lib/sdui/client";
import { sign } from "@/lib/auth/client"; //! index @/lib/auth/client
import { Field } from "../ui/field";
import Page from "@/app/(ide)/page"; //! layer @/app/(ide)/page
export const Panel = () => process.env.NEXT_PUBLIC_X; //! env process.env.NEXT_PUBLIC_X
`,
  "app/api/things/route.ts": `
import { readFile } from "node:fs/promises"; //! handler node:fs/promises
import { db } from "@/lib/db"; //! handler @/lib/db
import type { Db } from "@/lib/db";
import { PrismaClient } from "@prisma/client"; //! handler @prisma/client
const fs = require("fs"); //! handler fs
import { x } from "../../../lib/db"; //! handler ../../../lib/db
import { client } from "@/lib/db/generated/client"; //! handler @/lib/db/generated/client
import { route } from "@/lib/http";
`,
  "app/apps-host/[slug]/route.ts": `
import { readFileSync } from "node:fs"; //! handler node:fs
import fs from "fs"; //! handler fs
`,
  "proxy.ts": `import { classifyHost } from "@/lib/security/hosts"; //! index @/lib/security/hosts\n`,
  "instrumentation.ts": `export const runtime = process.env.NEXT_RUNTIME; //! env process.env.NEXT_RUNTIME\n`,
  "next.config.ts": `import { withSentryConfig } from "@sentry/nextjs/config"; //! seam @sentry/nextjs/config\n`,
  "vitest.config.mts": `export default { include: process.env.MYCO_BENCH ? [] : ["tests"] };\n`,
  "prisma/migrate.mjs": `
import { PGlite } from "@electric-sql/pglite";
import { openTarget } from "./schema-engine.mjs";
import { getConfig } from "../lib/config/index.ts"; //! relative ../lib/config/index.ts
import * as esbuild from "esbuild"; //! seam esbuild
console.log(process.env.DATABASE_URL);
import { db } from "@/lib/db"; //! layer @/lib/db
`,
  "tests/unit/deep.test.ts": `
import { editFile } from "@/lib/agent/tools/edit-file";
import Database from "better-sqlite3";
import { assertPgliteVersion } from "../../prisma/schema-engine.mjs";
console.log(process.env.X);
`,
  "scripts/tool.ts": `export const tool = 1; //! placement file\n`,
  // Not source: never walked.
  "lib/agent/node_modules/pkg/index.js": `require("esbuild");\n`,
  ".next/server/chunk.js": `require("esbuild");\n`,
  "data/workspaces/p1/functions/f.ts": `import "esbuild";\n`,
  "lib/db/generated/client.ts": `console.log(process.env.DATABASE_URL);\n`,
  "README.md": `import "esbuild"\n`,
};

/** The files the checker must walk: everything above but dependencies, build output, run-time data and generated code. */
export const FIXTURE_SOURCE_FILES = Object.keys(FIXTURE_TREE)
  .filter((f) => !/(^|\/)(node_modules|\.next|data)\/|^lib\/db\/generated\/|\.md$/.test(f))
  .sort();

/** What each marker line says the checker must report, as "line rule subject". */
export function expectedFindings(text: string): string[] {
  return text.split("\n").flatMap((line, i) =>
    line.split("//!").slice(1).map((marker) => `${i + 1} ${marker.trim()}`),
  );
}
