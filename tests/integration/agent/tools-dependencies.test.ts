import { describe, expect, it } from "vitest";
import { readFile } from "@/lib/workspace";
import { toolRun } from "./tools-support";

const dependenciesOf = async (t: Awaited<ReturnType<typeof toolRun>>) =>
  (JSON.parse((await readFile(t.scope, "package.json")).content) as { dependencies?: Record<string, string> }).dependencies ?? {};

describe("add_dependency", () => {
  it("refuses names and versions that are not registry packages and ranges, before touching package.json", async () => {
    const t = await toolRun("ToolsDepBad");
    const before = (await readFile(t.scope, "package.json")).content;
    for (const args of [
      { name: "Not A Package" },
      { name: "../evil" },
      { name: "clsx", version: "git+https://example.com/x.git" },
      { name: "clsx", version: "file:../x" },
      { name: "clsx", version: "https://example.com/x.tgz" },
    ]) {
      const result = await t.call("add_dependency", args);
      expect(result.ok, JSON.stringify(args)).toBe(false);
      expect(result.content).toMatch(/^Error: invalid arguments\.\n.*(is not an npm package name|must be a semver version or range)/s);
    }
    expect((await readFile(t.scope, "package.json")).content).toBe(before);
  });

  it("answers a package the registry does not have as an error", async () => {
    const t = await toolRun("ToolsDepMissing");
    const result = await t.call("add_dependency", { name: "myco-no-such-package-5f1c2a" });
    expect(result).toEqual({ ok: false, content: 'Error: The npm package "myco-no-such-package-5f1c2a@latest" was not found in the registry.' });
    expect(await dependenciesOf(t)).not.toHaveProperty("myco-no-such-package-5f1c2a");
  }, 60_000);

  it("adds and installs a registry package, at its latest version or a given range", async () => {
    const t = await toolRun("ToolsDepAdd");
    const added = await t.ok<{ name: string; spec: string; version: string }>("add_dependency", { name: "clsx" });
    expect(added).toMatchObject({ name: "clsx", version: expect.stringMatching(/^\d+\.\d+\.\d+/), installed: true });
    expect(added.spec).toBe(`^${added.version}`);
    expect(await dependenciesOf(t)).toMatchObject({ clsx: added.spec });
    expect(t.session.changedPaths.has("package.json")).toBe(true);

    const ranged = await t.ok<{ spec: string; version: string }>("add_dependency", { name: "clsx", version: "~2.0.0" });
    expect(ranged).toMatchObject({ spec: "~2.0.0", version: expect.stringMatching(/^2\.0\.\d+$/) });
    // The installed package is what a component build bundles.
    const built = await t.ok<{ build: { ok: boolean } }>("write_component", {
      name: "Tag",
      code: 'import clsx from "clsx";\nexport default function Tag({ on }: { on?: boolean }) {\n  return <span className={clsx("tag", on && "on")}>tag</span>;\n}\n',
    });
    expect(built.build).toMatchObject({ ok: true });
  }, 180_000);
});
