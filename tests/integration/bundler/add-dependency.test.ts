import { describe, expect, it } from "vitest";
import { addDependency } from "@/lib/bundler";
import { readFile } from "@/lib/workspace";
import { log } from "@/lib/log";
import { ownerScope } from "@/tests/support/scope";

describe("addDependency", () => {
  it.each([
    [{ name: "lodash/fp" }, "name"],
    [{ name: "Not A Package" }, "name"],
    [{ name: "left-pad", version: "git+https://example.com/x.git" }, "version"],
    [{ name: "left-pad", version: "file:../x" }, "version"],
    // npm reads these as folders and tarballs on disk: ".." would install the project's own folder.
    [{ name: "left-pad", version: ".." }, "version"],
    [{ name: "left-pad", version: "." }, "version"],
    [{ name: "left-pad", version: "1.3.0.tgz" }, "version"],
  ])("refuses %o with unprocessable naming %s, leaving package.json alone", async (input, field) => {
    const scope = await ownerScope("Deps");
    const before = (await readFile(scope, "package.json")).content;
    await expect(addDependency(scope, input, log)).rejects.toMatchObject({ code: "unprocessable", field });
    expect((await readFile(scope, "package.json")).content).toBe(before);
  });
});
