import { describe, expect, it } from "vitest";
import { deleteFile, getHeadSha, listHistory, readFile, squashSince, writeFile } from "@/lib/workspace";
import { log } from "@/lib/log";
import { ownerScope } from "@/tests/support/scope";

describe("squashSince", () => {
  it("folds the commits since a base into one with the given message, keeping the tree", async () => {
    const scope = await ownerScope("Squasher");
    const base = await getHeadSha(scope);
    await writeFile(scope, "a.md", { content: "one", encoding: "utf8", create: false }, log);
    await writeFile(scope, "b.md", { content: "two", encoding: "utf8", create: false }, log);
    await writeFile(scope, "a.md", { content: "three", encoding: "utf8", create: false }, log);
    const commit = await squashSince(scope, base, "a notes app\n\nwith two files", log);
    const history = await listHistory(scope, { limit: 3 });
    expect(history.commits[0]?.message).toBe("a notes app\n\nwith two files");
    expect(history.commits[1]?.sha).toBe(base);
    expect((await readFile(scope, "a.md")).content).toBe("three");
    expect((await readFile(scope, "b.md")).content).toBe("two");
    expect(await getHeadSha(scope)).toBe(commit?.sha);
  });

  it("returns null and leaves HEAD at the base when nothing was committed, or the changes cancel out", async () => {
    const scope = await ownerScope("Noop");
    const base = await getHeadSha(scope);
    expect(await squashSince(scope, base, "nothing", log)).toBeNull();
    await writeFile(scope, "tmp.md", { content: "x", encoding: "utf8", create: false }, log);
    await deleteFile(scope, "tmp.md", {}, log);
    expect(await squashSince(scope, base, "cancelled out", log)).toBeNull();
    expect(await getHeadSha(scope)).toBe(base);
  });
});
