// Every path a tenant build reads must lie in its workspace or its own installed packages (issue 10).
// The hostile packages are written by hand into <deps>/node_modules with the installer's marker, so no
// npm install runs; the server's side is planted where it sits in production, above the deps folder:
// a tsconfig.json with "@/*" paths and a node_modules holding the server's own packages.
import fs from "node:fs/promises";
import path from "node:path";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as invokeRoute } from "@/app/api/projects/[projectId]/functions/[name]/invoke/route";
import { BuildError, buildComponent, buildFunction, readArtifact } from "@/lib/bundler";
import { readInside } from "@/lib/bundler/package-jail";
import { getConfig } from "@/lib/config";
import { shutdownRuntime } from "@/lib/functions";
import { applyChanges } from "@/lib/workspace";
import type { ProjectScope } from "@/lib/auth";
import { log } from "@/lib/log";
import { call } from "@/tests/support/http";
import { ownerTenant } from "@/tests/support/scope";
import type { TestUser } from "@/tests/support/accounts";

afterAll(() => shutdownRuntime());

const UP = "../../../../.."; // from <deps>/node_modules/<pkg>/ to the data dir
const OTHER_MARKER = "other-tenant-private-7f3a";
const OUTSIDE_MARKER = "outside-the-jail-91c2";
const SERVER_MARKER = "server-only-package-5d0e";

type Files = Record<string, string>;
const write = (scope: ProjectScope, files: Files) =>
  applyChanges(scope, { message: "test files", changes: Object.entries(files).map(([p, content]) => ({ op: "write" as const, path: p, content, encoding: "utf8" as const })) }, log);

async function writeTree(root: string, files: Files): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await fs.writeFile(path.join(root, rel), content);
  }
}

/**
 * Installs `packages` by hand and lists them in package.json, with the installer's marker for that list
 * written first, so no build (the one each commit starts in the background among them) runs npm.
 */
async function installByHand(scope: ProjectScope, packages: Record<string, Files>): Promise<string> {
  await buildComponent(scope, "Welcome", log); // the background build of the last commit, and its install, are done
  const dependencies = Object.fromEntries(Object.keys(packages).map((name) => [name, "1.0.0"]));
  const deps = path.join(getConfig().dataDir, "workspaces", scope.projectId, "deps");
  for (const [name, files] of Object.entries(packages)) await writeTree(path.join(deps, "node_modules", name), { "package.json": JSON.stringify({ name, version: "1.0.0", main: "index.js" }), ...files });
  await fs.writeFile(path.join(deps, ".installed"), createHash("sha256").update(JSON.stringify(dependencies)).digest("hex"));
  await write(scope, { "package.json": JSON.stringify({ name: "jail", private: true, dependencies }) });
  return deps;
}

async function refusal(build: Promise<unknown>): Promise<BuildError> {
  const err = await build.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(BuildError);
  return err as BuildError;
}

const dataDir = () => getConfig().dataDir;
let secret = "";
let tenant: { user: TestUser; projectId: string; scope: ProjectScope };
let otherId = "";

beforeAll(async () => {
  const secretFile = path.join(dataDir(), "auth-secret");
  secret = getConfig().authSecret; // made in the data dir unless AUTH_SECRET is set
  if (!(await fs.stat(secretFile).catch(() => null))) await fs.writeFile(secretFile, secret);
  secret = (await fs.readFile(secretFile, "utf8")).trim();
  const repoModules = path.join(process.cwd(), "node_modules");
  await writeTree(dataDir(), {
    "tsconfig.json": JSON.stringify({ compilerOptions: { paths: { "@/*": ["./*"], "@/data/*": ["./*"] } } }),
    "note.txt": `note ${OUTSIDE_MARKER}`,
    "config.json": JSON.stringify({ marker: OUTSIDE_MARKER }),
    "outside.js": `module.exports = "${OUTSIDE_MARKER}";`,
    "outside-pkg/package.json": JSON.stringify({ name: "myco-linked", version: "1.0.0", main: "index.js" }),
    "outside-pkg/index.js": `module.exports = "${OUTSIDE_MARKER}";`,
    "node_modules/myco-jail-server-pkg/package.json": JSON.stringify({ name: "myco-jail-server-pkg", main: "index.js" }),
    "node_modules/myco-jail-server-pkg/index.js": `module.exports = "${SERVER_MARKER}";`,
  });
  await fs.symlink(path.join(repoModules, "zod"), path.join(dataDir(), "node_modules", "zod"));
  await fs.symlink(path.join(repoModules, "next"), path.join(dataDir(), "node_modules", "next"));

  const other = await ownerTenant("Other");
  otherId = other.projectId;
  await write(other.scope, { "functions/private.ts": `export const key = "${OTHER_MARKER}";\n` });
}, 60_000);

const EVIL: Files = {
  "index.js": 'module.exports = "myco-evil";',
  "secret-text.mjs": `import c from "${UP}/auth-secret" with { type: "text" };\nexport default c;`,
  "secret-require.js": `module.exports = require("${UP}/auth-secret");`,
  "note-txt.js": `module.exports = require("${UP}/note.txt");`,
  "config-json.js": `module.exports = require("${UP}/config.json");`,
  "hostname.mjs": 'import h from "/etc/hostname" with { type: "text" };\nexport default h;',
  "server-zod.js": 'module.exports = require("zod");',
  "server-next.mjs": 'import n from "next";\nexport default n;',
  "server-pkg.js": 'module.exports = require("myco-jail-server-pkg");',
  "dotdot.js": `module.exports = require("myco-evil/${UP}/auth-secret");`,
  "dotdot-root.js": 'module.exports = require("myco-evil/../../../..");',
  "inside-text.mjs": 'import t from "./index.js" with { type: "text" };\nexport default t;',
  "glob.js": `module.exports = (name) => require("${UP}/" + name);`,
};

/** [what, the line that defines v, what the error message must name]. */
function attacks(): [string, string, string][] {
  const secretFile = path.join(dataDir(), "auth-secret");
  const otherFile = `../../../../${otherId}/tree/functions/private.ts`;
  return [
    ["the server's secret through its tsconfig's @/ paths", 'import v from "@/data/auth-secret" with { type: "text" };', '"@/data/auth-secret"'],
    ["the server's secret through @/ at the data dir", 'import v from "@/auth-secret" with { type: "text" };', '"@/auth-secret"'],
    ["the server's secret by absolute path", `import v from ${JSON.stringify(secretFile)} with { type: "text" };`, JSON.stringify(secretFile)],
    ["the server's secret by a ../ walk", 'import v from "../../../auth-secret" with { type: "text" };', '"../../../auth-secret"'],
    ["the server's secret by a ../ walk inside a package", 'import v from "myco-evil/secret-text.mjs";', `"${UP}/auth-secret"`],
    ["the server's secret by require() inside a CommonJS package", 'import v from "myco-evil/secret-require.js";', `"${UP}/auth-secret"`],
    ["the server's secret by absolute path inside a package", 'import v from "myco-evil/secret-abs.mjs";', JSON.stringify(secretFile)],
    ["the server's secret by pkg/../../ from the workspace", `import v from "myco-evil/${UP}/auth-secret" with { type: "text" };`, `"myco-evil/${UP}/auth-secret"`],
    ["the server's secret by pkg/../../ inside a package", 'import v from "myco-evil/dotdot.js";', `"myco-evil/${UP}/auth-secret"`],
    ["pkg/../../../.. inside a package", 'import v from "myco-evil/dotdot-root.js";', '"myco-evil/../../../.."'],
    ["another tenant's source file from the workspace", `import v from "${otherFile}" with { type: "text" };`, `"${otherFile}"`],
    ["another tenant's source file from a package", `import v from "myco-evil/other-tenant.mjs";`, `"../../../../${otherId}/tree/functions/private.ts"`],
    ["/etc/hostname from the workspace", 'import v from "/etc/hostname" with { type: "text" };', '"/etc/hostname"'],
    ["/etc/hostname from a package", 'import v from "myco-evil/hostname.mjs";', '"/etc/hostname"'],
    ["a server package from the workspace", 'import v from "myco-jail-server-pkg";', '"myco-jail-server-pkg"'],
    ["zod, a server package, from a package", 'import v from "myco-evil/server-zod.js";', '"zod"'],
    ["next, a server package, from a package", 'import v from "myco-evil/server-next.mjs";', '"next"'],
    ["a server package from a package", 'import v from "myco-evil/server-pkg.js";', '"myco-jail-server-pkg"'],
    ["a package folder that is a symlink to outside", 'import v from "myco-linked";', '"myco-linked"'],
    ["a package file that is a symlink to outside", 'import v from "myco-evil/link.js";', '"myco-evil/link.js"'],
    ["a plain .txt import of an outside file", 'import v from "myco-evil/note-txt.js";', `"${UP}/note.txt"`],
    ["a plain .json import of an outside file", 'import v from "myco-evil/config-json.js";', `"${UP}/config.json"`],
    ['with { type: "text" } on a workspace file', 'import v from "./data.ts" with { type: "text" };', '"./data.ts"'],
    ['with { type: "text" } on a package file', 'import v from "myco-evil/inside-text.mjs";', '"./index.js"'],
    ["a .txt file of the workspace", 'import v from "./notes.txt";', '"./notes.txt"'],
    ["a glob import reaching outside from the workspace", "const v = (n: string) => import(`../${n}`);", "`../${n}`"],
    ["a glob require reaching outside from a package", 'import v from "myco-evil/glob.js";', `"${UP}/"+name`],
  ];
}

const functionOf = (line: string) => `${line}\nexport default async () => ({ v: String(v) });\n`;
const componentOf = (name: string, line: string) => `${line}\nexport default function ${name}() {\n  return <pre>{String(v)}</pre>;\n}\n`;

describe("the build jail", () => {
  beforeAll(async () => {
    tenant = await ownerTenant("Jail");
    const deps = await installByHand(tenant.scope, { "myco-evil": EVIL });
    await fs.writeFile(path.join(deps, "node_modules/myco-evil/secret-abs.mjs"), `import c from ${JSON.stringify(path.join(dataDir(), "auth-secret"))} with { type: "text" };\nexport default c;`);
    await fs.writeFile(path.join(deps, "node_modules/myco-evil/other-tenant.mjs"), `import s from "../../../../${otherId}/tree/functions/private.ts" with { type: "text" };\nexport default s;`);
    await fs.symlink(path.join(dataDir(), "outside.js"), path.join(deps, "node_modules/myco-evil/link.js"));
    await fs.symlink(path.join(dataDir(), "outside-pkg"), path.join(deps, "node_modules/myco-linked"));
    const files: Files = { "functions/data.ts": "export default 1;\n", "functions/notes.txt": "notes\n", "components/data.ts": "export default 1;\n", "components/notes.txt": "notes\n" };
    attacks().forEach(([, line], i) => {
      files[`functions/a${i}.ts`] = functionOf(line);
      files[`components/A${i}.tsx`] = componentOf(`A${i}`, line);
    });
    // A tsconfig.json of the tenant's own that tries to point esbuild at the server: ignored but for its safe options.
    files["tsconfig.json"] = '{\n  // the tenant\'s\n  "extends": "../../../tsconfig.json",\n  "compilerOptions": { "baseUrl": "../../..", "paths": { "@/*": ["./*"] }, },\n}\n';
    await write(tenant.scope, files);
  }, 60_000);

  it.each(attacks().map(([what], i) => [what, i] as const))("refuses %s, in a function and in a component", async (_what, i) => {
    const [, , names] = attacks()[i] ?? ["", "", ""];
    for (const build of [() => buildFunction(tenant.scope, `a${i}`), () => buildComponent(tenant.scope, `A${i}`)]) {
      const err = await refusal(build());
      expect(err.message).toContain(names);
      const everything = JSON.stringify({ message: err.message, diagnostics: err.diagnostics });
      for (const leaked of [secret, OTHER_MARKER, OUTSIDE_MARKER, SERVER_MARKER]) expect(everything).not.toContain(leaked);
    }
  });
});

describe("the build jail's refusals", () => {
  it("refuses the server's own zod and next imported by a function, as packages the project lacks", async () => {
    await write(tenant.scope, {
      "functions/zod.ts": 'import { z } from "zod";\nexport default async () => z.string().parse("x");\n',
      "functions/next.ts": 'import next from "next";\nexport default async () => typeof next;\n',
    });
    expect((await refusal(buildFunction(tenant.scope, "zod"))).message).toContain('Package "zod" is not installed');
    expect((await refusal(buildFunction(tenant.scope, "next"))).message).toContain('Package "next" is not installed');
  });

  it("words a refusal the same whether the outside file exists or not", async () => {
    const deps = path.join(dataDir(), "workspaces", tenant.projectId, "deps");
    await fs.writeFile(path.join(deps, "node_modules/myco-evil/missing.mjs"), `import t from "${UP}/no-such-file" with { type: "text" };\nexport default t;`);
    await write(tenant.scope, {
      "functions/exists.ts": functionOf('import v from "myco-evil/secret-text.mjs";'),
      "functions/missing.ts": functionOf('import v from "myco-evil/missing.mjs";'),
      "functions/serverpkg.ts": functionOf('import v from "myco-jail-server-pkg";'),
      "functions/nopkg.ts": functionOf('import v from "myco-jail-no-such-pkg";'),
      "functions/globsome.ts": functionOf("const v = (n: string) => import(`../${n}`);"),
      "functions/globnone.ts": functionOf("const v = (n: string) => import(`./no-such-folder/${n}`);"),
      "functions/globinside.ts": functionOf("const v = (n: string) => import(`./node_modules/myco-evil/${n}`);"),
    });
    const texts = async (...names: string[]) => Promise.all(names.map(async (n) => (await refusal(buildFunction(tenant.scope, n))).diagnostics.map((d) => d.message.replace(/^Cannot import .*?: /, "")).join("\n")));
    const [exists, missing = ""] = await texts("exists", "missing");
    expect(exists).toBe(missing.replace("no-such-file", "auth-secret"));
    const [serverPkg, noPkg = ""] = await texts("serverpkg", "nopkg");
    expect(serverPkg).toBe(noPkg.replace("myco-jail-no-such-pkg", "myco-jail-server-pkg"));
    const globs = await texts("globsome", "globnone", "globinside");
    expect(new Set(globs).size).toBe(1);
  });

  it("never lets the secret reach an invoke response", async () => {
    await write(tenant.scope, {
      "functions/leak.ts": 'import c from "@/data/auth-secret" with { type: "text" };\nexport default async () => ({ c });\n',
      "functions/leakpkg.ts": 'import c from "myco-evil/secret-text.mjs";\nexport default async () => ({ c });\n',
    });
    for (const name of ["leak", "leakpkg"]) {
      const res = await call(invokeRoute, { method: "POST", token: tenant.user.token, params: { projectId: tenant.projectId, name }, body: {} });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe("unprocessable");
      expect(JSON.stringify(res.body)).not.toContain(secret);
    }
  });
});

describe("what the build jail lets through", () => {
  const KIT: Files = {
    "package.json": JSON.stringify({ name: "@acme/kit", version: "1.0.0", exports: { ".": "./index.js", "./fp": "./fp.mjs", "./hook": "./hook.mjs", "./data.json": "./data.json", "./style.css": "./style.css" } }),
    "index.js": 'module.exports = { kit: require("./lib/a.js") + require("inner") };',
    "lib/a.js": 'module.exports = "A";',
    "node_modules/inner/package.json": JSON.stringify({ name: "inner", version: "1.0.0", main: "index.js" }),
    "node_modules/inner/index.js": 'module.exports = "INNER";',
    "fp.mjs": 'export const fp = "FP";',
    "hook.mjs": 'import { useState } from "react";\nexport const useToggle = () => useState(false);',
    "data.json": JSON.stringify({ answer: 42 }),
    "style.css": ".kit { color: teal; }",
  };
  const PLAIN: Files = {
    "package.json": JSON.stringify({ name: "myco-plain", version: "1.0.0", main: "main.js", browser: { "./server.js": false, "./impl.js": "./impl-browser.js", fs: false } }),
    "main.js": 'module.exports = { impl: require("./impl"), deep: require("./sub/deep.js") };',
    "impl.js": 'module.exports = "IMPL-NODE";',
    "impl-browser.js": 'module.exports = "IMPL-BROWSER";',
    "sub/deep.js": 'module.exports = "DEEP";',
    "browser-only.js": 'module.exports = { server: require("./server.js"), fs: require("fs") };',
    "server.js": 'module.exports = "SERVER-ONLY";',
  };

  it("bundles scoped packages, sub-paths, exports maps, nested packages and JSON into a function, with the project's safe tsconfig options", async () => {
    const { scope } = await ownerTenant("Good");
    await installByHand(scope, { "@acme/kit": KIT, "myco-plain": PLAIN });
    await write(scope, {
      "tsconfig.json": '{\n  /* only options that change emitted code are used */\n  "compilerOptions": { "useDefineForClassFields": false, "paths": { "@/*": ["../../*"] } },\n}\n',
      "functions/good.ts": [
        'import kit from "@acme/kit";', 'import { fp } from "@acme/kit/fp";', 'import data from "@acme/kit/data.json" with { type: "json" };',
        'import plain from "myco-plain";', 'import deep from "myco-plain/sub/deep.js";', "class Box { size = 3; }",
        "export default async () => ({ kit, fp, answer: data.answer, plain, deep, size: new Box().size });", "",
      ].join("\n"),
    });
    const built = await buildFunction(scope, "good");
    const handler = new Function(`${built.script}; return __mycoFunction.default;`)() as () => Promise<unknown>;
    expect(await handler()).toEqual({ kit: { kit: "AINNER" }, fp: "FP", answer: 42, plain: { impl: "IMPL-NODE", deep: "DEEP" }, deep: "DEEP", size: 3 });
    expect(built.script).toContain("this.size=3");
  });

  it("bundles a component with its packages' browser maps, React external and CSS as strings", async () => {
    const { scope } = await ownerTenant("GoodUi");
    await installByHand(scope, { "@acme/kit": KIT, "myco-plain": PLAIN });
    await write(scope, {
      "components/Good.css": ".good { color: olive; }",
      "components/Good.tsx": [
        'import kit from "@acme/kit";', 'import { useToggle } from "@acme/kit/hook";', 'import kitCss from "@acme/kit/style.css";',
        'import plain from "myco-plain";', 'import browserOnly from "myco-plain/browser-only.js";', 'import own from "./Good.css";',
        "export const styles = kitCss + own;",
        "export default function Good() {", "  const [on] = useToggle();", "  return <pre>{JSON.stringify({ kit, plain, browserOnly, on })}</pre>;", "}", "",
      ].join("\n"),
    });
    const built = await buildComponent(scope, "Good");
    const code = (await readArtifact(built.url.replace("/_myco/a/", "")))?.toString() ?? "";
    for (const text of ["IMPL-BROWSER", "INNER", "DEEP", ".kit { color: teal; }", ".good { color: olive; }"]) expect(code).toContain(text);
    for (const text of ["IMPL-NODE", "SERVER-ONLY"]) expect(code).not.toContain(text);
    expect(code).toMatch(/from\s*"react"/);
  });
});

describe("reading a package file", () => {
  it("reads nothing through a symlink swapped in after the file was resolved", async () => {
    const packages = await fs.realpath(await fs.mkdtemp(path.join(dataDir(), "swap-")));
    await writeTree(packages, { "pkg/a.js": "module.exports = 1;", "pkg/dir/b.js": "module.exports = 2;" });
    const file = path.join(packages, "pkg/a.js");
    expect((await readInside(packages, file))?.toString()).toBe("module.exports = 1;");
    await fs.rm(file);
    await fs.symlink(path.join(dataDir(), "outside.js"), file);
    expect(await readInside(packages, file)).toBeNull();
    await fs.rm(path.join(packages, "pkg/dir"), { recursive: true });
    await fs.symlink(path.join(dataDir(), "outside-pkg"), path.join(packages, "pkg/dir"));
    expect(await readInside(packages, path.join(packages, "pkg/dir/index.js"))).toBeNull();
    expect(await readInside(packages, path.join(packages, "pkg"))).toBeNull();
  });
});
