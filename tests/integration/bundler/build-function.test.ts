import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BuildError, buildFunction, readArtifact } from "@/lib/bundler";
import { applyChanges } from "@/lib/workspace";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { log } from "@/lib/log";
import { ownerScope } from "@/tests/support/scope";

type Files = Record<string, string>;
async function write(scope: Awaited<ReturnType<typeof ownerScope>>, files: Files) {
  const changes = Object.entries(files).map(([path, content]) => ({ op: "write" as const, path, content, encoding: "utf8" as const }));
  await applyChanges(scope, { message: "test files", changes }, log);
}

function run(script: string, req: unknown): Promise<unknown> {
  const fn = new Function(`${script}; return __mycoFunction.default;`)() as (r: unknown, c: unknown) => Promise<unknown>;
  return fn(req, {});
}

describe("buildFunction", () => {
  it("bundles a function and its relative imports into one registered, content-addressed script", async () => {
    const scope = await ownerScope("Bundle");
    await write(scope, {
      "functions/greet.ts": 'import { shout } from "./lib/shout";\nexport default async (req: { query: { name: string } }) => ({ text: shout(req.query.name) });\n',
      "functions/lib/shout.ts": "export const shout = (s: string): string => `${s.toUpperCase()}!`;\n",
    });
    const built = await buildFunction(scope, "greet");
    expect(await run(built.script, { query: { name: "ada" } })).toEqual({ text: "ADA!" });
    expect((await readArtifact(`functions/${built.contentHash}.js`))?.toString()).toBe(built.script);
    const version = await (await getDb()).functionVersion.findUniqueOrThrow({ where: { id: built.versionId } });
    expect(version).toMatchObject({ name: "greet", contentHash: built.contentHash, commitSha: built.commitSha });
    expect(await buildFunction(scope, "greet")).toBe(await buildFunction(scope, "greet"));
  });

  it("reports a syntax error with file, line and column", async () => {
    const scope = await ownerScope("Broken");
    await write(scope, { "functions/broken.ts": "export default async () => {\n  const x = ;\n};\n" });
    const err = await buildFunction(scope, "broken").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BuildError);
    expect((err as BuildError).diagnostics[0]).toMatchObject({ file: "functions/broken.ts", line: 2, column: 13 });
    expect((err as BuildError).message).toMatch(/^functions\/broken\.ts:2:13: /);
  });

  it("refuses Node built-ins and imports that leave the workspace", async () => {
    const scope = await ownerScope("Escape");
    await write(scope, {
      "functions/fs.ts": 'import fs from "node:fs";\nexport default () => fs.readFileSync("/etc/passwd", "utf8");\n',
      "functions/up.ts": 'import x from "../../../../etc/passwd";\nexport default () => x;\n',
      "functions/abs.ts": 'import x from "/etc/passwd";\nexport default () => x;\n',
    });
    await expect(buildFunction(scope, "fs")).rejects.toThrow(/Node built-in "node:fs" is not available/);
    await expect(buildFunction(scope, "up")).rejects.toThrow(/Cannot find/);
    await expect(buildFunction(scope, "abs")).rejects.toThrow(/Cannot import "\/etc\/passwd": absolute imports are not allowed/);
  });

  it("answers not_found for a function that does not exist", async () => {
    const scope = await ownerScope("Missing");
    await expect(buildFunction(scope, "nope")).rejects.toMatchObject({ code: "not_found" });
  });

  it("installs a pure-JS npm package listed in package.json into the deps folder alone, and bundles it", async () => {
    const scope = await ownerScope("Npm");
    // A package.json above the deps folder that claims it as a workspace: npm must not take it as its root.
    const projectDir = path.join(getConfig().dataDir, "workspaces", scope.projectId);
    fs.writeFileSync(path.join(projectDir, "package.json"), JSON.stringify({ name: "above", private: true, workspaces: ["deps"] }));
    await write(scope, {
      "package.json": JSON.stringify({ name: "npm-app", private: true, dependencies: { ms: "2.1.3" } }),
      "functions/dur.ts": 'import ms from "ms";\nexport default () => ({ ms: ms("2 days") });\n',
    });
    const built = await buildFunction(scope, "dur");
    expect(await run(built.script, {})).toEqual({ ms: 172_800_000 });
    expect(fs.existsSync(path.join(projectDir, "deps", "node_modules", "ms"))).toBe(true);
    expect(fs.existsSync(path.join(projectDir, "node_modules"))).toBe(false);
  }, 120_000);

  // npm would read ".." and "." as folders and "x.tgz" as a tarball on disk: refused before npm runs.
  it.each(["git+https://example.com/evil.git", "..", ".", "x.tgz"])("refuses the non-registry package spec %s in package.json", async (spec) => {
    const scope = await ownerScope("Git");
    await write(scope, { "package.json": JSON.stringify({ dependencies: { evil: spec } }) });
    await expect(buildFunction(scope, "hello")).rejects.toMatchObject({
      code: "unprocessable", field: "package.json", message: "package.json: dependencies.evil must be a semver version or range, e.g. ^2.1.0",
    });
  });
});
